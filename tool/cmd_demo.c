// SPDX-License-Identifier: GPL-2.0
/*
 * "wqctl demo": the tutorial the project started from, live. Four tasks
 * tick about once a second, each with a counter: a is plain work on the
 * system queue (schedule_work()), b delayed work there
 * (schedule_delayed_work()), c and d the same on a private queue from
 * create_workqueue(). Each run prints a line in the tutorial's log style,
 * "[    1.024183] cpu1 dly_work_func, b:1", timed from the demo's start;
 * at the end the tasks are cancelled the tutorial's way (the _sync calls,
 * a to d), the queue destroyed, "cancel work", and a summary says how
 * often they really ran, and why that is 1.024 s rather than 1 s.
 *
 * The items are owned by the demo's fd, so that even a killed demo leaves
 * none behind; the queue is destroyed on every way out but SIGKILL.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "demo.h"
#include "dur.h"
#include "err.h"
#include "fmt.h"
#include "json.h"
#include "lib/array_size.h"
#include "objects.h"
#include "opts.h"
#include "stop.h"

#define DEMO_QUEUE	"demo"
#define DEMO_PERIOD_NS	1000000000ULL

enum { OPT_DURATION = 256 };

static const struct cmd_opt demo_opts[] = {
	{ "duration", "DUR", OPT_DURATION, 0, "how long to run (default: 12 s)" },
	{ NULL, NULL, 0, 0, NULL }
};

const struct cmd_help demo_help = {
	.summary = "The classic tutorial's four tasks, a to d, about once a second each:\n"
		   "a line per run as it happens, in the tutorial's log style, then the\n"
		   "_sync cancels, destroy_workqueue(), and a summary of how often they\n"
		   "really ran: 1.024 s at HZ=250, and why. Uses a queue named demo.\n",
	.opts = demo_opts,
	.example = "wqctl demo --duration 5s\n",
};

/* The tutorial's tasks, in its order. */
static const struct demo_task seed_tasks[] = {
	{ .name = "a", .queue = "system" },
	{ .name = "b", .queue = "system", .flags = WQD_WF_DELAYED },
	{ .name = "c", .queue = DEMO_QUEUE },
	{ .name = "d", .queue = DEMO_QUEUE, .flags = WQD_WF_DELAYED },
};

/**
 * struct demo - one run of the demo
 * @fd: the device, open for writing; it owns the items
 * @efd: the event stream, opened before the first submit
 * @sfd: SIGINT and SIGTERM, from stop_fd()
 * @start_ns: CLOCK_MONOTONIC time of "init work": the log's zero
 * @queue_id: the private queue, 0 until created
 * @tasks: the four tasks
 */
struct demo {
	int fd;
	int efd;
	int sfd;
	__u64 start_ns;
	__u64 queue_id;
	struct demo_task tasks[ARRAY_SIZE(seed_tasks)];
};

/* The task an item is; NULL for another's item (ids start at 1). */
static struct demo_task *task_of(struct demo *d, __u64 item_id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(d->tasks); i++)
		if (d->tasks[i].id == item_id)
			return &d->tasks[i];
	return NULL;
}

/* A line of the log: "[    0.000000] init work". */
static void note(const struct demo *d, const char *text)
{
	if (!wqctl_opts.json)
		fmt_demo_line(stdout, dur_now_ns() - d->start_ns, NULL, NULL,
			      text);
}

/*
 * A record, as a line. A run's time counts from "init work": the runs
 * start after the submits, and those after it, on the same clock.
 */
static int print(const struct demo *d, const struct wqd_event *ev,
		 const struct demo_task *task)
{
	if (wqctl_opts.json)
		return jsonw_emit(jsonw_event(ev, task ? task->name : NULL));
	if (!task)
		return fmt_event(stdout, ev, NULL);
	return fmt_demo_line(stdout, ev->start_ns - d->start_ns, ev,
			     task->name, NULL);
}

/*
 * Print and count the demo's runs among the records there are now;
 * other items' runs are not the demo's business. Losses are told, as
 * "events" tells them: some of them may have been the demo's.
 */
static int take(struct demo *d)
{
	struct wqd_event buf[64], *ev;
	struct demo_task *task;
	size_t n;
	int err;

	for (;;) {
		err = libwqd_events_read(d->efd, buf, ARRAY_SIZE(buf), &n);
		if (err == -EAGAIN)
			return 0;
		if (err)
			return wqctl_err(err, "event stream");
		for (ev = buf; ev < buf + n; ev++) {
			task = NULL;
			if (ev->type == WQD_EV_RUN) {
				task = task_of(d, ev->item_id);
				if (!task)
					continue;
				tally_add(&task->tally, ev);
			}
			err = print(d, ev, task);
			if (err)
				return wqctl_err(err, "output");
		}
	}
}

/* Until the deadline or a stop signal. */
static int run(struct demo *d, __u64 deadline_ns)
{
	int w, err;

	for (;;) {
		w = stop_wait(d->sfd, d->efd, deadline_ns);
		if (w < 0)
			return wqctl_err(w, "poll");
		if (w != STOP_READY)
			return 0;
		err = take(d);
		if (err)
			return err;
	}
}

static int create_queue(struct demo *d)
{
	struct wqd_queue_create create = { .kind = WQD_KIND_LEGACY };
	int err;

	libwqd_set_name(create.name, DEMO_QUEUE);
	err = libwqd_queue_create(d->fd, &create);
	if (err)
		return wqctl_fail(err, ON_DEMO_QUEUE, DEMO_QUEUE);
	d->queue_id = create.id;
	return 0;
}

