// SPDX-License-Identifier: GPL-2.0
/*
 * The machinery shared by all commands, the bpftool way: tables of words,
 * any unambiguous prefix of a word selects it ("wqctl q l" is "wqctl
 * queue list"), "help" after an object prints that object's grammar and
 * --help after a command that command's help. Options are parsed from
 * the same tables their help is printed from (struct cmd_opt).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "help.h"
#include "lib/wqd.h"
#include "opts.h"

/**
 * cmd_match() - the entry of a table a word selects
 * @cmds: the table, ended by an entry with a NULL name
 * @word: what the user typed
 *
 * An exact match wins over prefixes, so that a word that is a prefix of
 * another ("work" of a future "worker") stays usable.
 *
 * Return: the index, -ENOENT for no match, -ENOTUNIQ for more than one.
 */
int cmd_match(const struct cmd *cmds, const char *word)
{
	size_t len = strlen(word);
	int i, found = -ENOENT;

	if (!len)
		return -ENOENT;
	for (i = 0; cmds[i].name; i++) {
		if (!strcmp(cmds[i].name, word))
			return i;
		if (strncmp(cmds[i].name, word, len))
			continue;
		found = found == -ENOENT ? i : -ENOTUNIQ;
	}
	return found;
}

/* The words of a table that @word begins ("" for all), "a, b, c". */
static void candidates(char *buf, size_t size, const struct cmd *cmds,
		       const char *word)
{
	size_t len = strlen(word), used;
	int i;

	buf[0] = '\0';
	for (i = 0; cmds[i].name; i++) {
		if (strncmp(cmds[i].name, word, len))
			continue;
		used = strlen(buf);
		snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
			 cmds[i].name);
	}
}

/**
 * cmd_find() - cmd_match(), with a usage error for no or several matches
 * @cmds: the table
 * @object: the object whose commands @cmds are, NULL for the objects
 * @word: what the user typed
 *
 * Both messages name the words that were possible: "object 'w' is
 * ambiguous: work, watch", "unknown queue command 'x' (one of: list,
 * create, ...)".
 *
 * Return: the index, or -1 after reporting a usage error.
 */
int cmd_find(const struct cmd *cmds, const char *object, const char *word)
{
	char what[64], names[256];
	int i = cmd_match(cmds, word);

	if (i >= 0)
		return i;
	snprintf(what, sizeof(what), "%s%s", object ? object : "object",
		 object ? " command" : "");
	candidates(names, sizeof(names), cmds, i == -ENOTUNIQ ? word : "");
	if (i == -ENOTUNIQ)
		wqctl_usage("%s '%s' is ambiguous: %s", what, word, names);
	else
		wqctl_usage("unknown %s '%s' (one of: %s)", what, word, names);
	return -1;
}

/**
 * cmd_dispatch() - run the entry a word selects
 * @cmds: the table
 * @object: the object whose commands @cmds are, NULL for the objects
 * @argc: arguments from the word on
 * @argv: argv[0] is the word; it is replaced by the full word
 *
 * Without a word the table's first entry runs: "wqctl queue" lists, as
 * "bpftool prog" shows. An object with commands goes on to them; "help",
 * -h or --help right after it prints its commands. A command gets
 * control unless its command line asks for help (cmd_wants_help()):
 * then its help is printed, and nothing is opened.
 *
 * Return: the exit status.
 */
int cmd_dispatch(const struct cmd *cmds, const char *object, int argc,
		 char **argv)
{
	char *first[] = { (char *)cmds[0].name, NULL };
	char words[64];
	const struct cmd *c;
	int i;

	if (!object)
		wqctl_usage_topic(NULL);
	if (argc < 1) {
		argc = 1;
		argv = first;
	}
	i = cmd_find(cmds, object, argv[0]);
	if (i < 0)
		return EXIT_USAGE;
	c = &cmds[i];
	/* Messages then name the command, not the prefix typed. */
	argv[0] = (char *)c->name;
	snprintf(words, sizeof(words), "%s%s%s", object ? object : "",
		 object ? " " : "", c->name);
	wqctl_usage_topic(words);

	if (c->cmds) {
		if (argc > 1 && cmd_is_help(argv[1])) {
			help_object(stdout, c->name, c->cmds);
			return 0;
		}
		return cmd_dispatch(c->cmds, c->name, argc - 1, argv + 1);
	}
	if (c->help && cmd_wants_help(c->help, argc, argv)) {
		help_command(stdout, words, c->help);
		return 0;
	}
	return c->fn(argc, argv);
}

