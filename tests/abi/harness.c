// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-negative: the negative ABI suite of /dev/wqdemo, in the kselftest
 * (ntsync) style. Each case takes one error path: it sets up what it
 * needs, makes exactly one call under test, and asserts the exact errno.
 * Arguments are pre-filled with a sentinel, so a case proves what the
 * kernel wrote (outputs, zero-filled tails and pads) and what it did not
 * (nothing at all on a refusal). Every refused call must also leave the
 * module's object counts as they were: no half-made queue or item.
 *
 *   wqd-negative [-l] [-k MODULE.ko] [FILTER]
 *
 * Runs as root with wqdemo loaded. -l lists the cases; FILTER runs only
 * the cases whose name contains it. The module cases (unload while in
 * use, bad parameters) and the limit cases (ENOSPC: reloaded with
 * max_queues=2 max_items=4) need the module's file: -k, or $WQD_KO (set
 * in the test VM); without it they are skipped. The module is left
 * loaded with its default parameters.
 *
 * Prints one line per case (name, errno expected, errno got, PASS/FAIL and
 * why), then "N passed, N failed". Exits 0 when all passed, 1 when any
 * failed, 2 when it could not start.
 *
 * This file is its harness: the case table, the runner and main; the
 * cases are in one file per object or ioctl family, in the order they
 * run (meson.build links them in that order: -l lists the cases as they
 * are registered).
 */
#include "abi.h"

struct globals g = { .fd = -1, .ro = -1 };
struct tcase cases[MAX_CASES];
int nr_cases;
unsigned char buf[16384] __attribute__((aligned(64)));
unsigned char copy[sizeof(buf)] __attribute__((aligned(64)));
unsigned char listbuf[64 * 4096] __attribute__((aligned(64)));
__u64 ids[8];

void add_case(const char *fn, int expect, case_fn f, enum phase ph,
	      const void *data)
{
	struct tcase *t;
	char *sep;

	if (nr_cases == MAX_CASES) {
		fprintf(stderr, "wqd-negative: too many cases\n");
		exit(2);
	}
	t = &cases[nr_cases++];
	/* queue_create__pad is shown as queue_create.pad */
	snprintf(t->name, sizeof(t->name), "%s", fn);
	sep = strstr(t->name, "__");
	if (sep) {
		*sep = '.';
		memmove(sep + 1, sep + 2, strlen(sep + 2) + 1);
	}
	t->expect = expect;
	t->fn = f;
	t->phase = ph;
	t->data = data;
}

void __attribute__((format(printf, 2, 3)))
fail(struct result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed && r->why[0])
		return;		/* the first reason is the one that counts */
	r->failed = true;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

const char *ename(int err)
{
	const char *n;

	if (!err)
		return "0";
	n = strerrorname_np(err);
	return n ? n : "?";
}

static void on_alarm(int sig)
{
	char msg[160];
	int n;

	(void)sig;
	n = snprintf(msg, sizeof(msg), "wqd-negative: %s: no answer in %d s, giving up\n",
		     g.running, CASE_TIMEOUT);
	if (write(STDOUT_FILENO, msg, n) < 0)
		_exit(1);
	_exit(1);
}

static int open_device(void)
{
	g.fd = open(DEV, O_RDWR | O_CLOEXEC);
	g.ro = open(DEV, O_RDONLY | O_CLOEXEC);
	if (g.fd < 0 || g.ro < 0) {
		fprintf(stderr, "wqd-negative: %s: %s\n", DEV, strerror(errno));
		return -1;
	}
	return 0;
}

static void close_device(void)
{
	if (g.fd >= 0)
		close(g.fd);
	if (g.ro >= 0)
		close(g.ro);
	g.fd = g.ro = -1;
}

struct tally {
	int passed;
	int failed;
	int skipped;
};

static void print_line(const char *name, const char *expect, const char *got,
		       const char *verdict, const char *why)
{
	printf("%-50s %-13s %-13s %s%s%s\n", name, expect, got, verdict,
	       why[0] ? "  " : "", why);
}

