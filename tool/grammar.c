// SPDX-License-Identifier: GPL-2.0
/*
 * The grammar of wqctl: the table of objects, the help of the whole of
 * it ("wqctl --help") and "wqctl help". The top of the tool: it points
 * at every object's file, so nothing but main() and the tests look at it.
 */
#include <stdio.h>

#include "cmd.h"
#include "err.h"
#include "grammar.h"
#include "help.h"
#include "objects.h"
#include "opts.h"

static int help_main(int argc, char **argv);

static const struct cmd_help help_help = {
	.args = "[OBJECT [COMMAND]]",
	.summary = "Print the whole grammar, an object's commands, or a command's help:\n"
		   "the same as --help after them.\n",
	.example = "wqctl help work submit\n",
};

/* The objects: one entry and one cmd_<object>.c each. */
const struct cmd wqctl_objects[] = {
	{ "info", info_main, NULL, &info_help },
	{ "queue", NULL, queue_cmds, NULL },
	{ "work", NULL, work_cmds, NULL },
	{ "stats", stats_main, NULL, &stats_help },
	{ "events", events_main, NULL, &events_help },
	{ "watch", watch_main, NULL, &watch_help },
	{ "reset", reset_main, NULL, &reset_help },
	{ "demo", demo_main, NULL, &demo_help },
	{ "help", help_main, NULL, &help_help },
	{ NULL, NULL, NULL, NULL }
};

/**
 * help_all() - "wqctl --help": the grammar, a synopsis per command
 * @f: where to
 */
void help_all(FILE *f)
{
	const struct cmd *o, *c;
	char words[64];

	fputs("Usage: wqctl [-j|--json] [-p|--pretty] [-D|--device PATH] OBJECT COMMAND [ARGS]\n"
	      "       wqctl -h|--help|help [OBJECT [COMMAND]]        wqctl --version\n"
	      "\n", f);
	for (o = wqctl_objects; o->name; o++) {
		if (o->fn == help_main)
			continue;
		if (!o->cmds) {
			help_synopsis(f, "", o->name, o->help);
			continue;
		}
		for (c = o->cmds; c->name; c++) {
			snprintf(words, sizeof(words), "%s %s", o->name,
				 c->name);
			help_synopsis(f, "", words, c->help);
		}
	}
	fputs("\n"
	      "Q is a queue id or name (default: system), ITEM an item id or label.\n"
	      "DUR is a number with a unit, ns, us, ms or s; a bare number means ms.\n"
	      "OBJECT and COMMAND may be shortened to any unambiguous prefix;\n"
	      "an OBJECT alone runs its first command (queue: list, work: list).\n"
	      "'wqctl OBJECT COMMAND --help' describes a command, its options and\n"
	      "an example; 'wqctl OBJECT help' lists an object's commands.\n"
	      "\n"
	      "Options:\n", f);
	help_options(f, wqctl_global_opts, false);
	fputs("\n"
	      "Examples:\n"
	      "  wqctl queue create myq --ordered\n"
	      "  wqctl work submit --queue myq --name tick --delay 0 --period 1s\n"
	      "  wqctl events --count 5\n"
	      "  wqctl -j work show tick | jq .lateness_ns\n"
	      "\n"
	      "Exit status: 0 done, 1 the operation failed, 2 a usage error.\n"
	      "Colour only on a terminal, and never with NO_COLOR set.\n", f);
}

/* "wqctl help [OBJECT [COMMAND]]": the whole grammar, or a part. */
static int help_main(int argc, char **argv)
{
	const struct cmd *o;
	char words[64];
	int i;

	if (argc == 1) {
		help_all(stdout);
		return 0;
	}
	if (argc > 3)
		return wqctl_usage("help: unexpected argument '%s'", argv[3]);
	i = cmd_find(wqctl_objects, NULL, argv[1]);
	if (i < 0)
		return EXIT_USAGE;
	o = &wqctl_objects[i];
	if (argc == 2) {
		if (o->cmds)
			help_object(stdout, o->name, o->cmds);
		else
			help_command(stdout, o->name, o->help);
		return 0;
	}
	if (!o->cmds)
		return wqctl_usage("help: %s has no commands, see 'wqctl help %s'",
				   o->name, o->name);
	wqctl_usage_topic(o->name);
	i = cmd_find(o->cmds, o->name, argv[2]);
	if (i < 0)
		return EXIT_USAGE;
	snprintf(words, sizeof(words), "%s %s", o->name, o->cmds[i].name);
	help_command(stdout, words, o->cmds[i].help);
	return 0;
}
