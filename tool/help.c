// SPDX-License-Identifier: GPL-2.0
/*
 * Help, made from the tables (struct cmd_help, table.h): "wqctl OBJECT
 * help" an object's commands with a line on each and examples, "wqctl
 * OBJECT COMMAND --help" one command: synopsis, what it does, each
 * option on a line, what its arguments are, and an example. It knows
 * tables only, not which objects wqctl has (grammar.c), so that the
 * dispatch (cmd.c) prints help by calling down into it.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "help.h"
#include "lib/array_size.h"

/* Help lines are wrapped before this column. */
#define HELP_WIDTH	80

/* What the words in capitals of a synopsis stand for. */
static const struct {
	const char *word;
	const char *text;
} legend[] = {
	{ "NAME", "NAME: the new queue's name: up to 19 letters, digits, _ - and ., not all digits" },
	{ "Q", "Q: a queue id or name (system, system_highpri, ..., or a queue of one's own)" },
	{ "ITEM", "ITEM: a work item's id, or its label (--name) if no other item has it" },
	{ "LABEL", "LABEL: up to 31 letters, digits, _ - and ., not all digits" },
	{ "DUR", "DUR: a number and a unit, ns, us, ms or s (1.5s, 250us); bare: ms" },
	{ "OBJECT", "OBJECT, COMMAND: as in the grammar; any unambiguous prefix will do" },
};

/* One token of a synopsis, wrapped onto a new line past HELP_WIDTH. */
static void token(FILE *f, size_t *col, size_t indent, const char *tok)
{
	size_t len = strlen(tok);

	if (*col + 1 + len >= HELP_WIDTH && *col > indent) {
		fprintf(f, "\n%*s%s", (int)indent, "", tok);
		*col = indent + len;
	} else {
		fprintf(f, " %s", tok);
		*col += 1 + len;
	}
}

/* "--name ARG" into @buf at @len; Return: the new length. */
static size_t opt_text(char *buf, size_t size, size_t len,
		       const struct cmd_opt *o)
{
	if (len < size)
		len += snprintf(buf + len, size - len, "--%s%s%s", o->name,
				o->arg ? " " : "", o->arg ? o->arg : "");
	return len < size ? len : size - 1;
}

/**
 * help_synopsis() - a command's line of the grammar
 * @f: where to
 * @prefix: before "wqctl": "" or "Usage: "
 * @words: the object and the command, "queue create", or the object
 * @help: the command's table
 *
 * "wqctl queue create NAME [--legacy|--legacy-single|--ordered] ...",
 * wrapped, with continuation lines indented under the command.
 */
void help_synopsis(FILE *f, const char *prefix, const char *words,
		   const struct cmd_help *help)
{
	size_t indent = strlen(prefix) + strlen("wqctl "), col, len;
	const struct cmd_opt *o;
	char tok[256];
	bool req;

	col = fprintf(f, "%swqctl %s", prefix, words);
	if (help->args)
		token(f, &col, indent, help->args);
	for (o = help->opts; o && o->name; o++) {
		/* An option in the [ ] of the one before is printed there. */
		if (o->flags & CMD_OPT_OR)
			continue;
		req = o->flags & CMD_OPT_REQUIRED;
		len = snprintf(tok, sizeof(tok), "%s", req ? "" : "[");
		len = opt_text(tok, sizeof(tok), len, o);
		for (; o[1].name && o[1].flags & CMD_OPT_OR; o++) {
			len += snprintf(tok + len, sizeof(tok) - len, "|");
			len = opt_text(tok, sizeof(tok), len, &o[1]);
		}
		if (!req && len < sizeof(tok) - 1)
			strcat(tok, "]");
		token(f, &col, indent, tok);
	}
	fputc('\n', f);
}

/* "-f, --follow", "    --queue Q": the left column of an option. */
static void opt_left(char *buf, size_t size, const struct cmd_opt *o)
{
	size_t len;

	if (o->val < 128 && isalpha(o->val))
		len = snprintf(buf, size, "-%c, ", o->val);
	else
		len = snprintf(buf, size, "    ");
	opt_text(buf, size, len, o);
}

/*
 * An option's help, from column @indent: wrapped at spaces before
 * HELP_WIDTH, its further lines under its first (a word too long for
 * any line is left whole).
 */
