// SPDX-License-Identifier: GPL-2.0
/*
 * wqctl: the command line of wqdemo. main() takes the global options and
 * hands OBJECT COMMAND to the table of objects (grammar.c); each object
 * is a file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "grammar.h"
#include "opts.h"

static int run(int argc, char **argv)
{
	int c;

	cmd_getopt_init();
	/* The options before OBJECT are ours, those after it are not. */
	while ((c = cmd_getopt_global(argc, argv, wqctl_global_opts)) != -1) {
		switch (c) {
		case 'j':
			wqctl_opts.json = true;
			break;
		case 'p':
			wqctl_opts.pretty = true;
			wqctl_opts.json = true;
			break;
		case 'D':
			wqctl_opts.device = optarg;
			break;
		case 'h':
			help_all(stdout);
			return 0;
		case WQCTL_OPT_VERSION:
			puts("wqctl " WQCTL_VERSION);
			return 0;
		default:
			return cmd_bad_option(c, argv);
		}
	}
	if (optind == argc)
		return wqctl_usage("missing OBJECT");
	fmt_color = !wqctl_opts.json &&
		    fmt_color_wanted(isatty(STDOUT_FILENO), getenv("NO_COLOR"),
				     getenv("TERM"));
	return cmd_dispatch(wqctl_objects, NULL, argc - optind, argv + optind);
}

int main(int argc, char **argv)
{
	int ret = run(argc, argv);

	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "wqctl: stdout: %s\n", strerror(errno));
		ret = EXIT_FAILED;
	}
	return ret;
}
