/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * wqdemo: the kernel's workqueues, driven from userspace through /dev/wqdemo.
 *
 * ABI rules (Documentation/process/botching-up-ioctls.rst):
 *  - fixed-width types, explicit padding; every pad and reserved field
 *    must be zero on input (EINVAL otherwise) and is zero on output;
 *  - unknown flag bits are rejected with EINVAL;
 *  - user pointers travel as __u64, times as nanoseconds;
 *  - input structs may grow at their end: the kernel takes the size from
 *    _IOC_SIZE(cmd); a larger struct from a newer userspace is accepted
 *    when its unknown tail is zero (E2BIG otherwise), a smaller one from an
 *    older userspace is zero-extended, down to the command's first size
 *    (the size in ABI version 1; EINVAL below it);
 *  - output structs may grow likewise: the kernel writes
 *    min(user size, kernel size) bytes and zero-fills the rest;
 *  - the input part of a query (WQD_IOC_QUEUE_INFO, WQD_IOC_WORK_INFO:
 *    everything but the id) must be zero, so that input flags can be
 *    added later;
 *  - WQD_IOC_VERSION's layout never changes.
 *
 * Words: what the ABI and wqctl call "work" (a work item or a delayed work
 * item) the driver calls an "item" (struct wqd_item).
 *
 * ioctl magic 0xE7 (free in ioctl-number.rst as of 6.12), numbers 0x00-0x3f:
 *   0x00-0x0f  module-wide (version, info, reset, calibrate)
 *   0x10-0x1f  queues
 *   0x20-0x2f  work items
 *   0x30-0x3f  event streams
 *
 * errno: ENOENT unknown id, EEXIST duplicate name, ENOSPC a limit reached,
 * EBADF a change asked on a read-only fd, EPERM a change to a built-in
 * queue, EBUSY an object in a state that forbids the operation, EINVAL a
 * bad argument, ENAMETOOLONG a name too long, EOPNOTSUPP a feature this
 * kernel lacks, EFAULT a bad pointer, ENOTTY an unknown command, EINTR a
 * wait that a fatal signal ended (see the commands that wait).
 *
 * Waits: a cancel (_sync), a flush and a drain wait in the kernel's own
 * calls (cancel_work_sync(), flush_work(), flush_workqueue(),
 * drain_workqueue()), which cannot be interrupted; each waits at most for
 * the runs in progress, each bounded by the payload limit. A destroy and
 * a reset stop every item at once and then wait, killably, for the runs
 * in progress: a fatal signal ends the wait (EINTR) with every item
 * already stopped and unlisted, and the rest of the teardown finishes in
 * the background. The close of a file that owns items stops and unlists
 * them the same way and does not wait: their runs in progress end in the
 * background.
 */
#ifndef _UAPI_LINUX_WQDEMO_H
#define _UAPI_LINUX_WQDEMO_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define WQD_ABI_VERSION		1
#define WQD_IOC_MAGIC		0xE7

/* Names (queue names, item labels) including the terminating NUL. */
#define WQD_NAME_LEN		32
/*
 * A queue's name is at most this many characters: the kernel workqueue is
 * named "wqd_<name>", and workqueue names are at most 23 characters on 6.1.
 */
#define WQD_QUEUE_NAME_MAX	19
#define WQD_VERSION_LEN		16

/* Ids of the built-in queues; user queues get ids from WQD_QUEUE_ID_USER. */
enum wqd_builtin_queue {
	WQD_QUEUE_SYSTEM = 1,		/* system_wq */
	WQD_QUEUE_SYSTEM_HIGHPRI,	/* system_highpri_wq */
	WQD_QUEUE_SYSTEM_LONG,		/* system_long_wq */
	WQD_QUEUE_SYSTEM_UNBOUND,	/* system_unbound_wq */
	WQD_QUEUE_SYSTEM_FREEZABLE,	/* system_freezable_wq */
	WQD_QUEUE_SYSTEM_POWER_EFFICIENT, /* system_power_efficient_wq */
	WQD_QUEUE_SYSTEM_BH,		/* system_bh_wq, 6.9+ only */
};

#define WQD_QUEUE_ID_USER	16

/**
 * struct wqd_version - WQD_IOC_VERSION: never changes layout
 * @abi_version: WQD_ABI_VERSION of the running module
 * @info_size: sizeof(struct wqd_info) in the running module
 */
struct wqd_version {
	__u32 abi_version;
	__u32 info_size;
};

/* wqd_info.features */
#define WQD_FEAT_BH		0x01	/* WQ_BH queues and system_bh */

