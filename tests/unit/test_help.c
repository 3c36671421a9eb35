// SPDX-License-Identifier: GPL-2.0
/*
 * Help at every level, from the tables: every command has a summary,
 * options with a line each, and examples that wqctl's own parser takes;
 * no line is wider than a terminal; the synopses are the contract's.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "err.h"
#include "grammar.h"
#include "help.h"
#include "opts.h"

/* Every line of @text fits 79 columns, and none ends in a space. */
static bool fits(const char *what, const char *text)
{
	const char *line = text, *nl;
	bool ok = true;

	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) {
			fprintf(stderr, "%s: no newline at the end\n", what);
			return false;
		}
		if (nl - line > 79 || (nl > line && nl[-1] == ' ')) {
			fprintf(stderr, "%s: line too long or trailing space: '%.*s'\n",
				what, (int)(nl - line), line);
			ok = false;
		}
	}
	return ok;
}

/*
 * Run one example line through wqctl's dispatch, with a device that
 * cannot exist: a line that parses gets as far as opening it (exit 1),
 * or is help (exit 0); a usage error (exit 2) is a wrong example.
 * "q=$(wqctl ...)" and "| jq ..." are shell around it.
 */
static bool example_parses(const char *line)
{
	char buf[256], *argv[32], *w, *save = NULL;
	int argc = 0, ret, out, err, quiet;
	bool ok;

	snprintf(buf, sizeof(buf), "%s", strstr(line, "wqctl ") + 6);
	buf[strcspn(buf, "|)")] = '\0';
	for (w = strtok_r(buf, " ", &save); w && argc < 31;
	     w = strtok_r(NULL, " ", &save)) {
		/* Global options: not this test's business. */
		if (!argc && (!strcmp(w, "-j") || !strcmp(w, "-p")))
			continue;
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	/* Its messages, and the help it may print, are not wanted here. */
	fflush(stdout);
	fflush(stderr);
	out = dup(1);
	err = dup(2);
	quiet = open("/dev/null", O_WRONLY);
	dup2(quiet, 1);
	dup2(quiet, 2);
	ret = cmd_dispatch(wqctl_objects, NULL, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	close(quiet);
	ok = ret == EXIT_FAILED || (ret == 0 && !strcmp(argv[0], "help"));
	if (!ok)
		fprintf(stderr, "example '%s': exit %d\n", line, ret);
	return ok;
}

static void check_command(const char *words, const struct cmd_help *h,
			  bool in_object)
{
	const struct cmd_opt *o, *p;
	const char *line, *nl;
	char *out = NULL, what[96], *first;
	size_t n = 0;

	CHECK(h != NULL);
	if (!h)
		return;
	/*
	 * A summary; in an object, one whose first line is a sentence of
	 * its own: "wqctl OBJECT help" shows that line alone.
	 */
	CHECK(h->summary && h->summary[strlen(h->summary) - 1] == '\n');
	first = strndup(h->summary, strcspn(h->summary, "\n"));
	if (in_object && first[strlen(first) - 1] != '.') {
		fprintf(stderr, "%s: summary's first line: '%s'\n", words,
			first);
		CHECK(!"a sentence");
	}
	free(first);

	for (o = h->opts; o && o->name; o++, n++) {
		CHECK(o->help && *o->help);
		CHECK(strcmp(o->name, "help"));
		CHECK(o->val != 'h' && o->val != '?' && o->val != ':');
		for (p = h->opts; p < o; p++)
			CHECK(strcmp(p->name, o->name) && p->val != o->val);
	}
	CHECK(n < CMD_MAX_OPTS);

	/* Examples, each naming the command, each parsed for real. */
	CHECK(h->example && *h->example);
	for (line = h->example; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		CHECK(nl != NULL);
		if (!nl)
			break;
		snprintf(what, sizeof(what), "%.*s", (int)(nl - line), line);
		CHECK(strstr(what, "wqctl ") && strstr(what, words));
		if (strstr(what, "wqctl "))
			CHECK(example_parses(what));
	}

	CAPTURE(out, help_command(f, words, h));
	snprintf(what, sizeof(what), "wqctl %s --help", words);
	CHECK(fits(what, out));
	CHECK(strstr(out, "\nOptions:\n"));
	CHECK(strstr(out, "  -h, --help "));
	CHECK(strstr(out, "\nExample"));
	for (o = h->opts; o && o->name; o++) {
		snprintf(what, sizeof(what), "--%s ", o->name);
		CHECK(strstr(out, what));
	}
	free(out);
}

static void test_every_command(void)
{
	const struct cmd *o, *c;
	char words[64], *out = NULL;

	for (o = wqctl_objects; o->name; o++) {
		if (!o->cmds) {
			CHECK(o->fn != NULL);
			check_command(o->name, o->help, false);
			continue;
		}
		CHECK(o->fn == NULL && o->help == NULL);
		for (c = o->cmds; c->name; c++) {
			snprintf(words, sizeof(words), "%s %s", o->name,
				 c->name);
			CHECK(c->fn != NULL && c->cmds == NULL);
			check_command(words, c->help, true);
		}
		CAPTURE(out, help_object(f, o->name, o->cmds));
		snprintf(words, sizeof(words), "wqctl %s help", o->name);
		CHECK(fits(words, out));
		free(out);
		out = NULL;
	}
	CAPTURE(out, help_all(f));
	CHECK(fits("wqctl --help", out));
	free(out);
}

static bool synopsis_is(const char *words, const char *want)
{
	const struct cmd *o, *c = NULL;
	char obj[32], *sp, *out = NULL;
	bool same;

	snprintf(obj, sizeof(obj), "%s", words);
	sp = strchr(obj, ' ');
	if (sp)
		*sp = '\0';
	o = &wqctl_objects[cmd_match(wqctl_objects, obj)];
	if (sp)
		c = &o->cmds[cmd_match(o->cmds, sp + 1)];
	CAPTURE(out, help_synopsis(f, "", words, c ? c->help : o->help));
	same = !strcmp(out, want);
	if (!same)
		fprintf(stderr, "synopsis of %s:\n%s\nwant:\n%s\n", words, out,
			want);
	free(out);
	return same;
}

/* The contract's grammar, where wqctl adds nothing to it. */
static void test_synopses(void)
{
	CHECK(synopsis_is("work submit",
		"wqctl work submit [--queue Q] [--delay DUR] [--period DUR] [--count N]\n"
		"      [--busy DUR] [--sleep DUR] [--cpu N] [--name LABEL] [--owned]\n"
		"      [--instances N] [--hist]\n"));
	CHECK(synopsis_is("work mod", "wqctl work mod ITEM --delay DUR\n"));
	CHECK(synopsis_is("work cancel", "wqctl work cancel ITEM [--async]\n"));
	CHECK(synopsis_is("queue destroy", "wqctl queue destroy Q\n"));
	CHECK(synopsis_is("stats",
		"wqctl stats [--hist] [--queue Q|--item ITEM]\n"));
	CHECK(synopsis_is("demo", "wqctl demo [--duration DUR]\n"));
	CHECK(synopsis_is("reset", "wqctl reset\n"));
	CHECK(synopsis_is("queue create",
		"wqctl queue create NAME [--legacy|--legacy-single|--ordered] [--unbound]\n"
		"      [--highpri] [--cpu-intensive] [--freezable] [--mem-reclaim] [--sysfs]\n"
		"      [--power-efficient] [--bh] [--max-active N]\n"));
}

/* An option's help too long for its line goes on under itself. */
static void test_wrapped_option_help(void)
{
	static const struct cmd_opt opts[] = {
		{ "short", NULL, 256, 0, "fits" },
		{ "long", "N", 257, 0,
		  "one two three four five six seven eight nine ten eleven twelve "
		  "thirteen fourteen fifteen sixteen seventeen eighteen nineteen" },
		{ NULL, NULL, 0, 0, NULL }
	};
	static const struct cmd_help h = {
		.summary = "Test.\n",
		.opts = opts,
		.example = "wqctl test\n",
	};
	const struct cmd *w = &wqctl_objects[cmd_match(wqctl_objects, "work")];
	const struct cmd *c = &w->cmds[cmd_match(w->cmds, "submit")];
	char *out = NULL;

	CAPTURE(out, help_command(f, "test", &h));
	CHECK(fits("wrapped", out));
	CHECK(strstr(out, "\n      --short   fits\n"));
	CHECK(strstr(out,
		"\n      --long N  one two three four five six seven eight nine ten eleven twelve\n"
		"                thirteen fourteen fifteen sixteen seventeen eighteen nineteen\n"));
	free(out);
	out = NULL;

	CAPTURE(out, help_command(f, "work submit", c->help));
	CHECK(strstr(out,
		"\n      --hist         keep log2 histograms of this item's lateness and runtime\n"
		"                     (stats --hist --item)\n"));
	free(out);
}

int main(void)
{
	wqctl_opts.device = "/nonexistent/wqdemo";
	test_every_command();
	test_synopses();
	test_wrapped_option_help();
	return check_done();
}