/*
 * The tutorial's init: a period of 1 s, the delayed ones' first run now,
 * in its order, a, b, d, c. The order matters: a create_workqueue() queue
 * runs one item at a time per CPU, and c holds its worker for the whole
 * period it sleeps in its handler; queued after c, d would wait a second
 * for its first run.
 */
static int submit(struct demo *d)
{
	static const unsigned int order[] = { 0, 1, 3, 2 };
	struct wqd_work_submit req;
	struct demo_task *task;
	unsigned int i;
	__u64 id;
	int err;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		task = &d->tasks[order[i]];
		memset(&req, 0, sizeof(req));
		req.queue_id = strcmp(task->queue, DEMO_QUEUE) ?
			       WQD_QUEUE_SYSTEM : d->queue_id;
		req.flags = task->flags | WQD_WF_OWNED;
		req.cpu = WQD_CPU_ANY;
		req.period_ns = DEMO_PERIOD_NS;
		req.instances = 1;
		libwqd_set_name(req.name, task->name);
		err = libwqd_work_submit(d->fd, &req, &id);
		if (err)
			return wqctl_err(err, "task %s", task->name);
		task->id = id;
	}
	return 0;
}

/*
 * The tutorial's exit: cancel_work_sync() / cancel_delayed_work_sync() on
 * a to d, destroy_workqueue(), then "cancel work". The counters are read
 * before the destroy, which frees c and d. Goes on past a failure, so
 * that as much as can be is cleaned up.
 */
static int finish(struct demo *d)
{
	struct demo_task *task;
	int ret = 0, err;
	bool pending;

	for (task = d->tasks; task < d->tasks + ARRAY_SIZE(d->tasks); task++) {
		if (!task->id)
			continue;
		err = libwqd_work_cancel(d->fd, task->id, false, &pending);
		if (!err)
			err = libwqd_work_info(d->fd, task->id, &task->info);
		if (err)
			ret = wqctl_err(err, "task %s", task->name);
	}
	/* The runs that ended while cancelling. */
	err = take(d);
	if (err)
		ret = err;
	if (d->queue_id) {
		err = libwqd_queue_destroy(d->fd, d->queue_id);
		if (err)
			ret = wqctl_err(err, "queue '%s'", DEMO_QUEUE);
	}
	note(d, "cancel work");
	return ret;
}

static int summarize(const struct demo *d, __u32 hz)
{
	struct demo_summary s;
	int err;

	demo_summarize(&s, d->tasks, ARRAY_SIZE(d->tasks), hz, DEMO_PERIOD_NS);
	err = wqctl_opts.json ? jsonw_emit(jsonw_demo_summary(&s)) :
				fmt_demo_summary(stdout, &s);
	return cmd_output(err);
}

/**
 * demo_parse() - the command line of "demo"
 * @argc: its arguments, argv[0] being "demo"
 * @argv: its arguments
 * @duration_ns: out: --duration, 12 s unless given
 *
 * Return: 0, or EXIT_USAGE after reporting.
 */
int demo_parse(int argc, char **argv, __u64 *duration_ns)
{
	int c, err;

	*duration_ns = 12 * DEMO_PERIOD_NS;
	cmd_getopt_init();
	while ((c = cmd_getopt(argc, argv, demo_opts)) != -1) {
		err = c == OPT_DURATION ?
		      cmd_dur("--duration", optarg, duration_ns) :
		      cmd_bad_option(c, argv);
		if (err)
			return err;
	}
	return cmd_args(argc, argv, 0, "");
}

int demo_main(int argc, char **argv)
{
	struct demo d = { .fd = -1, .efd = -1, .sfd = -1 };
	__u64 duration_ns;
	struct wqd_info info;
	int ret = 1, err;
	__u64 deadline;

	setvbuf(stdout, NULL, _IOLBF, 0);
	err = demo_parse(argc, argv, &duration_ns);
	if (err)
		return err;
	memcpy(d.tasks, seed_tasks, sizeof(d.tasks));
	d.fd = cmd_open(true);
	if (d.fd < 0)
		return ret;
	err = libwqd_info(d.fd, &info);
	if (err) {
		wqctl_err(err, "info");
		goto out;
	}
	d.sfd = stop_fd();
	if (d.sfd < 0) {
		wqctl_err(d.sfd, "signalfd");
		goto out;
	}
	err = libwqd_events_open(d.fd, 0, 0, WQD_EVO_NONBLOCK, 0, &d.efd);
	if (err) {
		wqctl_err(err, "event stream");
		goto out;
	}
	if (create_queue(&d))
		goto out;

	d.start_ns = dur_now_ns();
	/* 0: no deadline, for a --duration past the end of time. */
	deadline = duration_ns > UINT64_MAX - d.start_ns ? 0 :
		   d.start_ns + duration_ns;
	note(&d, "init work");
	err = submit(&d);
	if (!err)
		err = run(&d, deadline);
	/* Interrupted or not, failed or not: clean up the same way. */
	if (finish(&d) || err)
		goto out;
	ret = summarize(&d, info.hz);
out:
	if (d.efd >= 0)
		close(d.efd);
	if (d.sfd >= 0)
		close(d.sfd);
	close(d.fd);
	return ret;
}