/**
 * struct wqd_info - WQD_IOC_INFO: the module, its limits and its totals
 * @abi_version: WQD_ABI_VERSION
 * @hz: the kernel's HZ (timer tick): delays are rounded up to jiffies
 * @nr_cpu_ids: highest possible CPU number + 1
 * @nr_online_cpus: CPUs online now
 * @features: WQD_FEAT_* this kernel offers
 * @module_version: the module's version string
 * @max_queues: limit on user queues (module parameter)
 * @max_items: limit on items, live or finished (module parameter)
 * @max_instances: limit on items made by one submit
 * @pad: zero
 * @max_payload_ns: limit on a busy or sleep payload
 * @max_period_ns: limit on a period or a delay
 * @nr_queues: user queues now
 * @nr_items: items now
 * @submitted: items ever submitted
 * @queued: times an item was queued (submits, re-arms, mods)
 * @executed: handler runs ever completed
 * @cancelled: items stopped by a cancel
 * @max_holders: limit on holders (below) on all queues together (module
 *	parameter)
 * @max_builtin_holders: limit on holders on each built-in queue, which
 *	the rest of the kernel shares (module parameter)
 * @nr_holders: holders now
 * @pad2: zero
 *
 * A holder is an item that can keep a worker busy for longer than a quick
 * run: a plain periodic item, which sleeps out its period inside its
 * handler, or an item with a busy or sleep payload. A submit beyond either
 * limit fails with ENOSPC. An item stops holding when it is done,
 * cancelled or stopped.
 */
struct wqd_info {
	__u32 abi_version;
	__u32 hz;
	__u32 nr_cpu_ids;
	__u32 nr_online_cpus;
	__u64 features;
	char module_version[WQD_VERSION_LEN];
	__u32 max_queues;
	__u32 max_items;
	__u32 max_instances;
	__u32 pad;
	__u64 max_payload_ns;
	__u64 max_period_ns;
	__u32 nr_queues;
	__u32 nr_items;
	__u64 submitted;
	__u64 queued;
	__u64 executed;
	__u64 cancelled;
	__u32 max_holders;
	__u32 max_builtin_holders;
	__u32 nr_holders;
	__u32 pad2;
};

/* wqd_queue_create.kind: which kernel call makes the queue */
enum wqd_queue_kind {
	WQD_KIND_ALLOC = 0,		/* alloc_workqueue(flags, max_active) */
	WQD_KIND_LEGACY,		/* create_workqueue() */
	WQD_KIND_LEGACY_SINGLE,		/* create_singlethread_workqueue() */
	WQD_KIND_ORDERED,		/* alloc_ordered_workqueue(flags) */
	WQD_KIND_BUILTIN,		/* output only: a system queue */
};

/* wqd_queue_create.flags, mapped one to one onto WQ_* */
#define WQD_QF_UNBOUND		0x01	/* WQ_UNBOUND */
#define WQD_QF_HIGHPRI		0x02	/* WQ_HIGHPRI */
#define WQD_QF_CPU_INTENSIVE	0x04	/* WQ_CPU_INTENSIVE */
#define WQD_QF_FREEZABLE	0x08	/* WQ_FREEZABLE */
#define WQD_QF_MEM_RECLAIM	0x10	/* WQ_MEM_RECLAIM */
#define WQD_QF_SYSFS		0x20	/* WQ_SYSFS */
#define WQD_QF_POWER_EFFICIENT	0x40	/* WQ_POWER_EFFICIENT */
#define WQD_QF_BH		0x80	/* WQ_BH, 6.9+ */
#define WQD_QF_ALL		0xffU

/**
 * struct wqd_queue_create - WQD_IOC_QUEUE_CREATE
 * @name: in: unique name, [A-Za-z0-9_.-], not all digits, NUL-terminated
 * @kind: in: enum wqd_queue_kind (not WQD_KIND_BUILTIN)
 * @flags: in: WQD_QF_*; only with WQD_KIND_ALLOC and WQD_KIND_ORDERED
 * @max_active: in: 0 for the kernel's default; only with WQD_KIND_ALLOC
 * @pad: zero
 * @id: out: the new queue's id
 */
struct wqd_queue_create {
	char name[WQD_NAME_LEN];
	__u32 kind;
	__u32 flags;
	__u32 max_active;
	__u32 pad;
	__u64 id;
};

/**
 * struct wqd_queue_ref - names a queue: WQD_IOC_QUEUE_{DESTROY,FLUSH,DRAIN}
 * @id: queue id
 * @flags: zero
 * @pad: zero
 */
