// SPDX-License-Identifier: GPL-2.0
/* OBJECT COMMAND matching and dispatch, help requests, usage messages. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "err.h"
#include "grammar.h"
#include "opts.h"

static const char *ran;
static int ran_argc;

static int run_show(int argc, char **argv)
{
	ran = argv[0];
	ran_argc = argc;
	return 0;
}

static int run_other(int argc, char **argv)
{
	ran = argv[0];
	ran_argc = argc;
	return 0;
}

static const struct cmd cmds[] = {
	{ "list", run_other, NULL, NULL },
	{ "show", run_show, NULL, NULL },
	{ "submit", run_other, NULL, NULL },
	{ "destroy", run_other, NULL, NULL },
	{ "drain", run_other, NULL, NULL },
	{ "work", run_other, NULL, NULL },
	{ "worker", run_other, NULL, NULL },
	{ NULL, NULL, NULL, NULL }
};

/*
 * What a call wrote to stderr (or stdout), as a string the caller
 * frees: the stream goes to a temporary file for the call.
 */
static char *captured(FILE *stream, int fd, int (*call)(void))
{
	char path[] = "/tmp/test_cmd.XXXXXX", *buf;
	int tmp = mkstemp(path), saved = dup(fd);
	long len;
	FILE *f;

	fflush(stream);
	dup2(tmp, fd);
	call();
	fflush(stream);
	dup2(saved, fd);
	close(saved);
	f = fdopen(tmp, "r");
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, len + 1);
	if (fread(buf, 1, len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	unlink(path);
	return buf;
}

static void test_unique_prefix(void)
{
	CHECK(cmd_match(cmds, "l") == 0);
	CHECK(cmd_match(cmds, "sh") == 1);
	CHECK(cmd_match(cmds, "su") == 2);
	CHECK(cmd_match(cmds, "de") == 3);
	CHECK(cmd_match(cmds, "dr") == 4);
	CHECK(cmd_match(cmds, "worke") == 6);
}

static void test_ambiguous(void)
{
	CHECK(cmd_match(cmds, "s") == -ENOTUNIQ);
	CHECK(cmd_match(cmds, "d") == -ENOTUNIQ);
	CHECK(cmd_match(cmds, "wor") == -ENOTUNIQ);
}

static void test_exact_beats_prefix(void)
{
	CHECK(cmd_match(cmds, "work") == 5);
	CHECK(cmd_match(cmds, "worker") == 6);
	CHECK(cmd_match(cmds, "show") == 1);
}

static void test_no_match(void)
{
	CHECK(cmd_match(cmds, "") == -ENOENT);
	CHECK(cmd_match(cmds, "x") == -ENOENT);
	CHECK(cmd_match(cmds, "showx") == -ENOENT);
	CHECK(cmd_match(cmds, "Show") == -ENOENT);
}

static void test_dispatch(void)
{
	char sh[] = "sh", arg[] = "5", bogus[] = "bogus", s[] = "s";
	char *argv[] = { sh, arg, NULL };
	char *bad[] = { bogus, NULL };
	char *amb[] = { s, NULL };

	ran = NULL;
	CHECK(cmd_dispatch(cmds, "test", 2, argv) == 0);
	/* The command sees its full name, not the prefix typed. */
	CHECK(ran && !strcmp(ran, "show") && ran_argc == 2);
	CHECK(!strcmp(argv[1], "5"));

	/* No word: the first entry. */
	ran = NULL;
	CHECK(cmd_dispatch(cmds, "test", 0, argv + 2) == 0);
	CHECK(ran && !strcmp(ran, "list") && ran_argc == 1);

	ran = NULL;
	CHECK(cmd_dispatch(cmds, "test", 1, bad) == EXIT_USAGE);
	CHECK(cmd_dispatch(cmds, "test", 1, amb) == EXIT_USAGE);
	CHECK(!ran);
}

static void test_help_words(void)
{
	CHECK(cmd_is_help("help"));
	CHECK(cmd_is_help("-h"));
	CHECK(cmd_is_help("--help"));
	CHECK(!cmd_is_help("he"));
}

static const struct cmd_opt opts[] = {
	{ "name", "LABEL", 256, 0, "a label" },
	{ "owned", NULL, 257, 0, "owned" },
	{ "follow", NULL, 'f', 0, "a short one too" },
	{ NULL, NULL, 0, 0, NULL }
};

static const struct cmd_help no_args = { .opts = opts };
static const struct cmd_help with_args = { .args = "Q", .opts = opts };

/* "cmd WORDS...": does it ask for help? PARSE(wants, &help, WORDS...) */
static int wants(int argc, char **argv, const struct cmd_help *h)
{
	return cmd_wants_help(h, argc, argv);
}

static void test_wants_help(void)
{
	CHECK(PARSE(wants, &no_args, "--help"));
	CHECK(PARSE(wants, &no_args, "-h"));
	CHECK(PARSE(wants, &no_args, "--owned", "--help"));
	CHECK(PARSE(wants, &no_args, "--name", "x", "-h"));
	CHECK(PARSE(wants, &no_args, "-f", "--help"));
	/* Bad options before it do not hide it. */
	CHECK(PARSE(wants, &no_args, "--bogus", "--help"));
	/* "help" alone; "-- help" is a name. */
	CHECK(PARSE(wants, &no_args, "help"));
	CHECK(PARSE(wants, &with_args, "help"));
	CHECK(!PARSE(wants, &with_args, "--", "help"));
	CHECK(!PARSE(wants, &with_args, "help", "--async"));
	CHECK(PARSE(wants, &with_args, "help", "--help"));
	/* An option's argument is not a request. */
	CHECK(!PARSE(wants, &no_args, "--name", "--help"));
	CHECK(!PARSE(wants, &no_args, "--name", "help"));
	CHECK(!PARSE(wants, &no_args, NULL));
	CHECK(!PARSE(wants, &no_args, "--", "--help"));
	CHECK(!PARSE(wants, &no_args, "--", "help"));
	/* getopt_long() takes a prefix of a long option: --hel is --help. */
	CHECK(PARSE(wants, &no_args, "--hel"));
}

static int getopt_all(int argc, char **argv, int *seen)
{
	int c, n = 0;

	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, opts)) != -1)
		seen[n++] = c;
	return n;
}

