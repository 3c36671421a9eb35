// SPDX-License-Identifier: GPL-2.0
/*
 * wqctl: the command line of wqdemo. main() takes the global options and
 * hands OBJECT COMMAND to the table below; each object is a file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "err.h"
#include "lib/wqd.h"

static int help_main(int argc, char **argv);

/* The objects: one entry and one cmd_<object>.c each. */
static const struct cmd objects[] = {
	{ "info", info_main, info_usage },
	{ "queue", queue_main, queue_usage },
	{ "work", work_main, work_usage },
	{ "stats", stats_main, stats_usage },
	{ "events", events_main, events_usage },
	{ "watch", watch_main, watch_usage },
	{ "reset", reset_main, reset_usage },
	{ "demo", demo_main, demo_usage },
	{ "help", help_main, NULL },
	{ NULL, NULL, NULL }
};

static const char usage_head[] =
	"Usage: wqctl [-j|--json] [-p|--pretty] [-D|--device PATH] OBJECT COMMAND [ARGS]\n"
	"       wqctl -h|--help|help [OBJECT]        wqctl --version\n"
	"\n";

static const char usage_tail[] =
	"\n"
	"Q is a queue id or name (default: system), ITEM an item id or label.\n"
	"DUR is a number with a unit, ns, us, ms or s; a bare number means ms.\n"
	"OBJECT and COMMAND may be shortened to any unambiguous prefix;\n"
	"an OBJECT alone runs its first command (queue: list, work: list).\n"
	"\n"
	"Options:\n"
	"  -j, --json           print JSON, one document per command; events,\n"
	"                       watch and demo print one a line (JSON Lines)\n"
	"  -p, --pretty         print indented JSON (implies --json)\n"
	"  -D, --device PATH    use PATH, not " WQD_DEFAULT_DEVICE "\n"
	"  -h, --help           print this help\n"
	"      --version        print wqctl's version\n"
	"\n"
	"Exit status: 0 done, 1 the operation failed, 2 a usage error.\n";

/* "wqctl help [OBJECT]": the whole grammar, or one object's. */
static int help_main(int argc, char **argv)
{
	int i;

	if (argc > 2)
		return wqctl_usage("help: unexpected argument '%s'", argv[2]);
	if (argc == 2) {
		i = cmd_match(objects, argv[1]);
		if (i < 0 || !objects[i].usage)
			return wqctl_usage("help: unknown object '%s'", argv[1]);
		fputs(objects[i].usage, stdout);
		return 0;
	}
	fputs(usage_head, stdout);
	for (i = 0; objects[i].name; i++)
		if (objects[i].usage)
			fputs(objects[i].usage, stdout);
	fputs(usage_tail, stdout);
	return 0;
}

enum { OPT_VERSION = 256 };

static const struct option options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "device", required_argument, NULL, 'D' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static int run(int argc, char **argv)
{
	int c;

	cmd_getopt_init();
	/* '+': the options before OBJECT are ours, those after it are not. */
	while ((c = getopt_long(argc, argv, "+:jpD:h", options, NULL)) != -1) {
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
			return help_main(1, argv);
		case OPT_VERSION:
			puts("wqctl " WQCTL_VERSION);
			return 0;
		default:
			return cmd_bad_option(c, argv);
		}
	}
	if (optind == argc)
		return wqctl_usage("missing OBJECT");
	return cmd_dispatch(objects, "object", argc - optind, argv + optind);
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