struct wqd_queue_ref {
	__u64 id;
	__u32 flags;
	__u32 pad;
};

/**
 * struct wqd_queue_info - one queue and its counters
 * @id: queue id
 * @name: its name (built-ins: "system", "system_highpri", ...)
 * @kind: enum wqd_queue_kind
 * @flags: WQD_QF_* it was made with (built-ins: what the kernel gave them)
 * @max_active: as asked (0: the kernel's default)
 * @items: items bound to it now
 * @running: handlers executing on it now (a periodic work item sleeping
 *	out its period inside its handler counts: it holds a worker)
 * @max_running: most handlers ever executing on it at once
 * @queued: times an item was queued on it
 * @executed: handler runs completed on it
 * @cancelled: items on it stopped by a cancel (each counts once; one that
 *	had finished does not count)
 * @holders: its items that hold a worker now (see struct wqd_info)
 * @pad: zero
 */
struct wqd_queue_info {
	__u64 id;
	char name[WQD_NAME_LEN];
	__u32 kind;
	__u32 flags;
	__u32 max_active;
	__u32 items;
	__u32 running;
	__u32 max_running;
	__u64 queued;
	__u64 executed;
	__u64 cancelled;
	__u32 holders;
	__u32 pad;
};

/* wqd_work_submit.flags */
#define WQD_WF_DELAYED		0x01	/* struct delayed_work */
#define WQD_WF_OWNED		0x02	/* freed when this fd closes */
#define WQD_WF_HIST		0x04	/* keep histograms: WQD_IOC_QUEUE_HIST */
#define WQD_WF_ALL		0x7U

#define WQD_CPU_ANY		0xffffffffU

/**
 * struct wqd_work_submit - WQD_IOC_WORK_SUBMIT
 * @queue_id: in: the queue
 * @flags: in: WQD_WF_*
 * @cpu: in: CPU to queue on (queue_work_on), or WQD_CPU_ANY
 * @delay_ns: in: delayed items: delay of the first run
 * @period_ns: in: plain work sleeps this long in its handler and queues
 *	itself again, delayed work re-arms with it as its delay; 0 repeats
 *	back to back (and is no period: @count 0 needs a non-zero one)
 * @busy_ns: in: payload: spin on the CPU this long per run
 * @sleep_ns: in: payload: sleep this long per run
 * @count: in: runs before the item is done; 0: until cancelled (needs a
 *	period)
 * @instances: in: how many identical items to make (0 counts as 1)
 * @name: in: optional label, "" for none: characters as in a queue name,
 *	up to WQD_NAME_LEN - 1 of them; labels need not be unique
 * @ids_ptr: in: user pointer to an array of @instances __u64, out: the ids
 *
 * A plain periodic item is refused (EINVAL) on a freezable queue: asleep
 * in its handler for a period, it would keep the queue from freezing, and
 * every suspend would fail. An item pinned with @cpu stops, in state
 * WQD_STATE_OFFLINE, when that CPU goes offline: a delayed work armed on
 * an offline CPU would never run. Holders (struct wqd_info) beyond their
 * limits are refused with ENOSPC, as items beyond max_items are.
 */
struct wqd_work_submit {
	__u64 queue_id;
	__u32 flags;
	__u32 cpu;
	__u64 delay_ns;
	__u64 period_ns;
	__u64 busy_ns;
	__u64 sleep_ns;
	__u32 count;
	__u32 instances;
	char name[WQD_NAME_LEN];
	__u64 ids_ptr;
};

/* wqd_work_ref.flags */
#define WQD_CANCEL_ASYNC	0x01	/* cancel_work(), not _sync */

/* wqd_work_ref.result bits */
#define WQD_RESULT_PENDING	0x01	/* the call's bool result */

/**
 * struct wqd_work_ref - names an item: WQD_IOC_WORK_{CANCEL,FLUSH,MOD};
 *	all three change state (a flush runs an armed delayed item now), so
 *	all three need a file opened for writing
 * @id: in: item id
 * @flags: in: WQD_CANCEL_ASYNC for cancel, else zero
 * @result: out: WQD_RESULT_PENDING when cancel found the item pending,
 *	when flush waited for it, or when mod found its timer pending
 * @delay_ns: in: WQD_IOC_WORK_MOD: new delay from now; else zero
 *
 * A flush of a delayed item fires its armed timer now
 * (flush_delayed_work()); a flush of a plain periodic item ends the
 * period it is sleeping out inside its handler in the same way, and its
 * next run is queued as soon as the flush returns. Either way the run's
 * intended start moves to the flush, so its lateness is measured from it.
 * While the item's queue drains, a flush of a delayed item is refused
 * with EBUSY: its timer fired then would queue on a draining queue.
 */
