// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_args: wqctl's command-line parsing, with no device anywhere. The
 * input is a command line, one word per line (a NUL ends a word too),
 * the way "wqctl" would get it after the global options; a first word
 * "-j" or "-p" turns on JSON or pretty output for the run.
 *
 * Every run feeds the words to:
 *  - OBJECT COMMAND dispatch (cmd_dispatch(), cmd_match(), prefixes,
 *    ambiguity messages, help at every level) over a copy of wqctl's
 *    tables whose commands only parse: each command's own parser
 *    (submit_parse(), events_parse(), ...), cmd_plain() for those with
 *    arguments only, all of them pure;
 *  - submit_parse() again, as "submit WORDS...";
 *  - dur_parse(), held to a second, slower reading of the same grammar,
 *    and dur_format() of what it returns;
 *  - libwqd_parse_u64() and libwqd_parse_ref(), held to the same;
 *  - cmd_match() over a table made to overflow the ambiguity message.
 * A broken promise abort()s, which libFuzzer reports as a crash.
 *
 * Built by tests/fuzz/run.sh with clang -fsanitize=fuzzer,address,
 * undefined; by meson, with replay.c for main(), to replay the corpus.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "dur.h"
#include "err.h"
#include "grammar.h"
#include "lib/array_size.h"
#include "objects.h"
#include "opts.h"

#define MAX_WORDS	64

/* Wider than any DUR: a reading that cannot overflow on the way. */
__extension__ typedef unsigned __int128 u128;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz_args: %s:%d: broken: %s\n", \
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* --- OBJECT COMMAND dispatch, down to the pure parsers --------------- */

static int fz_plain0(int argc, char **argv)
{
	return cmd_plain(argc, argv, 0, "");
}

static int fz_plain1(int argc, char **argv)
{
	return cmd_plain(argc, argv, 1, "ARG");
}

static int fz_submit(int argc, char **argv)
{
	struct submit_args args;

	return submit_parse(argc, argv, &args);
}

static int fz_create(int argc, char **argv)
{
	struct queue_create_args a;

	return queue_create_parse(argc, argv, &a);
}

static int fz_work_list(int argc, char **argv)
{
	struct work_args a;

	return work_list_parse(argc, argv, &a);
}

static int fz_cancel(int argc, char **argv)
{
	struct work_args a;

	return work_cancel_parse(argc, argv, &a);
}

static int fz_mod(int argc, char **argv)
{
	struct work_args a;

	return work_mod_parse(argc, argv, &a);
}

static int fz_events(int argc, char **argv)
{
	struct events_args a;

	return events_parse(argc, argv, &a);
}

static int fz_stats(int argc, char **argv)
{
	struct stats_args a;

	return stats_parse(argc, argv, &a);
}

static int fz_watch(int argc, char **argv)
{
	struct watch_args a;

	return watch_parse(argc, argv, &a);
}

static int fz_demo(int argc, char **argv)
{
	__u64 ns;

	return demo_parse(argc, argv, &ns);
}

/* The parse-only stand-in of each of wqctl's commands. */
static const struct {
	const char *words;
	int (*fn)(int argc, char **argv);
} parsers[] = {
	{ "info", fz_plain0 },
	{ "queue list", fz_plain0 },
	{ "queue create", fz_create },
	{ "queue show", fz_plain1 },
	{ "queue flush", fz_plain1 },
	{ "queue drain", fz_plain1 },
	{ "queue destroy", fz_plain1 },
	{ "work list", fz_work_list },
	{ "work submit", fz_submit },
	{ "work show", fz_plain1 },
	{ "work cancel", fz_cancel },
	{ "work flush", fz_plain1 },
	{ "work mod", fz_mod },
	{ "stats", fz_stats },
	{ "events", fz_events },
	{ "watch", fz_watch },
	{ "reset", fz_plain0 },
	{ "demo", fz_demo },
};

/*
 * wqctl's tables, copied, with each command's main replaced by its
 * parser: the words, prefixes and help are wqctl's own. "help" keeps its
 * main, which opens nothing. A command without a stand-in here is a
 * fuzz target out of date.
 */
static struct cmd objects[16], queue_cmds_fz[16], work_cmds_fz[16];

static int (*parser(const char *object, const char *command))(int, char **)
{
	char words[64];
	size_t i;

	snprintf(words, sizeof(words), "%s%s%s", object, command ? " " : "",
		 command ? command : "");
	for (i = 0; i < ARRAY_SIZE(parsers); i++)
		if (!strcmp(parsers[i].words, words))
			return parsers[i].fn;
	fprintf(stderr, "fuzz_args: no parser for '%s'\n", words);
	abort();
}

static void copy_cmds(struct cmd *dst, size_t max, const struct cmd *src,
		      const char *object)
{
	size_t i;

	for (i = 0; src[i].name; i++) {
		if (i + 1 >= max)
			abort();
		dst[i] = src[i];
		dst[i].fn = parser(object, src[i].name);
	}
	dst[i] = src[i];
}

