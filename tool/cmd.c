// SPDX-License-Identifier: GPL-2.0
/*
 * The machinery shared by all commands, the bpftool way: tables of words,
 * any unambiguous prefix of a word selects it ("wqctl q l" is "wqctl
 * queue list"), and "help" after an object prints that object's grammar.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "lib/wqd.h"

struct wqctl_opts wqctl_opts = {
	.device = WQD_DEFAULT_DEVICE,
};

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

static int ambiguous(const struct cmd *cmds, const char *what,
		     const char *word)
{
	char names[256] = "";
	size_t len = strlen(word);
	int i;

	for (i = 0; cmds[i].name; i++) {
		if (strncmp(cmds[i].name, word, len))
			continue;
		if (names[0])
			strncat(names, ", ", sizeof(names) - strlen(names) - 1);
		strncat(names, cmds[i].name, sizeof(names) - strlen(names) - 1);
	}
	return wqctl_usage("ambiguous %s '%s': %s", what, word, names);
}

/**
 * cmd_dispatch() - run the entry a word selects
 * @cmds: the table
 * @what: what its words are, for messages: "object", "queue command"
 * @argc: arguments from the word on
 * @argv: argv[0] is the word; it is replaced by the full word
 *
 * Without a word the table's first entry runs: "wqctl queue" lists, as
 * "bpftool prog" shows.
 *
 * Return: the exit status.
 */
int cmd_dispatch(const struct cmd *cmds, const char *what, int argc,
		 char **argv)
{
	char *first[] = { (char *)cmds[0].name, NULL };
	int i;

	if (argc < 1)
		return cmds[0].fn(1, first);
	i = cmd_match(cmds, argv[0]);
	if (i == -ENOTUNIQ)
		return ambiguous(cmds, what, argv[0]);
	if (i < 0)
		return wqctl_usage("unknown %s '%s'", what, argv[0]);
	if (cmds[i].usage && argc > 1 && cmd_is_help(argv[1])) {
		fputs(cmds[i].usage, stdout);
		return 0;
	}
	/* Messages then name the command, not the prefix typed. */
	argv[0] = (char *)cmds[i].name;
	return cmds[i].fn(argc, argv);
}

bool cmd_is_help(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

/*
 * Every command parses its own options with getopt_long() on its own
 * argv: start getopt afresh (glibc: optind 0) and keep its messages
 * quiet, cmd_bad_option() words them as usage errors.
 */
void cmd_getopt_init(void)
{
	optind = 0;
	opterr = 0;
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
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int c;

	cmd_getopt_init();
	c = getopt_long(argc, argv, ":", none, NULL);
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

	if (wqd_parse_u64(arg, &n) || n > UINT32_MAX)
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
	const char *hint = NULL;
	int fd;

	fd = wqd_open(wqctl_opts.device, write);
	if (fd == -ENOENT || fd == -ENODEV || fd == -ENXIO)
		hint = "is the wqdemo module loaded?";
	if (fd < 0)
		wqctl_err_hint(fd, hint, "%s", wqctl_opts.device);
	return fd;
}