struct wqd_work_ref {
	__u64 id;
	__u32 flags;
	__u32 result;
	__u64 delay_ns;
};

enum wqd_work_state {
	WQD_STATE_PENDING = 0,	/* queued, or its timer armed */
	WQD_STATE_RUNNING,	/* its handler is executing the payload */
	WQD_STATE_IDLE,		/* plain periodic: sleeping out its period */
	WQD_STATE_DONE,		/* ran @count times */
	WQD_STATE_CANCELLED,	/* cancelled, or its queue drained */
	WQD_STATE_OFFLINE,	/* stopped: the CPU it was pinned to went offline */
};

/**
 * struct wqd_stat - min/avg/max of a duration over an item's runs, in ns;
 *	all zero before the first run
 * @min: smallest
 * @avg: mean
 * @max: largest
 *
 * Signed: lateness can be negative, since a timer armed part-way through
 * a jiffy may fire up to a jiffy before the delay asked for has passed.
 */
struct wqd_stat {
	__s64 min;
	__s64 avg;
	__s64 max;
};

/**
 * struct wqd_work_info - one item and its counters
 * @id: item id
 * @queue_id: its queue
 * @name: its label ("" for none)
 * @flags: WQD_WF_* it was submitted with
 * @state: enum wqd_work_state
 * @cpu: CPU asked for, or WQD_CPU_ANY
 * @count: runs asked for (0: until cancelled)
 * @last_cpu: CPU of the last run, WQD_CPU_ANY before the first
 * @runs: runs completed
 * @last_pid: worker pid of the last run (0 before the first, or in BH)
 * @delay_ns: first delay (delayed items)
 * @period_ns: period
 * @busy_ns: busy payload per run
 * @sleep_ns: sleep payload per run
 * @submit_ns: CLOCK_MONOTONIC time of the submit
 * @last_run_ns: CLOCK_MONOTONIC start of the last run (0: none)
 * @lateness: actual start - intended start, over the runs
 * @runtime: handler time per run (payload, not the period sleep; 0 for an
 *	item without a payload)
 */
struct wqd_work_info {
	__u64 id;
	__u64 queue_id;
	char name[WQD_NAME_LEN];
	__u32 flags;
	__u32 state;
	__u32 cpu;
	__u32 count;
	__u32 last_cpu;
	__u32 runs;
	__u32 last_pid;
	__u32 pad;
	__u64 delay_ns;
	__u64 period_ns;
	__u64 busy_ns;
	__u64 sleep_ns;
	__u64 submit_ns;
	__u64 last_run_ns;
	struct wqd_stat lateness;
	struct wqd_stat runtime;
};

/**
 * struct wqd_list - WQD_IOC_{QUEUE,WORK}_LIST: a page of objects by id
 * @buf_ptr: in: user pointer to @capacity entries of @entry_size bytes
 * @entry_size: in: sizeof(struct wqd_queue_info) or wqd_work_info as
 *	userspace knows it; entries are written like output structs
 * @capacity: in: entries @buf_ptr holds (at most 256 are used)
 * @cursor: in: the first id to consider, out: the id to start the next
 *	page from (0 when there is no more)
 * @queue_id: in: WQD_IOC_WORK_LIST only: just this queue's items, or 0
 * @count: out: entries written
 * @pad: zero
 */
struct wqd_list {
	__u64 buf_ptr;
	__u32 entry_size;
	__u32 capacity;
	__u64 cursor;
	__u64 queue_id;
	__u32 count;
	__u32 pad;
};

/* wqd_event.type */
enum wqd_event_type {
	WQD_EV_RUN = 0,		/* one handler run */
	WQD_EV_DROPPED,		/* this reader lost @dropped events here */
};

/* wqd_event.flags */
#define WQD_EVF_FIRST		0x01	/* the item's first run */
#define WQD_EVF_LAST		0x02	/* its last: count reached or stopped */
#define WQD_EVF_CANCELLED	0x04	/* it was stopped during this run */
#define WQD_EVF_DELAYED		0x08	/* a delayed item */

