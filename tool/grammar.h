/* SPDX-License-Identifier: GPL-2.0 */
/* The grammar of wqctl: the table of objects, and the help of it all. */
#ifndef WQCTL_GRAMMAR_H
#define WQCTL_GRAMMAR_H

#include <stdio.h>

#include "table.h"

extern const struct cmd wqctl_objects[];
void help_all(FILE *f);

#endif /* WQCTL_GRAMMAR_H */
