/* SPDX-License-Identifier: GPL-2.0 */
/* Reporting failures, the two ways wqctl exits non-zero. */
#ifndef WQCTL_ERR_H
#define WQCTL_ERR_H

#include <stddef.h>

/* Exit statuses, from the contract. */
#define EXIT_FAILED	1	/* the kernel refused, or the operation failed */
#define EXIT_USAGE	2	/* the command line is wrong */

/*
 * What a failure was about: it decides what the message names ("queue
 * 'foo'") and which hint helps ("no such queue"). The name is what the
 * user typed: the device path, Q, ITEM or a label.
 */
enum wqctl_on {
	ON_NONE,		/* @name is the whole "what" ("queue list") */
	ON_DEVICE,		/* opening the device */
	ON_QUEUE,		/* a queue named on the command line */
	ON_QUEUE_CREATE,
	ON_QUEUE_FLUSH,
	ON_QUEUE_DRAIN,
	ON_QUEUE_DESTROY,
	ON_ITEM,		/* an item named on the command line */
	ON_ITEM_MOD,
	ON_ITEM_HIST,		/* an item's histograms: stats --item */
	ON_LABEL,		/* --name LABEL of a submit */
	ON_SUBMIT,		/* a submit to queue @name */
	ON_EVENTS,		/* opening an event stream */
	ON_DEMO_QUEUE,		/* the demo's own queue */
};

int wqctl_err(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int wqctl_fail(int err, enum wqctl_on on, const char *name);
const char *wqctl_hint(char *buf, size_t size, int err, enum wqctl_on on,
		       const char *name);
void wqctl_message(char *buf, size_t size, int err, enum wqctl_on on,
		   const char *name);
int wqctl_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void wqctl_usage_topic(const char *words);

#endif /* WQCTL_ERR_H */
