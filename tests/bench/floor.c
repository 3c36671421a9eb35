// SPDX-License-Identifier: GPL-2.0
/*
 * The floor: what a call into the kernel costs at the least. The null
 * ioctl is the unit the control path is measured in, so that its ratios
 * hold on a fast host and a slow one alike; the null syscall and the clock
 * read tell how much of a wqdemo run is the clocksource's rather than
 * wqdemo's.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "bench.h"

#define ROUNDS	5

/* @k null ioctls: ns per call. */
double time_null(unsigned int k)
{
	struct wqd_info info;
	unsigned int i;
	__u64 t0 = now_ns();

	for (i = 0; i < k; i++)
		must("info", ioctl(g.fd, WQD_IOC_INFO, &info));
	return (double)(now_ns() - t0) / k;
}

/*
 * What the machine's clock costs userspace: clock_gettime(), next to a null
 * syscall. With a clocksource the vDSO cannot read (HPET), the call is a
 * syscall that reads the clocksource once; with the TSC it stays in
 * userspace, far below a syscall. The kernel's own read, the one each
 * wqdemo run makes, is timed against the bare handler (exec.c).
 */
static void bench_clock(void)
{
	unsigned int n = g.p->null_calls, i, r;
	double sys[ROUNDS], clk[ROUNDS], sys_ns, clk_ns;
	struct timespec ts;
	char src[64] = "?";
	FILE *f;

	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f) {
		if (fscanf(f, "%63s", src) != 1)
			snprintf(src, sizeof(src), "?");
		fclose(f);
	}
	for (r = 0; r < ROUNDS; r++) {
		__u64 t0 = now_ns(), t1;

		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
		t1 = now_ns();
		for (i = 0; i < n; i++)
			clock_gettime(CLOCK_MONOTONIC, &ts);
		sys[r] = (double)(t1 - t0) / n;
		clk[r] = (double)(now_ns() - t1) / n;
	}
	sys_ns = median(sys, ROUNDS);
	clk_ns = median(clk, ROUNDS);
	report_add("clocksource", json_object_new_string(src));
	raw_add("null_syscall_ns", json_object_new_double(sys_ns));
	raw_add("clock_gettime_ns", json_object_new_double(clk_ns));
	figure(sys_ns, "ns", "null syscall (getppid)");
	figure(clk_ns, "ns", "clock_gettime (clocksource %s)", src);
}

void bench_floor(void)
{
	double v[ROUNDS], null_ns;
	unsigned int r;

	section("floor");
	for (r = 0; r < ROUNDS; r++)
		v[r] = time_null(g.p->null_calls);
	null_ns = median(v, ROUNDS);
	figure(null_ns, "ns", "null ioctl (info)");
	raw_add("null_ioctl_ns", json_object_new_double(null_ns));
	bench_clock();
}
