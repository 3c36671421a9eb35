// SPDX-License-Identifier: GPL-2.0
/*
 * wqdemo: the kernel's workqueues, driven from userspace.
 *
 * Module init and exit, the misc device and its file operations. The
 * objects live in queue.c and item.c, an item's run in run.c, the ioctls
 * in ioctl.c, the text report in report.c.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "hotplug.h"
#include "item.h"
#include "queue.h"
#include "reap.h"
#include "report.h"

static unsigned int max_queues = 64;
module_param(max_queues, uint, 0444);
MODULE_PARM_DESC(max_queues, "Most user queues at once (default 64)");

static unsigned int max_items = 262144;
module_param(max_items, uint, 0444);
MODULE_PARM_DESC(max_items, "Most items at once, live or finished (default 262144)");

static unsigned int max_payload_ms = 10000;
module_param(max_payload_ms, uint, 0444);
MODULE_PARM_DESC(max_payload_ms, "Longest busy or sleep payload per run, ms (default 10000, at most 60000)");

static unsigned int max_period_ms = 3600000;
module_param(max_period_ms, uint, 0444);
MODULE_PARM_DESC(max_period_ms, "Longest period or delay, ms (default 3600000)");

/*
 * A holder can keep a worker busy past a quick run (uapi: struct
 * wqd_info). The built-in queues are the whole kernel's: 256 items asleep
 * in their handlers on system_wq's CPU 0 are its max_active there, and
 * every other schedule_work() on that CPU waits behind them. Four leave
 * the kernel room and still let the seed's demo (one holder on system)
 * run next to a few experiments. Each holder also holds a kworker, so all
 * queues together are bounded too.
 */
static unsigned int max_builtin_holders = 4;
module_param(max_builtin_holders, uint, 0444);
MODULE_PARM_DESC(max_builtin_holders, "Most holders (plain periodic items, items with a payload) at once on one built-in queue (default 4)");

static unsigned int max_holders = 256;
module_param(max_holders, uint, 0444);
MODULE_PARM_DESC(max_holders, "Most holders at once on all queues together (default 256)");

bool wqd_log_runs;
module_param_named(log_runs, wqd_log_runs, bool, 0644);
MODULE_PARM_DESC(log_runs, "Log every run, seed style: \"work_func, a:3\" (default off)");

unsigned int wqd_max_queues;
unsigned int wqd_max_items;
u64 wqd_max_payload_ns;
u64 wqd_max_period_ns;
unsigned int wqd_max_holders;
unsigned int wqd_max_builtin_holders;

/* The registry lock: what it protects is written down in wqdemo.h. */
DEFINE_MUTEX(wqd_lock);
DEFINE_XARRAY_ALLOC(wqd_queues);
DEFINE_XARRAY_ALLOC(wqd_items);
struct wqd_totals wqd_totals;
DEFINE_PER_CPU(struct wqd_pcpu_totals, wqd_pcpu_totals);

static void wqd_file_release(struct kref *ref)
{
	kfree(container_of(ref, struct wqd_file, ref));
}

/**
 * wqd_file_put() - drop a reference to a file's context
 * @f: the context
 */
void wqd_file_put(struct wqd_file *f)
{
	kref_put(&f->ref, wqd_file_release);
}

/*
 * The file's private_data is the report's seq_file; the file's own
 * context hangs off the seq_file. The report cannot be seeked: a read at
 * a far offset would walk every object under wqd_lock to get there.
 */
static int wqd_open(struct inode *inode, struct file *file)
{
	struct wqd_file *f;
	int ret;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	kref_init(&f->ref);
	INIT_LIST_HEAD(&f->owned);

	/* misc_open() left the miscdevice there; seq_open() wants it clear. */
	file->private_data = NULL;
	ret = seq_open(file, &wqd_report_ops);
	if (ret) {
		kfree(f);
		return ret;
	}
	((struct seq_file *)file->private_data)->private = f;
	return nonseekable_open(inode, file);
}

static int wqd_release(struct inode *inode, struct file *file)
{
	struct wqd_file *f = ((struct seq_file *)file->private_data)->private;

	wqd_items_release_owned(f);
	wqd_file_put(f);
	return seq_release(inode, file);
}

static const struct file_operations wqd_fops = {
	.owner = THIS_MODULE,
	.open = wqd_open,
	.release = wqd_release,
	.read = seq_read,
	.unlocked_ioctl = wqd_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice wqd_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "wqdemo",
	.fops = &wqd_fops,
	.mode = 0600,
};

static int wqd_check_params(void)
{
	if (!max_queues || !max_items || max_items > (1U << 24) ||
	    max_payload_ms > 60000 || !max_period_ms || !max_holders ||
	    !max_builtin_holders || max_builtin_holders > max_holders) {
		pr_err("module parameter out of range\n");
		return -EINVAL;
	}
	wqd_max_queues = max_queues;
	wqd_max_items = max_items;
	wqd_max_payload_ns = (u64)max_payload_ms * NSEC_PER_MSEC;
	wqd_max_period_ns = (u64)max_period_ms * NSEC_PER_MSEC;
	wqd_max_holders = max_holders;
	wqd_max_builtin_holders = max_builtin_holders;
	return 0;
}

static int __init wqd_init(void)
{
	int ret;

	ret = wqd_check_params();
	if (ret)
		return ret;
	ret = wqd_items_init();
	if (ret)
		return ret;
	ret = wqd_queues_init();
	if (ret)
		goto err_items_exit;
	ret = wqd_reap_init();
	if (ret)
		goto err_queues_exit;
	ret = wqd_hotplug_init();
	if (ret)
		goto err_reap_exit;
	ret = misc_register(&wqd_misc);
	if (ret)
		goto err_hotplug_exit;
	return 0;

err_hotplug_exit:
	wqd_hotplug_exit();
err_reap_exit:
	wqd_reap_exit();
err_queues_exit:
	wqd_queues_exit();
err_items_exit:
	wqd_items_exit();
	return ret;
}

/*
 * No file is open (each holds a module reference), so no ioctl runs: the
 * device goes first; then the reapers that killed callers left behind
 * end, as they hold items and queues; then every item is cancelled and
 * freed, every user queue destroyed, and last the caches.
 */
static void __exit wqd_exit(void)
{
	misc_deregister(&wqd_misc);
	wqd_hotplug_exit();
	wqd_reap_exit();
	wqd_queues_exit();
	wqd_items_exit();
}

module_init(wqd_init);
module_exit(wqd_exit);

MODULE_DESCRIPTION("The kernel's workqueues, driven from userspace");
MODULE_AUTHOR("The wqdemo developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(WQD_VERSION);