/**
 * struct wqd_event - one record read() returns from an event stream
 * @type: enum wqd_event_type
 * @flags: WQD_EVF_*
 * @item_id: the item that ran
 * @queue_id: its queue
 * @cpu: CPU the handler ran on
 * @pid: worker pid (0 in BH context)
 * @run: 0-based run number
 * @pad: zero
 * @due_ns: CLOCK_MONOTONIC time the run was meant to start
 * @start_ns: when the handler started (lateness: @start_ns - @due_ns)
 * @end_ns: when its payload ended (runtime: @end_ns - @start_ns); for an
 *	item without a payload, @start_ns: there is nothing to time
 * @dropped: WQD_EV_DROPPED: events lost since the previous record, as
 *	this reader fell behind and the oldest were overwritten
 *
 * The layout is fixed for a given ABI version; read() returns whole
 * records only and fails with EINVAL for a buffer smaller than one.
 */
struct wqd_event {
	__u32 type;
	__u32 flags;
	__u64 item_id;
	__u64 queue_id;
	__u32 cpu;
	__u32 pid;
	__u32 run;
	__u32 pad;
	__u64 due_ns;
	__u64 start_ns;
	__u64 end_ns;
	__u64 dropped;
};

/* wqd_events_open.flags */
#define WQD_EVO_NONBLOCK	0x01	/* the new fd is O_NONBLOCK */
/*
 * Batched wakeups: a waiting reader is woken at the next tick after the
 * first record comes, or at once when its ring is half full, instead of
 * at every record: a fast producer then wakes it once for many records,
 * for up to a jiffy's delay.
 */
#define WQD_EVO_BATCH		0x02
#define WQD_EVO_ALL		0x03U

#define WQD_EVENTS_RING_DEFAULT	4096
#define WQD_EVENTS_RING_MAX	65536

/**
 * struct wqd_events_open - WQD_IOC_EVENTS_OPEN: subscribe to executions
 * @queue_id: only this queue's runs, or 0 for all
 * @item_id: only this item's runs, or 0 for all
 * @flags: WQD_EVO_*
 * @ring_size: records kept for this reader before the oldest are
 *	dropped: a power of two up to WQD_EVENTS_RING_MAX, 0 for the default
 *
 * The ioctl returns a new file descriptor (close-on-exec): read() gives
 * struct wqd_event records, blocking until one comes unless the fd is
 * non-blocking (EAGAIN); poll() and epoll say when one is ready. Each
 * reader sees every event that passes its filter, or is told how many it
 * lost. The filter's ids need not exist (yet): the stream just stays quiet.
 */
struct wqd_events_open {
	__u64 queue_id;
	__u64 item_id;
	__u32 flags;
	__u32 ring_size;
};

#define WQD_HIST_BUCKETS	48

/**
 * struct wqd_hist - WQD_IOC_QUEUE_HIST: log2 histograms of a queue or item
 * @queue_id: in: the queue, or 0 for every queue together
 * @item_id: in: instead of a queue (@queue_id 0), an item submitted with
 *	WQD_WF_HIST (EINVAL for one without), or 0
 * @lateness: out: runs whose lateness in ns was in [2^(i-1), 2^i)
 *	(bucket 0: zero or negative)
 * @runtime: out: runs whose runtime in ns was in [2^(i-1), 2^i)
 *	(bucket 0: zero)
 *
 * Each histogram adds up to the queue's executed count, or the item's runs.
 * Items keep histograms only when asked, as they cost 768 bytes each.
 */
struct wqd_hist {
	__u64 queue_id;
	__u64 item_id;
	__u64 lateness[WQD_HIST_BUCKETS];
	__u64 runtime[WQD_HIST_BUCKETS];
};

/* The most runs one WQD_IOC_CALIBRATE may ask for. */
#define WQD_CALIBRATE_MAX_RUNS	10000000U

/*
 * struct wqd_calibrate.flags
 *
 * WQD_CALF_CLOCK: each run also reads CLOCK_MONOTONIC, as any handler that
 * reports its runs' lateness must: the floor under wqdemo's bookkeeping,
 * which reads it once a run.
 *
 * WQD_CALF_SUBMIT: instead of a handler's runs, @runs bare submits on the
 * queue, timed in the kernel. Each allocates an object the size of
 * wqdemo's item, takes an id from a cyclic xarray and arms a delayed work
 * an hour away: what any submit has to do past the syscall. All are
 * cancelled and freed before the call returns, and @elapsed_ns is the
 * time of the submits alone: the floor under wqdemo's submit is a null
 * ioctl plus one of these. Not with WQD_CALF_CLOCK; @runs at most
 * WQD_CALIBRATE_MAX_SUBMITS.
 */
