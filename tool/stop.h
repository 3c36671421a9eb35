/* SPDX-License-Identifier: GPL-2.0 */
/* How the commands that run until interrupted wait, and stop. */
#ifndef WQCTL_STOP_H
#define WQCTL_STOP_H

#include <signal.h>

#include <linux/types.h>

/* What stop_wait() saw first. */
enum stop_wake {
	STOP_TIMEOUT,	/* the deadline passed */
	STOP_READY,	/* the fd is readable */
	STOP_SIGNAL,	/* SIGINT or SIGTERM: time to clean up and go */
};

void stop_block(sigset_t *signals);
int stop_fd(void);
int stop_wait(int sfd, int fd, __u64 deadline_ns);

#endif /* WQCTL_STOP_H */