bool cmd_is_help(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

/* What cmd_getopt() and cmd_wants_help() return for -h and --help. */
#define OPT_HELP	'h'

/*
 * getopt_long()'s view of a table: @longopts and @shortopts, with --help
 * and -h when @help. ':' first, for cmd_bad_option(); '+' before it
 * stops at the first word that is not an option.
 */
static void getopt_tables(const struct cmd_opt *opts, bool help, bool stop,
			  struct option *longopts, char *shortopts)
{
	size_t n = 0, s = 0;

	if (stop)
		shortopts[s++] = '+';
	shortopts[s++] = ':';
	for (; opts && opts->name && n < CMD_MAX_OPTS; opts++, n++) {
		longopts[n] = (struct option){
			.name = opts->name,
			.has_arg = opts->arg ? required_argument : no_argument,
			.val = opts->val,
		};
		if (opts->val < 128 && isalpha(opts->val)) {
			shortopts[s++] = (char)opts->val;
			if (opts->arg)
				shortopts[s++] = ':';
		}
	}
	if (help) {
		longopts[n++] = (struct option){ .name = "help", .val = OPT_HELP };
		shortopts[s++] = OPT_HELP;
	}
	longopts[n] = (struct option){ 0 };
	shortopts[s] = '\0';
}

static int getopt_table(int argc, char **argv, const struct cmd_opt *opts,
			bool help, bool stop)
{
	struct option longopts[CMD_MAX_OPTS + 2];
	char shortopts[2 * CMD_MAX_OPTS + 5];

	getopt_tables(opts, help, stop, longopts, shortopts);
	return getopt_long(argc, argv, shortopts, longopts, NULL);
}

/**
 * cmd_wants_help() - does a command line ask for the command's help?
 * @help: the command's
 * @argc: its arguments, argv[0] being the command
 * @argv: its arguments; getopt may permute them
 *
 * It does with -h or --help anywhere among the options (not as the
 * argument of one: "--name --help" is a label), or with "help" as the
 * only argument ("wqctl work submit help", "wqctl queue show help"). A
 * queue or an item named "help" is then "-- help", or its id.
 *
 * Return: true to print the help instead of running the command.
 */
bool cmd_wants_help(const struct cmd_help *help, int argc, char **argv)
{
	int c;

	cmd_getopt_init();
	while ((c = getopt_table(argc, argv, help->opts, true, false)) != -1)
		if (c == OPT_HELP)
			return true;
	return argc == 2 && !strcmp(argv[1], "help");
}

/*
 * Every command parses its own options with cmd_getopt() on its own
 * argv: start getopt afresh (glibc: optind 0) and keep its messages
 * quiet, cmd_bad_option() words them as usage errors.
 */
void cmd_getopt_init(void)
{
	optind = 0;
	opterr = 0;
}

/**
 * cmd_getopt() - getopt_long() over a command's option table
 * @argc: the command's arguments
 * @argv: the command's arguments
 * @opts: its table (NULL for none): long options, and short ones for
 *	the letters among the values
 *
 * Return: the value of the next option, '?' or ':' for a bad one (see
 * cmd_bad_option()), -1 after the last.
 */
int cmd_getopt(int argc, char **argv, const struct cmd_opt *opts)
{
	return getopt_table(argc, argv, opts, false, false);
}

/* cmd_getopt() for the global options: they end at OBJECT. */
int cmd_getopt_global(int argc, char **argv, const struct cmd_opt *opts)
{
	return getopt_table(argc, argv, opts, false, true);
}

/**
 * cmd_bad_option() - report what getopt_long() refused
 * @c: its return value, '?' or ':' (the optstring starts with ':')
 * @argv: the argv it parsed
 *
 * Return: EXIT_USAGE.
 */
int cmd_bad_option(int c, char **argv)
{
	if (c == ':')
		return wqctl_usage("option '%s' needs an argument",
				   argv[optind - 1]);
	if (optopt)
		return wqctl_usage("unknown option '-%c'", optopt);
	return wqctl_usage("unknown option '%s'", argv[optind - 1]);
}

/**
 * cmd_args() - check the arguments left after the options
 * @argc: as given to getopt_long()
 * @argv: as given to getopt_long(), and permuted by it
 * @want: how many there must be
 * @what: what they are, for "missing ..."
 *
 * Return: 0, or EXIT_USAGE.
 */
int cmd_args(int argc, char **argv, int want, const char *what)
{
	int have = argc - optind;

	if (have < want)
		return wqctl_usage("%s: missing %s", argv[0], what);
	if (have > want)
		return wqctl_usage("%s: unexpected argument '%s'", argv[0],
				   argv[optind + want]);
	return 0;
}

/* A command without options: refuse any, then check the arguments. */
int cmd_plain(int argc, char **argv, int want, const char *what)
{
	int c;

	cmd_getopt_init();
	c = cmd_getopt(argc, argv, NULL);
	if (c != -1)
		return cmd_bad_option(c, argv);
	return cmd_args(argc, argv, want, what);
}

/**
 * cmd_u32() - an option's argument as a __u32
 * @opt: the option, for the message
 * @arg: its argument
 * @v: out: the value
 *
 * Return: 0, or EXIT_USAGE.
 */
int cmd_u32(const char *opt, const char *arg, __u32 *v)
{
	__u64 n;

	if (libwqd_parse_u64(arg, &n) || n > UINT32_MAX)
		return wqctl_usage("%s: '%s' is not a number from 0 to %u",
				   opt, arg, UINT32_MAX);
	*v = (__u32)n;
	return 0;
}

/**
 * cmd_dur() - an option's argument as a DUR
 * @opt: the option, for the message
 * @arg: its argument
 * @ns: out: the duration
 *
 * Return: 0, or EXIT_USAGE.
 */
int cmd_dur(const char *opt, const char *arg, __u64 *ns)
{
	int ret = dur_parse(arg, ns);

	if (ret == -ERANGE)
		return wqctl_usage("%s: '%s' is too long a duration", opt, arg);
	if (ret)
		return wqctl_usage("%s: '%s' is not a duration (a number, with ns, us, ms or s; ms if none)",
				   opt, arg);
	return 0;
}

/**
 * cmd_open() - open the device the global options name
 * @write: for a command that changes something
 *
 * Return: the fd, or -errno after reporting it.
 */
int cmd_open(bool write)
{
	int fd = libwqd_open(wqctl_opts.device, write);

	if (fd < 0)
		wqctl_fail(fd, ON_DEVICE, wqctl_opts.device);
	return fd;
}

/*
 * cmd_open(), then find what the command acts on: a failure to find it
 * is reported as @on's, about @ref as the user typed it.
 */
static int open_ref(bool write, const char *ref, __u64 *id,
		    int (*resolve)(int fd, const char *ref, __u64 *id),
		    enum wqctl_on on)
{
	int fd, err;

	fd = cmd_open(write);
	if (fd < 0)
		return fd;
	err = resolve(fd, ref, id);
	if (err) {
		wqctl_fail(err, on, ref);
		close(fd);
		return err;
	}
	return fd;
}

/**
 * cmd_open_queue() - open the device and find queue Q
 * @write: for a command that changes something
 * @ref: Q as the user typed it, an id or a name
 * @id: out: the queue's id
 *
 * Return: the fd, or -errno after reporting it.
 */
int cmd_open_queue(bool write, const char *ref, __u64 *id)
{
	return open_ref(write, ref, id, libwqd_queue_resolve, ON_QUEUE);
}

/**
 * cmd_open_item() - open the device and find ITEM
 * @write: for a command that changes something
 * @ref: ITEM as the user typed it, an id or a label
 * @id: out: the item's id
 *
 * Return: the fd, or -errno after reporting it.
 */
int cmd_open_item(bool write, const char *ref, __u64 *id)
{
	return open_ref(write, ref, id, libwqd_work_resolve, ON_ITEM);
}

/**
 * cmd_output() - report a failure to print a command's answer
 * @err: what printing it returned: jsonw_emit()'s, or a fmt_*()'s
 *
 * Every command words it the same way, "output: <strerror>".
 *
 * Return: 0, or EXIT_FAILED after reporting; a command's last step is
 * "ret = cmd_output(err)".
 */
int cmd_output(int err)
{
	return err ? wqctl_err(err, "output") : 0;
}
