/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every command shares: the global options, OBJECT COMMAND dispatch
 * with prefix matching, help at every level, option parsing from each
 * command's table, option arguments, opening the device and finding the
 * queue or item a command acts on, reporting a failed print; and the
 * entry points of the objects.
 */
#ifndef WQCTL_CMD_H
#define WQCTL_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

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

/* The global options, set by main() before any command runs. */
struct wqctl_opts {
	bool json;
	bool pretty;
	const char *device;
};

extern struct wqctl_opts wqctl_opts;

int cmd_match(const struct cmd *cmds, const char *word);
int cmd_find(const struct cmd *cmds, const char *object, const char *word);
int cmd_dispatch(const struct cmd *cmds, const char *object, int argc,
		 char **argv);
bool cmd_is_help(const char *word);
bool cmd_wants_help(const struct cmd_help *help, int argc, char **argv);
void cmd_getopt_init(void);
int cmd_getopt(int argc, char **argv, const struct cmd_opt *opts);
int cmd_getopt_global(int argc, char **argv, const struct cmd_opt *opts);
int cmd_bad_option(int c, char **argv);
int cmd_args(int argc, char **argv, int want, const char *what);
int cmd_plain(int argc, char **argv, int want, const char *what);
int cmd_u32(const char *opt, const char *arg, __u32 *v);
int cmd_dur(const char *opt, const char *arg, __u64 *ns);
int cmd_open(bool write);
int cmd_open_queue(bool write, const char *ref, __u64 *id);
int cmd_open_item(bool write, const char *ref, __u64 *id);
int cmd_output(int err);

/* grammar.c: the objects, and help at every level */
extern const struct cmd wqctl_objects[];
extern const struct cmd_opt wqctl_global_opts[];
#define WQCTL_OPT_VERSION	256	/* --version, in wqctl_global_opts */
void help_synopsis(FILE *f, const char *prefix, const char *words,
		   const struct cmd_help *help);
void help_command(FILE *f, const char *words, const struct cmd_help *help);
void help_object(FILE *f, const char *object, const struct cmd *cmds);
void help_all(FILE *f);

/* The objects and commands: one file per object. */
extern const struct cmd queue_cmds[], work_cmds[];
extern const struct cmd_help info_help, stats_help, events_help, watch_help,
	reset_help, demo_help, submit_help;
int info_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int events_main(int argc, char **argv);
int watch_main(int argc, char **argv);
int reset_main(int argc, char **argv);
int demo_main(int argc, char **argv);

#endif /* WQCTL_CMD_H */
