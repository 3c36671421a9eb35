/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The objects and their commands, one cmd_<object>.c each: what the
 * table of objects (grammar.c) points at. A header of its own, so that
 * an object's file declares what it gives without seeing the table.
 */
#ifndef WQCTL_OBJECTS_H
#define WQCTL_OBJECTS_H

#include "table.h"

extern const struct cmd queue_cmds[], work_cmds[];
extern const struct cmd_help info_help, stats_help, events_help, watch_help,
	reset_help, demo_help;
int info_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int events_main(int argc, char **argv);
int watch_main(int argc, char **argv);
int reset_main(int argc, char **argv);
int demo_main(int argc, char **argv);

#endif /* WQCTL_OBJECTS_H */
