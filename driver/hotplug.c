// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug. An item pinned to a CPU (queue_work_on(),
 * queue_delayed_work_on()) is queued there at every run, and the kernel
 * leaves it to the caller to keep that CPU online: a delayed work armed on
 * an offline CPU waits for its timer for ever. So submits and mods queue a
 * pinned item under cpus_read_lock() only while its CPU is online, and
 * when a CPU goes offline this callback, which runs with the hotplug lock
 * held before the CPU leaves, stops every item pinned to it, in state
 * WQD_STATE_OFFLINE (item.c). Its work already queued or armed is
 * cancelled; a run under way ends on whichever CPU its worker moves to.
 */
#include <linux/cpuhotplug.h>
#include "hotplug.h"
#include "item.h"

static enum cpuhp_state wqd_cpuhp_state;

/*
 * A suspend takes the CPUs but the boot one offline too, with the tasks
 * frozen but not the handlers of most queues: a timer they armed on a CPU
 * that is down would wait for it, and fire late or not at all. So the
 * items pinned there stop then too.
 */
static int wqd_cpu_offline(unsigned int cpu)
{
	wqd_items_stop_cpu(cpu);
	return 0;
}

/**
 * wqd_hotplug_init() - watch CPUs go offline
 *
 * Return: 0, or a negative errno from the hotplug core.
 */
int wqd_hotplug_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "wqdemo:online",
					NULL, wqd_cpu_offline);
	if (ret < 0)
		return ret;
	wqd_cpuhp_state = ret;
	return 0;
}

/**
 * wqd_hotplug_exit() - stop watching
 */
void wqd_hotplug_exit(void)
{
	cpuhp_remove_state_nocalls(wqd_cpuhp_state);
}