#define WQD_CALF_CLOCK		0x01U
#define WQD_CALF_SUBMIT		0x02U
#define WQD_CALF_ALL		0x03U

/* The most bare submits one WQD_IOC_CALIBRATE with WQD_CALF_SUBMIT makes. */
#define WQD_CALIBRATE_MAX_SUBMITS	1000U

/**
 * struct wqd_calibrate - WQD_IOC_CALIBRATE: time a bare work handler
 * @queue_id: in: the queue to run it on
 * @runs: in: how many runs, 1 to WQD_CALIBRATE_MAX_RUNS (bare submits, 1 to
 *	WQD_CALIBRATE_MAX_SUBMITS, with WQD_CALF_SUBMIT)
 * @flags: in: WQD_CALF_*
 * @elapsed_ns: in: zero, out: from the first queue_work() to the start of
 *	the last run, on CLOCK_MONOTONIC; with WQD_CALF_SUBMIT, the time of
 *	the bare submits
 * @done: in: zero, out: runs the handler made, or bare submits; always @runs
 * @pad: zero
 *
 * The yardstick of the benchmark (tests/bench): a work item that does
 * nothing but count its runs and queue_work() itself again on the same
 * workqueue, with none of wqdemo's bookkeeping (no counters, no lock, no
 * event, and no clock but with WQD_CALF_CLOCK). It is timed the way
 * `wqctl work submit --count N` (a plain item with no period, which also
 * queues itself again at once) shows it, from the item's submit_ns to its
 * last_run_ns, so that (wqdemo's time - this one) / (runs - 1) is what
 * wqdemo adds to one run.
 *
 * Needs a file opened for writing. The call waits until the runs are
 * done; a fatal signal stops the chain, waits for it and returns EINTR.
 */
struct wqd_calibrate {
	__u64 queue_id;
	__u32 runs;
	__u32 flags;
	__u64 elapsed_ns;
	__u32 done;
	__u32 pad;
};

#define WQD_IOC_VERSION		_IOR(WQD_IOC_MAGIC, 0x00, struct wqd_version)
#define WQD_IOC_INFO		_IOR(WQD_IOC_MAGIC, 0x01, struct wqd_info)
#define WQD_IOC_RESET		_IO(WQD_IOC_MAGIC, 0x02)
#define WQD_IOC_CALIBRATE	_IOWR(WQD_IOC_MAGIC, 0x03, struct wqd_calibrate)

#define WQD_IOC_QUEUE_CREATE	_IOWR(WQD_IOC_MAGIC, 0x10, struct wqd_queue_create)
#define WQD_IOC_QUEUE_DESTROY	_IOW(WQD_IOC_MAGIC, 0x11, struct wqd_queue_ref)
#define WQD_IOC_QUEUE_FLUSH	_IOW(WQD_IOC_MAGIC, 0x12, struct wqd_queue_ref)
#define WQD_IOC_QUEUE_DRAIN	_IOW(WQD_IOC_MAGIC, 0x13, struct wqd_queue_ref)
#define WQD_IOC_QUEUE_INFO	_IOWR(WQD_IOC_MAGIC, 0x14, struct wqd_queue_info)
#define WQD_IOC_QUEUE_LIST	_IOWR(WQD_IOC_MAGIC, 0x15, struct wqd_list)
#define WQD_IOC_QUEUE_HIST	_IOWR(WQD_IOC_MAGIC, 0x16, struct wqd_hist)

#define WQD_IOC_WORK_SUBMIT	_IOWR(WQD_IOC_MAGIC, 0x20, struct wqd_work_submit)
#define WQD_IOC_WORK_CANCEL	_IOWR(WQD_IOC_MAGIC, 0x21, struct wqd_work_ref)
#define WQD_IOC_WORK_FLUSH	_IOWR(WQD_IOC_MAGIC, 0x22, struct wqd_work_ref)
#define WQD_IOC_WORK_MOD	_IOWR(WQD_IOC_MAGIC, 0x23, struct wqd_work_ref)
#define WQD_IOC_WORK_INFO	_IOWR(WQD_IOC_MAGIC, 0x24, struct wqd_work_info)
#define WQD_IOC_WORK_LIST	_IOWR(WQD_IOC_MAGIC, 0x25, struct wqd_list)

#define WQD_IOC_EVENTS_OPEN	_IOW(WQD_IOC_MAGIC, 0x30, struct wqd_events_open)

#endif /* _UAPI_LINUX_WQDEMO_H */