static void test_getopt(void)
{
	char *argv[] = { "cmd", "--name", "x", "pos", "-f", "--own", "--bogus",
			 "--help", NULL };
	int seen[8], n;

	n = getopt_all(8, argv, seen);
	CHECK(n == 5);
	CHECK(seen[0] == 256 && seen[1] == 'f' && seen[2] == 257);
	/* --help is the dispatcher's business, not the command's. */
	CHECK(seen[3] == '?' && seen[4] == '?');
	CHECK(optind == 7 && !strcmp(argv[7], "pos"));
}

static int ambiguous_object(void)
{
	char w[] = "w";
	char *argv[] = { w, NULL };

	return cmd_dispatch(wqctl_objects, NULL, 1, argv);
}

static int unknown_command(void)
{
	char q[] = "queue", x[] = "x";
	char *argv[] = { q, x, NULL };

	return cmd_dispatch(wqctl_objects, NULL, 2, argv);
}

static int bad_submit_option(void)
{
	char w[] = "wo", s[] = "su", b[] = "--bogus";
	char *argv[] = { w, s, b, NULL };

	return cmd_dispatch(wqctl_objects, NULL, 3, argv);
}

static int work_submit_help(void)
{
	char w[] = "work", s[] = "submit", h[] = "--help";
	char *argv[] = { w, s, h, NULL };

	return cmd_dispatch(wqctl_objects, NULL, 3, argv);
}

static void test_messages(void)
{
	char *out;

	out = captured(stderr, 2, ambiguous_object);
	CHECK(strstr(out, "wqctl: object 'w' is ambiguous: work, watch\n"));
	CHECK(strstr(out, "Try 'wqctl --help'."));
	free(out);

	out = captured(stderr, 2, unknown_command);
	CHECK(strstr(out, "unknown queue command 'x' (one of: list, create, show, flush, drain, destroy)"));
	CHECK(strstr(out, "Try 'wqctl queue --help'."));
	free(out);

	/* Prefixes, and a hint to the command's own help. */
	out = captured(stderr, 2, bad_submit_option);
	CHECK(strstr(out, "wqctl: unknown option '--bogus'\n"));
	CHECK(strstr(out, "Try 'wqctl work submit --help'."));
	free(out);

	/* Help, with no device: -D points nowhere, and nothing fails. */
	out = captured(stdout, 1, work_submit_help);
	CHECK(!strncmp(out, "Usage: wqctl work submit [--queue Q]", 36));
	CHECK(strstr(out, "\nExample:\n  wqctl work submit "));
	free(out);
	CHECK(work_submit_help() == 0);
}

int main(void)
{
	test_unique_prefix();
	test_ambiguous();
	test_exact_beats_prefix();
	test_no_match();
	test_dispatch();
	test_help_words();
	test_wants_help();
	test_getopt();
	wqctl_opts.device = "/nonexistent/wqdemo";
	test_messages();
	return check_done();
}
