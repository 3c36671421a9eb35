// SPDX-License-Identifier: GPL-2.0
/*
 * The plain-text report read() returns, so that `cat /dev/wqdemo` shows
 * every queue and item with its counters.
 *
 * The seq_file position encodes where the walk is, so that a read that
 * stops mid-way resumes at the right object even when objects come and
 * go between reads: 0 is the header, 1..U32_MAX a queue id, and
 * WQD_POS_ITEMS + id an item (WQD_POS_ITEMS itself is the items header).
 */
#include <linux/math64.h>
#include "item.h"
#include "queue.h"
#include "report.h"
#include "words.h"

#define WQD_POS_ITEMS	BIT_ULL(32)

static char wqd_items_token;

static void *wqd_report_find(loff_t *pos)
{
	unsigned long id;
	void *obj;

	if (!*pos)
		return SEQ_START_TOKEN;
	if (*pos < WQD_POS_ITEMS) {
		id = *pos;
		obj = xa_find(&wqd_queues, &id, U32_MAX, XA_PRESENT);
		if (obj) {
			*pos = id;
			return obj;
		}
		*pos = WQD_POS_ITEMS;
	}
	if (*pos == WQD_POS_ITEMS)
		return &wqd_items_token;
	id = *pos - WQD_POS_ITEMS;
	obj = xa_find(&wqd_items, &id, U32_MAX, XA_PRESENT);
	if (!obj)
		return NULL;
	*pos = WQD_POS_ITEMS + id;
	return obj;
}

static void *wqd_report_start(struct seq_file *m, loff_t *pos)
{
	mutex_lock(&wqd_lock);
	return wqd_report_find(pos);
}

static void *wqd_report_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return wqd_report_find(pos);
}

static void wqd_report_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&wqd_lock);
}

static void wqd_report_header(struct seq_file *m)
{
	u64 queued, executed;

	wqd_totals_runs(&queued, &executed);
	seq_printf(m, "wqdemo %s abi %u HZ %u cpus %u/%u\n", WQD_VERSION,
		   WQD_ABI_VERSION, HZ, num_online_cpus(), nr_cpu_ids);
	seq_printf(m, "limits: queues %u items %u payload %llu ns period %llu ns\n",
		   wqd_max_queues, wqd_max_items, wqd_max_payload_ns,
		   wqd_max_period_ns);
	seq_printf(m, "totals: queues %u items %u submitted %lld queued %llu executed %llu cancelled %lld\n",
		   wqd_totals.nr_queues, wqd_totals.nr_items,
		   atomic64_read(&wqd_totals.submitted), queued, executed,
		   atomic64_read(&wqd_totals.cancelled));
	seq_printf(m, "\nqueues:\n%5s %-22s %-13s %6s %6s %10s %10s %9s %7s %6s  %s\n",
		   "id", "name", "kind", "maxact", "items", "queued",
		   "executed", "cancelled", "running", "maxrun", "flags");
}

static void wqd_report_queue(struct seq_file *m, struct wqd_queue *q)
{
	struct wqd_queue_info info;
	bool first = true;
	size_t i;

	wqd_queue_fill_info(q, &info);
	seq_printf(m, "%5llu %-22s %-13s %6u %6u %10llu %10llu %9llu %7u %6u  ",
		   info.id, info.name, wqd_kind_names[info.kind],
		   info.max_active, info.items, info.queued, info.executed,
		   info.cancelled, info.running, info.max_running);
	for (i = 0; i < ARRAY_SIZE(wqd_queue_flag_names); i++) {
		if (!(info.flags & (1U << i)))
			continue;
		seq_printf(m, "%s%s", first ? "" : ",", wqd_queue_flag_names[i]);
		first = false;
	}
	seq_puts(m, first ? "-\n" : "\n");
}

static void wqd_report_item(struct seq_file *m, struct wqd_item *it)
{
	struct wqd_work_info info;

	wqd_item_fill_info(it, &info);
	seq_printf(m, "%7llu %-20s %5llu %-7s %-9s %7u %7u %12llu %4d %12lld %12lld\n",
		   info.id, info.name[0] ? info.name : "-", info.queue_id,
		   info.flags & WQD_WF_DELAYED ? "delayed" : "work",
		   wqd_state_names[info.state], info.runs, info.count,
		   div_u64(info.period_ns, NSEC_PER_USEC),
		   info.last_cpu == WQD_CPU_ANY ? -1 : (int)info.last_cpu,
		   div_s64(info.lateness.avg, NSEC_PER_USEC),
		   div_s64(info.runtime.avg, NSEC_PER_USEC));
}

static int wqd_report_show(struct seq_file *m, void *v)
{
	if (v == SEQ_START_TOKEN)
		wqd_report_header(m);
	else if (v == &wqd_items_token)
		seq_printf(m, "\nitems:\n%7s %-20s %5s %-7s %-9s %7s %7s %12s %4s %12s %12s\n",
			   "id", "name", "queue", "kind", "state", "runs",
			   "count", "period_us", "cpu", "late_avg_us",
			   "run_avg_us");
	else if (m->index < WQD_POS_ITEMS)
		wqd_report_queue(m, v);
	else
		wqd_report_item(m, v);
	return 0;
}

const struct seq_operations wqd_report_ops = {
	.start = wqd_report_start,
	.next = wqd_report_next,
	.stop = wqd_report_stop,
	.show = wqd_report_show,
};
