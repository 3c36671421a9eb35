// SPDX-License-Identifier: GPL-2.0
/*
 * What the parts of wqd-bench share: the sizes of a run, its state, the
 * helpers every part calls and each part's entry point. One header for
 * them all: the parts are one program, split so that each reads on its
 * own, not a library with an interface to keep.
 */
#ifndef WQD_BENCH_H
#define WQD_BENCH_H

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>
#include <linux/wqdemo.h>

#define MS		1000000ULL
#define SEC		1000000000ULL
#define MAX_LEVELS	4
#define MAX_ROUNDS	32	/* the most ops_rounds a plan may ask for */
#define MAX_REPS	16	/* the most exec_reps a plan may ask for */

/* Sizes of each part; --smoke makes them tiny. */
struct plan {
	bool smoke;
	unsigned int null_calls;	/* per round */
	unsigned int levels[MAX_LEVELS];
	unsigned int nr_levels;
	unsigned int ops_rounds;	/* rounds of ops_batch ops per level */
	unsigned int ops_batch;
	unsigned int batch_items;	/* instances of the batch submit */
	double exec_seconds;		/* aim of one execution-path run */
	unsigned int exec_reps;
	unsigned int timer_items;
	unsigned int timer_periods;
	__u64 timer_period_ns[3];
	unsigned int timer_runs[3];
	unsigned int ladder[4];		/* items at 1 jiffy, per rung */
	unsigned int nr_rungs;
	unsigned int ladder_runs;	/* runs of each */
};

extern struct bench {
	const struct plan *p;
	int fd;
	struct wqd_info info;
	__u64 queue;		/* "bench": the population and the runs */
	int errors;
} g;

/* common.c */
void __attribute__((format(printf, 1, 2))) error(const char *fmt, ...);
void __attribute__((format(printf, 1, 2), noreturn)) die(const char *fmt, ...);
void sleep_ns(__u64 ns);
void get_info(struct wqd_info *info);
__u64 queue_create(const char *name);
void queue_destroy(__u64 id);
void queue_info(__u64 id, struct wqd_queue_info *qi);
bool wait_done(__u64 id, __u32 runs, struct wqd_work_info *wi, __u64 limit_ns);
double median(double *v, unsigned int n);

/*
 * Inline, unlike the rest: they run inside the timed loops, where a call
 * into another file would add to what is timed in an optimised build.
 */

/* CLOCK_MONOTONIC: the clock of the kernel's timestamps too. */
static inline __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * SEC + (__u64)ts.tv_nsec;
}

/* An ioctl that must work: a failure ends the benchmark. */
static inline long must(const char *what, long ret)
{
	if (ret < 0)
		die("%s: %s", what, strerror(errno));
	return ret;
}

/* output.c */
enum goal { G_NONE, G_MAX, G_MIN };

void report_begin(void);
void report_add(const char *key, json_object *val);
void raw_add(const char *key, json_object *val);
void section(const char *title);
void __attribute__((format(printf, 3, 4)))
figure(double value, const char *unit, const char *fmt, ...);
void __attribute__((format(printf, 7, 8)))
ratio_figure(double value, const char *unit, double ratio, const char *ratio_of,
	     enum goal goal, double target, const char *fmt, ...);
void report_end(const char *json_path, __u64 t0);

/* readers.c */
struct reader {
	pthread_t thread;
	int fd;
	__u64 want;		/* stop after this many run records */
	__u64 got;		/* run records */
	__u64 dropped;		/* records the kernel said it dropped */
	int64_t *late;		/* lateness of each record, if wanted */
	volatile bool stop;
	int err;
};

void reader_start(struct reader *r, __u64 queue, __u64 want, __u32 ring,
		  int64_t *late);
void reader_finish(struct reader *r, __u64 runs, const char *who);

/* periodic.c */
struct periodic {
	const char *queue;	/* the name of a queue of their own */
	unsigned int items;
	__u32 count;		/* runs of each */
	__u64 period_ns;
	bool spread;		/* first runs spread over a period, not at once */
	__u32 ring;		/* the reader's; 0: the module's default */
	int64_t *late;		/* the reader's lateness of each run, or NULL */
	__u64 poll_ns;		/* how often to look at the queue */
	__u64 limit_ns;		/* when to give up */
	const char *what;	/* in the errors: "ladder of 64 items" */
	const char *who;	/* the same, of the reader: "ladder reader" */
};

__u64 run_periodic(const struct periodic *p, struct reader *rd, __u64 *ns);

/* floor.c */
double time_null(unsigned int k);
void bench_floor(void);

/* memory.c */
void memory_before(void);
void memory_after(unsigned int items);

/* control.c */
void bench_control(void);

/* exec.c: what the event stream takes from the execution path */
struct exec {
	__u32 runs;		/* of each item */
	double ns;		/* per run of a wqdemo item */
	double ns_1;		/* the same, followed by one reader */
	__u64 lost_1;		/* what that reader lost */
};

__u64 submit_noop(__u64 queue, __u32 cpu, __u32 runs);
void bench_exec(struct exec *x);

/* stream.c */
void bench_stream(const struct exec *x);

/* timers.c */
void bench_timers(void);

#endif