static void tables_init(void)
{
	size_t i;

	for (i = 0; wqctl_objects[i].name; i++) {
		if (i + 1 >= ARRAY_SIZE(objects))
			abort();
		objects[i] = wqctl_objects[i];
		if (!strcmp(objects[i].name, "queue")) {
			copy_cmds(queue_cmds_fz, ARRAY_SIZE(queue_cmds_fz),
				  objects[i].cmds, "queue");
			objects[i].cmds = queue_cmds_fz;
		} else if (!strcmp(objects[i].name, "work")) {
			copy_cmds(work_cmds_fz, ARRAY_SIZE(work_cmds_fz),
				  objects[i].cmds, "work");
			objects[i].cmds = work_cmds_fz;
		} else if (objects[i].cmds) {
			abort();
		} else if (strcmp(objects[i].name, "help")) {
			objects[i].fn = parser(objects[i].name, NULL);
		}
	}
	objects[i] = wqctl_objects[i];
}

/* Enough shared prefixes to fill the ambiguity message's buffer. */
static const struct cmd crowd[] = {
	{ "prefix-shared-by-all-of-these-00", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-01", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-02", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-03", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-04", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-05", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-06", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-07", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-08", fz_plain0, NULL, NULL },
	{ "prefix-shared-by-all-of-these-09", fz_plain0, NULL, NULL },
	{ "prefix", fz_plain0, NULL, NULL },
	{ "p", fz_plain0, NULL, NULL },
	{ NULL, NULL, NULL, NULL }
};

/* cmd_match() against what it promises. */
static void check_match(const struct cmd *cmds, const char *word)
{
	size_t len = strlen(word);
	int i, got = cmd_match(cmds, word), want = -ENOENT, prefixes = 0;

	for (i = 0; len && cmds[i].name; i++) {
		if (!strcmp(cmds[i].name, word)) {
			want = i;
			prefixes = 1;
			break;
		}
		if (!strncmp(cmds[i].name, word, len)) {
			want = i;
			prefixes++;
		}
	}
	if (prefixes > 1)
		want = -ENOTUNIQ;
	REQUIRE(got == want);
}

/* --- durations --------------------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A DUR read the slow way: digits, an optional fraction, an optional
 * unit (ms if none); -EINVAL for anything else or a fraction of a
 * nanosecond, -ERANGE past UINT64_MAX nanoseconds.
 */
static int ref_dur(const char *s, __u64 *ns)
{
	static const struct { const char *name; __u64 ns; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 },
		{ "s", 1000000000 },
	};
	const char *whole = s, *frac = NULL;
	size_t nw, nf = 0, i;
	u128 w = 0, f = 0, scale = 1, unit = 1000000, v;

	while (is_digit(*s))
		s++;
	nw = s - whole;
	if (!nw)
		return -EINVAL;
	if (*s == '.') {
		frac = ++s;
		while (is_digit(*s))
			s++;
		nf = s - frac;
		if (!nf)
			return -EINVAL;
	}
	if (*s) {
		for (i = 0; i < ARRAY_SIZE(units); i++)
			if (!strcmp(s, units[i].name))
				break;
		if (i == ARRAY_SIZE(units))
			return -EINVAL;
		unit = units[i].ns;
	}
	while (nf && frac[nf - 1] == '0')
		nf--;
	/* A last digit that is not 0 below the nanosecond: not whole ns. */
	for (i = 0; i < nf; i++) {
		scale *= 10;
		if (scale > unit)
			return -EINVAL;
		f = f * 10 + (frac[i] - '0');
	}
	while (nw > 1 && *whole == '0') {
		whole++;
		nw--;
	}
	if (nw > 20)
		return -ERANGE;
	for (i = 0; i < nw; i++)
		w = w * 10 + (whole[i] - '0');
	v = w * unit + f * (unit / scale);
	if (v > UINT64_MAX)
		return -ERANGE;
	*ns = (__u64)v;
	return 0;
}

