/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tables wqctl's grammar is written in: a word, a command's help, an
 * option. Types only, apart from the code that reads them, so that the
 * dispatch (cmd.c), the help (help.c) and each object's file can all
 * look down on them without looking at each other.
 */
#ifndef WQCTL_TABLE_H
#define WQCTL_TABLE_H

/* Options per command, at most; cmd_getopt() has room for this many. */
#define CMD_MAX_OPTS	24

/* cmd_opt.flags */
#define CMD_OPT_REQUIRED	0x1	/* no [ ] in the synopsis */
#define CMD_OPT_OR		0x2	/* in the [ ] of the one before: [--a|--b] */

/**
 * struct cmd_opt - one option of a command: what getopt_long() needs and
 *	what its help says, in one place
 * @name: the long option, without "--"
 * @arg: the name of its argument ("Q", "DUR"), NULL for a flag
 * @val: what cmd_getopt() returns for it; a letter is also a short option
 * @flags: CMD_OPT_*
 * @help: one line for "--help", wrapped there when too long for it
 */
struct cmd_opt {
	const char *name;
	const char *arg;
	int val;
	unsigned int flags;
	const char *help;
};

/**
 * struct cmd_help - a command's entry in the grammar and its "--help"
 * @args: its arguments in the synopsis ("NAME", "Q"), NULL for none
 * @summary: what it does, a line or two, each ending in '\n'
 * @opts: its options, ended by an entry with a NULL name; NULL for none
 * @example: example command lines, each ending in '\n'
 *
 * The synopsis that "wqctl --help", "wqctl OBJECT help" and "wqctl
 * OBJECT COMMAND --help" print is made from @args and @opts, and so are
 * the options cmd_getopt() takes: the grammar, the help and the parser
 * cannot disagree.
 */
struct cmd_help {
	const char *args;
	const char *summary;
	const struct cmd_opt *opts;
	const char *example;
};

/**
 * struct cmd - one word of the grammar: an object, or an object's command
 * @name: the word; any unambiguous prefix selects it
 * @fn: a command's main, called with argv[0] = the word; NULL for an
 *	object with commands
 * @cmds: an object's commands, ended by an entry with a NULL name; the
 *	first runs when none is named. NULL for a command.
 * @help: a command's grammar and help; NULL for an object with commands
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const struct cmd *cmds;
	const struct cmd_help *help;
};

#endif /* WQCTL_TABLE_H */
