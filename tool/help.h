/* SPDX-License-Identifier: GPL-2.0 */
/* Help, printed from the tables of the grammar (table.h). */
#ifndef WQCTL_HELP_H
#define WQCTL_HELP_H

#include <stdbool.h>
#include <stdio.h>

#include "table.h"

void help_synopsis(FILE *f, const char *prefix, const char *words,
		   const struct cmd_help *help);
void help_options(FILE *f, const struct cmd_opt *opts, bool help);
void help_command(FILE *f, const char *words, const struct cmd_help *help);
void help_object(FILE *f, const char *object, const struct cmd *cmds);

#endif /* WQCTL_HELP_H */