static void check_dur(const char *word)
{
	char buf[DUR_FMT_LEN], again[DUR_FMT_LEN + 8];
	__u64 got = 0, want = 0, back = 0;
	size_t len;
	int ret = dur_parse(word, &got);
	int ref = ref_dur(word, &want);

	REQUIRE(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	/*
	 * What the reference reads, dur_parse() reads the same, fractions
	 * of any length included: zeros past 18 digits are still zeros.
	 * Where both refuse, they may differ on why (a fraction below a
	 * nanosecond of a number too large: EINVAL or ERANGE).
	 */
	if (ref == 0)
		REQUIRE(ret == 0 && got == want);
	else
		REQUIRE(ret != 0);
	if (ret)
		return;

	/* What dur_format() prints fits, and ends with a unit. */
	dur_format(buf, got);
	len = strlen(buf);
	REQUIRE(len > 2 && len < DUR_FMT_LEN);
	REQUIRE(!strcmp(buf + len - 3, " ns") || !strcmp(buf + len - 3, " us") ||
		!strcmp(buf + len - 3, " ms") || !strcmp(buf + len - 2, " s"));
	dur_format_signed(buf, (__s64)got);
	REQUIRE(strlen(buf) < DUR_FMT_LEN);

	/* Whole nanoseconds read back as they are. */
	snprintf(again, sizeof(again), "%lluns", got);
	REQUIRE(dur_parse(again, &back) == 0 && back == got);
}

/* --- ids ------------------------------------------------------------- */

static void check_u64(const char *word)
{
	const char *s;
	u128 v = 0;
	__u64 got = 0, id = 0;
	int ret = libwqd_parse_u64(word, &got), want = 0, ref;

	if (!*word)
		want = -EINVAL;
	for (s = word; *s && !want; s++) {
		if (!is_digit(*s))
			want = -EINVAL;
		else if ((v = v * 10 + (*s - '0')) > UINT64_MAX)
			want = -ERANGE;
	}
	REQUIRE(ret == want);
	if (!ret)
		REQUIRE(got == (__u64)v);

	ref = libwqd_parse_ref(word, &id);
	REQUIRE(ref == (!*word ? -EINVAL : ret == -EINVAL ? 0 :
			ret == -ERANGE ? -ERANGE : 1));
	if (ref == 1)
		REQUIRE(id == got);
}

/* --- the whole line ------------------------------------------------------ */

static void check_submit(int nwords, char **words)
{
	char *argv[MAX_WORDS + 2] = { "submit" };
	struct submit_args args;
	int ret, i;

	for (i = 0; i < nwords; i++)
		argv[i + 1] = words[i];
	ret = submit_parse(nwords + 1, argv, &args);
	REQUIRE(ret == 0 || ret == EXIT_USAGE);
	if (ret)
		return;
	REQUIRE(args.queue);
	REQUIRE(args.req.instances >= 1);
	REQUIRE(args.req.count || args.req.period_ns);
	REQUIRE(!(args.req.flags & ~WQD_WF_ALL));
	REQUIRE(!args.req.queue_id && !args.req.ids_ptr && !args.req.name[0]);
}

static void check_dispatch(int nwords, char **words)
{
	char *argv[MAX_WORDS + 1];
	int ret, i;

	for (i = 0; i < nwords; i++)
		argv[i] = words[i];
	argv[nwords] = NULL;
	ret = cmd_dispatch(objects, NULL, nwords, argv);
	/* Nothing here opens a device: success or a usage error, only. */
	REQUIRE(ret == 0 || ret == EXIT_USAGE);

	for (i = 0; i < nwords; i++)
		argv[i] = words[i];
	ret = cmd_dispatch(crowd, "crowd", nwords, argv);
	REQUIRE(ret == 0 || ret == EXIT_USAGE);

	/* The same words after "work", as if that object had been typed. */
	for (i = 0; i < nwords; i++)
		argv[i] = words[i];
	ret = cmd_dispatch(work_cmds_fz, "work", nwords, argv);
	REQUIRE(ret == 0 || ret == EXIT_USAGE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	char *words[MAX_WORDS], *buf;
	int nwords = 0, i;
	size_t start, pos;

	/*
	 * Help, and usage errors in JSON mode, go to stdout: keep it out
	 * of the way.
	 */
	if (!quiet) {
		quiet = true;
		if (!freopen("/dev/null", "w", stdout))
			abort();
		tables_init();
	}

	/* A trailing newline ends the last word; it makes no empty one. */
	if (size && data[size - 1] == '\n')
		size--;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (start = pos = 0; pos <= size && nwords < MAX_WORDS; pos++) {
		if (pos < size && buf[pos] != '\n' && buf[pos] != '\0')
			continue;
		buf[pos] = '\0';
		words[nwords++] = buf + start;
		start = pos + 1;
	}

	wqctl_opts.json = false;
	wqctl_opts.pretty = false;
	wqctl_opts.device = "/nonexistent/wqdemo";
	i = 0;
	if (nwords > 0 && (!strcmp(words[0], "-j") || !strcmp(words[0], "-p"))) {
		wqctl_opts.json = true;
		wqctl_opts.pretty = words[0][1] == 'p';
		i = 1;
	}

	for (; i < nwords; i++) {
		check_dur(words[i]);
		check_u64(words[i]);
		check_match(objects, words[i]);
		check_match(queue_cmds_fz, words[i]);
		check_match(work_cmds_fz, words[i]);
		check_match(crowd, words[i]);
	}
	i = wqctl_opts.json;
	check_submit(nwords - i, words + i);
	check_dispatch(nwords - i, words + i);

	free(buf);
	return 0;
}
