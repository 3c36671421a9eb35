// SPDX-License-Identifier: GPL-2.0
/*
 * Race drills: a drain that begins while its queue's items are being
 * taken away, by the close of their owner file or by a reset.
 */
#include "stress.h"

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/*
 * One round: 64 delayed items re-arming every jiffy and sleeping 1 ms a
 * run, on a queue of their own; then at once their removal (@by_reset:
 * a reset, else the close of the file that owns them) and, from a child
 * and 0-7 ms later (@round varies it, to land inside the removal), a
 * drain of that queue, again and again for 300 ms.
 */
static int drill_round(int fd, bool by_reset, unsigned int round)
{
	struct wqd_queue_create c = { .kind = WQD_KIND_ALLOC };
	struct wqd_work_submit s = {
		.flags = WQD_WF_DELAYED | (by_reset ? 0 : WQD_WF_OWNED),
		.cpu = WQD_CPU_ANY, .period_ns = 1, .sleep_ns = MS,
		.instances = 64,
	};
	struct wqd_queue_ref q = { 0 };
	__u64 ids[64];
	int owner, go[2], status, err;
	pid_t child;
	char b = 0;

	snprintf(c.name, sizeof(c.name), "drill%u", round);
	err = xioctl(fd, WQD_IOC_QUEUE_CREATE, &c);
	if (err)
		return err;
	q.id = c.id;
	owner = open(DEV, O_RDWR | O_CLOEXEC);
	if (owner < 0)
		return errno;
	s.queue_id = c.id;
	s.ids_ptr = (uintptr_t)ids;
	err = xioctl(by_reset ? fd : owner, WQD_IOC_WORK_SUBMIT, &s);
	if (err || pipe(go))
		return err ? err : errno;
	msleep(20);
	child = fork();
	if (!child) {
		unsigned long long end;

		close(owner);
		close(go[1]);
		if (read(go[0], &b, 1) != 1)
			_exit(1);
		msleep(round % 8);
		for (end = now_ms() + 300; now_ms() < end;) {
			err = xioctl(fd, WQD_IOC_QUEUE_DRAIN, &q);
			if (err == ENOENT)
				break;
			if (err && err != EBUSY)
				_exit(err);
		}
		_exit(0);
	}
	close(go[0]);
	if (write(go[1], &b, 1) != 1)
		err = errno;
	close(go[1]);
	if (by_reset)
		err = xioctl(fd, WQD_IOC_RESET, NULL);
	close(owner);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return EIO;
	if (!err)
		err = WEXITSTATUS(status);
	if (!err)
		err = xioctl(fd, WQD_IOC_QUEUE_DESTROY, &q);
	return err == ENOENT ? 0 : err;
}

void drills(int fd, unsigned int rounds)
{
	unsigned int round, mode;

	for (mode = 0; mode < 2; mode++) {
		const char *how = mode ? "reset" : "owner close";
		int err = 0;

		for (round = 0; round < rounds && !err; round++)
			err = drill_round(fd, mode, round);
		check(!err, "drill: drain while a%s %s removes the items, %u rounds%s%s",
		      mode ? "" : "n", how, round, err ? ": " : "",
		      err ? strerror(err) : "");
	}
}
