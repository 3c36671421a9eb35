/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every command shares: the global options, OBJECT COMMAND dispatch
 * with prefix matching, option arguments, opening the device; and the
 * entry points of the objects.
 */
#ifndef WQCTL_CMD_H
#define WQCTL_CMD_H

#include <stdbool.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/**
 * struct cmd - one word of the grammar: an object, or an object's command
 * @name: the word; any unambiguous prefix selects it
 * @fn: its main, called with argv[0] = the word as typed
 * @usage: objects only: their lines of the grammar, for "help"
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
};

/* The global options, set by main() before any command runs. */
struct wqctl_opts {
	bool json;
	bool pretty;
	const char *device;
};

extern struct wqctl_opts wqctl_opts;

int cmd_match(const struct cmd *cmds, const char *word);
int cmd_dispatch(const struct cmd *cmds, const char *what, int argc,
		 char **argv);
bool cmd_is_help(const char *word);
void cmd_getopt_init(void);
int cmd_bad_option(int c, char **argv);
int cmd_args(int argc, char **argv, int want, const char *what);
int cmd_plain(int argc, char **argv, int want, const char *what);
int cmd_u32(const char *opt, const char *arg, __u32 *v);
int cmd_dur(const char *opt, const char *arg, __u64 *ns);
int cmd_open(bool write);

/* The objects: one file each. */
extern const char info_usage[], queue_usage[], work_usage[], stats_usage[],
	events_usage[], watch_usage[], reset_usage[], demo_usage[];
int info_main(int argc, char **argv);
int queue_main(int argc, char **argv);
int work_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int events_main(int argc, char **argv);
int watch_main(int argc, char **argv);
int reset_main(int argc, char **argv);
int demo_main(int argc, char **argv);

#endif /* WQCTL_CMD_H */
