/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every command shares: OBJECT COMMAND dispatch with prefix
 * matching, option parsing from each command's table, option arguments,
 * opening the device and finding the queue or item a command acts on,
 * reporting a failed print.
 */
#ifndef WQCTL_CMD_H
#define WQCTL_CMD_H

#include <stdbool.h>
#include <linux/types.h>

#include "table.h"

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

#endif /* WQCTL_CMD_H */