static void opt_help(FILE *f, size_t indent, const char *text)
{
	size_t room = indent + 1 < HELP_WIDTH ? HELP_WIDTH - 1 - indent : 1;
	size_t len, cut;

	fputs("  ", f);
	for (;;) {
		len = strlen(text);
		if (len <= room) {
			fprintf(f, "%s\n", text);
			return;
		}
		for (cut = room; cut && text[cut] != ' '; cut--)
			;
		if (!cut)
			cut = strcspn(text, " ");
		if (!text[cut]) {
			fprintf(f, "%s\n", text);
			return;
		}
		fprintf(f, "%.*s\n%*s", (int)cut, text, (int)indent, "");
		text += cut + 1;
	}
}

/**
 * help_options() - the options of a table, a line each
 * @f: where to
 * @opts: the table
 * @help: add "-h, --help", last
 *
 * A long help wraps under itself.
 */
void help_options(FILE *f, const struct cmd_opt *opts, bool help)
{
	static const struct cmd_opt help_opt = {
		"help", NULL, 'h', 0, "print this help and exit"
	};
	const struct cmd_opt *o;
	size_t width = 0;
	char left[64];

	for (o = opts; o && o->name; o++) {
		opt_left(left, sizeof(left), o);
		if (strlen(left) > width)
			width = strlen(left);
	}
	opt_left(left, sizeof(left), &help_opt);
	if (help && strlen(left) > width)
		width = strlen(left);
	for (o = opts; o && o->name; o++) {
		opt_left(left, sizeof(left), o);
		fprintf(f, "  %-*s", (int)width, left);
		opt_help(f, width + 4, o->help);
	}
	if (help) {
		opt_left(left, sizeof(left), &help_opt);
		fprintf(f, "  %-*s  %s\n", (int)width, left, help_opt.help);
	}
}

/* Does @word appear in @s as a word of its own? */
static bool has_word(const char *s, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = s; s && (p = strstr(p, word)); p += len)
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[len]))
			return true;
	return false;
}

/* The legend of the capitals @help uses, after a blank line. */
static void legend_of(FILE *f, const struct cmd_help *help)
{
	const struct cmd_opt *o;
	bool used, any = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(legend); i++) {
		used = has_word(help->args, legend[i].word);
		for (o = help->opts; o && o->name && !used; o++)
			used = has_word(o->arg, legend[i].word);
		if (!used)
			continue;
		fprintf(f, "%s%s\n", any ? "" : "\n", legend[i].text);
		any = true;
	}
}

/* The '\n' that ends the line @text starts, or its '\0'. */
static const char *line_end(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl ? nl : text + strlen(text);
}

/* Each line of @text, after @indent spaces. */
static void indented(FILE *f, int indent, const char *text)
{
	const char *end;

	for (; text && *text; text = *end ? end + 1 : end) {
		end = line_end(text);
		fprintf(f, "%*s%.*s\n", indent, "", (int)(end - text), text);
	}
}

static bool one_line(const char *text)
{
	const char *nl = strchr(text, '\n');

	return !nl || !nl[1];
}

/**
 * help_command() - "wqctl OBJECT COMMAND --help"
 * @f: where to
 * @words: "queue create", or the object of a one-command object
 * @help: the command's table
 */
void help_command(FILE *f, const char *words, const struct cmd_help *help)
{
	help_synopsis(f, "Usage: ", words, help);
	fputc('\n', f);
	indented(f, 0, help->summary);
	fputs("\nOptions:\n", f);
	help_options(f, help->opts, true);
	legend_of(f, help);
	fprintf(f, "\n%s:\n", one_line(help->example) ? "Example" : "Examples");
	indented(f, 2, help->example);
}

/**
 * help_object() - "wqctl OBJECT help": its commands, a line on each,
 *	and an example of each
 * @f: where to
 * @object: "queue"
 * @cmds: its commands
 */
void help_object(FILE *f, const char *object, const struct cmd *cmds)
{
	const struct cmd *c;
	char words[64];
	const char *nl;

	for (c = cmds; c->name; c++) {
		snprintf(words, sizeof(words), "%s %s", object, c->name);
		help_synopsis(f, "", words, c->help);
		nl = line_end(c->help->summary);
		fprintf(f, "      %.*s\n", (int)(nl - c->help->summary),
			c->help->summary);
	}
	fprintf(f, "\nCOMMAND may be any unambiguous prefix, and 'wqctl %s' alone is\n"
		"'wqctl %s %s'. 'wqctl %s COMMAND --help' describes a command.\n"
		"\nExamples:\n", object, object, cmds[0].name, object);
	for (c = cmds; c->name; c++)
		indented(f, 2, c->help->example);
}