static void run_case(const struct tcase *t, struct tally *n, bool skip)
{
	struct result r = { .expect = t->expect };

	if (skip) {
		n->skipped++;
		print_line(t->name, ename(t->expect), "-", "SKIP",
			   "needs the module file: -k or $WQD_KO, and root");
		return;
	}
	g.running = t->name;
	alarm(CASE_TIMEOUT);
	if (t->phase != PH_MODULE && xioctl(g.fd, WQD_IOC_RESET, NULL))
		fail(&r, "set-up: reset: %s", ename(errno));
	else
		t->fn(&r, t);
	alarm(0);
	if (t->phase == PH_MODULE && !mod_loaded() && mod_load(""))
		fail(&r, "could not load the module again: %s", ename(errno));

	if (!r.called && !r.failed)
		fail(&r, "the call under test never ran");
	if (r.called && r.got != r.expect && !r.failed)
		r.failed = true;
	if (r.failed)
		n->failed++;
	else
		n->passed++;
	print_line(t->name, ename(r.expect), r.called ? ename(r.got) : "-",
		   r.failed ? "FAIL" : "PASS", r.why);
}

static bool matches(const struct tcase *t, const char *filter)
{
	return !filter || strstr(t->name, filter);
}

static int run_phase(enum phase ph, const char *filter, struct tally *n, bool skip)
{
	int i, ran = 0;

	for (i = 0; i < nr_cases; i++) {
		if (cases[i].phase != ph || !matches(&cases[i], filter))
			continue;
		run_case(&cases[i], n, skip);
		ran++;
	}
	return ran;
}

static bool phase_wanted(enum phase ph, const char *filter)
{
	int i;

	for (i = 0; i < nr_cases; i++)
		if (cases[i].phase == ph && matches(&cases[i], filter))
			return true;
	return false;
}

/* Unload, load with @params, open; a failure fails the run. */
static bool reload(const char *params, struct tally *n)
{
	int err;

	close_device();
	err = mod_unload();
	if (!err || err == ENOENT)
		err = mod_load(params);
	if (!err && !open_device())
		return true;
	printf("wqd-negative: reloading the module (%s): %s\n",
	       params[0] ? params : "defaults", ename(err ? err : errno));
	n->failed++;
	return false;
}

static void usage(void)
{
	fprintf(stderr, "usage: wqd-negative [-l] [-k MODULE.ko] [FILTER]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct tally n = { 0 };
	const char *filter = NULL;
	bool list = false, can_reload;
	int opt, i;

	g.ko = getenv("WQD_KO");
	while ((opt = getopt(argc, argv, "lk:")) != -1) {
		switch (opt) {
		case 'l':
			list = true;
			break;
		case 'k':
			g.ko = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind < argc - 1)
		usage();
	if (optind == argc - 1)
		filter = argv[optind];
	if (g.ko && !g.ko[0])
		g.ko = NULL;

	add_generic_cases();
	if (list) {
		for (i = 0; i < nr_cases; i++)
			if (matches(&cases[i], filter))
				printf("%s\n", cases[i].name);
		return 0;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
	g.page = sysconf(_SC_PAGESIZE);
	g.edge = mmap(NULL, 2 * g.page, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.edge == MAP_FAILED || mprotect(g.edge + g.page, g.page, PROT_NONE)) {
		perror("wqd-negative: mmap");
		return 2;
	}
	g.guard = g.edge + g.page;
	g.rdonly = mmap(NULL, g.page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.rdonly == MAP_FAILED) {
		perror("wqd-negative: mmap");
		return 2;
	}
	if (open_device() || !get_info(&g.info)) {
		fprintf(stderr, "wqd-negative: is wqdemo loaded, and are we root?\n");
		return 2;
	}
	g.bh = kernel_has_bh();
	can_reload = g.ko && !geteuid() && !access(g.ko, R_OK);

	printf("%-50s %-13s %-13s %s\n", "case", "expected", "got", "verdict");
	run_phase(PH_DEFAULT, filter, &n, false);

	if (can_reload && (phase_wanted(PH_MODULE, filter) ||
			   phase_wanted(PH_SMALL, filter))) {
		close_device();
		run_phase(PH_MODULE, filter, &n, false);
		if (phase_wanted(PH_SMALL, filter) && reload(SMALL_LIMITS, &n))
			run_phase(PH_SMALL, filter, &n, false);
		/* Leave it as the VM loads it: the defaults. */
		if (reload("", &n)) {
			struct wqd_info i;

			if (!get_info(&i) || i.max_queues == 2 || i.max_items == 4) {
				/* SMALL_LIMITS: the reload did not take. */
				printf("wqd-negative: the default limits are not back\n");
				n.failed++;
			}
		}
	} else {
		run_phase(PH_MODULE, filter, &n, true);
		run_phase(PH_SMALL, filter, &n, true);
	}
	if (g.fd >= 0)
		xioctl(g.fd, WQD_IOC_RESET, NULL);
	close_device();

	if (n.skipped)
		printf("%d skipped\n", n.skipped);
	printf("%d passed, %d failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}
