// SPDX-License-Identifier: GPL-2.0
/* OBJECT COMMAND matching and dispatch. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "err.h"

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
	{ "list", run_other, NULL },
	{ "show", run_show, NULL },
	{ "submit", run_other, NULL },
	{ "destroy", run_other, NULL },
	{ "drain", run_other, NULL },
	{ "work", run_other, NULL },
	{ "worker", run_other, NULL },
	{ NULL, NULL, NULL }
};

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
	CHECK(cmd_dispatch(cmds, "test command", 2, argv) == 0);
	/* The command sees its full name, not the prefix typed. */
	CHECK(ran && !strcmp(ran, "show") && ran_argc == 2);
	CHECK(!strcmp(argv[1], "5"));

	/* No word: the first entry. */
	ran = NULL;
	CHECK(cmd_dispatch(cmds, "test command", 0, argv + 2) == 0);
	CHECK(ran && !strcmp(ran, "list") && ran_argc == 1);

	ran = NULL;
	CHECK(cmd_dispatch(cmds, "test command", 1, bad) == EXIT_USAGE);
	CHECK(cmd_dispatch(cmds, "test command", 1, amb) == EXIT_USAGE);
	CHECK(!ran);
}

static void test_help_words(void)
{
	CHECK(cmd_is_help("help"));
	CHECK(cmd_is_help("-h"));
	CHECK(cmd_is_help("--help"));
	CHECK(!cmd_is_help("he"));
}

int main(void)
{
	test_unique_prefix();
	test_ambiguous();
	test_exact_beats_prefix();
	test_no_match();
	test_dispatch();
	test_help_words();
	return check_done();
}
