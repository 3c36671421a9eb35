// SPDX-License-Identifier: GPL-2.0
/*
 * Failures. "wqctl: <what>: <strerror> (<hint>)" on stderr, or in JSON
 * mode {"error": "<what>: <strerror> (<hint>)"} on stdout, so that a
 * script reading JSON always gets one document; the exit status is the
 * same either way. strerror() is always there, for scripts and tests to
 * match; the hint, when there is one, says what to do about it. Every
 * hint is in wqctl_hint(), below.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "json.h"
#include "lib/wqd.h"
#include "opts.h"

#define PERMISSION_HINT	"run as root, or as a member of group wqdemo"
#define LIMIT_HINT	"limit reached: see wqctl info"

/*
 * The hint of the one context that has its own; NULL to fall back on
 * the hint every context shares (shared_hint()).
 */
static const char *context_hint(char *buf, size_t size, int err,
				enum wqctl_on on, const char *name)
{
	switch (on) {
	case ON_DEVICE:
		if (err == -ENOENT || err == -ENODEV || err == -ENXIO)
			return "is the wqdemo module loaded?";
		if (err == -EPERM)
			return PERMISSION_HINT;
		if (err == -ENOTTY)
			return "is this the wqdemo device?";
		break;
	case ON_QUEUE:
		if (err == -ENOENT)
			return "no such queue";
		break;
	case ON_QUEUE_CREATE:
		if (err == -EEXIST) {
			snprintf(buf, size, "a queue named '%s' exists", name);
			return buf;
		}
		if (err == -ENAMETOOLONG) {
			snprintf(buf, size,
				 "a queue name has at most %d characters",
				 WQD_QUEUE_NAME_MAX);
			return buf;
		}
		if (err == -EINVAL)
			return "check the name (letters, digits, _ - .) and the flags this kind takes";
		if (err == -EOPNOTSUPP)
			return "this kernel lacks it: --bh needs Linux 6.9";
		break;
	case ON_QUEUE_FLUSH:
	case ON_QUEUE_DRAIN:
	case ON_QUEUE_DESTROY:
		if (err == -ENOENT)
			return "no such queue";
		if (err == -EPERM)
			return on == ON_QUEUE_FLUSH ?
			       "built-in queues cannot be flushed" :
			       on == ON_QUEUE_DRAIN ?
			       "built-in queues cannot be drained" :
			       "built-in queues cannot be destroyed";
		break;
	case ON_ITEM:
	case ON_ITEM_MOD:
	case ON_ITEM_HIST:
		if (err == -ENOENT)
			return "no such item";
		if (err == -ENOTUNIQ)
			return "more than one item has this label: use the id";
		if (err == -EINVAL && on == ON_ITEM_MOD)
			return "only a delayed item that is still to run can be modified";
		if (err == -EINVAL && on == ON_ITEM_HIST)
			return "submitted without --hist";
		break;
	case ON_LABEL:
		if (err == -ENAMETOOLONG) {
			snprintf(buf, size, "a label has at most %d characters",
				 WQD_NAME_LEN - 1);
			return buf;
		}
		break;
	case ON_SUBMIT:
		if (err == -ENOENT)
			return "no such queue";
		if (err == -EINVAL)
			return "check --cpu (online?), --name (letters, digits, _ - .) and the limits in wqctl info";
		break;
	case ON_EVENTS:
		if (err == -EINVAL)
			return "--ring takes a power of two up to 65536";
		if (err == -ENOSPC)
			return "too many event streams are open";
		break;
	case ON_DEMO_QUEUE:
		if (err == -EEXIST)
			return "left by a demo that was killed? 'wqctl queue destroy demo' removes it";
		break;
	case ON_NONE:
		break;
	}
	return NULL;
}

/* What the user can do about the errors the ABI gives a fixed meaning. */
static const char *shared_hint(int err)
{
	switch (err) {
	case -EACCES:
	case -EBADF:
		return PERMISSION_HINT;
	case -ENOSPC:
		return LIMIT_HINT;
	case -EBUSY:
		return "queue is draining";
	case -EPROTO:
		return "the module speaks another ABI version than this wqctl";
	case -EOPNOTSUPP:
		return "this kernel lacks it: see the features of wqctl info";
	}
	return NULL;
}

/**
 * wqctl_hint() - what to do about a failure, in a few words
 * @buf: room for a hint that names something
 * @size: its size
 * @err: -errno
 * @on: what failed
 * @name: what the user called it
 *
 * Return: the hint (@buf or a constant), or NULL when there is none.
 */
const char *wqctl_hint(char *buf, size_t size, int err, enum wqctl_on on,
		       const char *name)
{
	const char *hint = context_hint(buf, size, err, on, name ? name : "");

	return hint ? hint : shared_hint(err);
}

/**
 * wqctl_message() - a failure as wqctl words it, without "wqctl: "
 * @buf: where to
 * @size: its size
 * @err: -errno
 * @on: what failed
 * @name: what the user called it; with ON_NONE, what failed
 *
 * "queue 'foo': No such file or directory (no such queue)".
 */
void wqctl_message(char *buf, size_t size, int err, enum wqctl_on on,
		   const char *name)
{
	char what[160], hint_buf[128];
	const char *hint;

	switch (on) {
	case ON_NONE:
	case ON_DEVICE:
		snprintf(what, sizeof(what), "%s", name);
		break;
	case ON_ITEM:
	case ON_ITEM_MOD:
	case ON_ITEM_HIST:
		snprintf(what, sizeof(what), "item '%s'", name);
		break;
	case ON_LABEL:
		snprintf(what, sizeof(what), "label '%s'", name);
		break;
	case ON_SUBMIT:
		snprintf(what, sizeof(what), "submit to queue '%s'", name);
		break;
	case ON_EVENTS:
		snprintf(what, sizeof(what), "event stream");
		break;
	default:
		snprintf(what, sizeof(what), "queue '%s'", name);
		break;
	}
	hint = wqctl_hint(hint_buf, sizeof(hint_buf), err, on, name);
	snprintf(buf, size, "%s: %s%s%s%s", what, strerror(-err),
		 hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
}

static int report(int err, enum wqctl_on on, const char *name)
{
	char msg[512];

	wqctl_message(msg, sizeof(msg), err, on, name);
	if (wqctl_opts.json)
		jsonw_error(msg);
	else
		fprintf(stderr, "wqctl: %s\n", msg);
	return EXIT_FAILED;
}

/**
 * wqctl_fail() - report a failure about something the user named
 * @err: -errno, as libwqd returns it
 * @on: what failed
 * @name: what the user called it: "foo" of "queue 'foo'"
 *
 * Return: EXIT_FAILED, for "return wqctl_fail(...)" and "ret = ...".
 */
int wqctl_fail(int err, enum wqctl_on on, const char *name)
{
	return report(err, on, name);
}

/**
 * wqctl_err() - report a failed operation
 * @err: -errno, as libwqd returns it
 * @fmt: what failed, e.g. "queue list"
 *
 * Return: EXIT_FAILED, for "return wqctl_err(...)" and "ret = ...".
 */
int wqctl_err(int err, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return report(err, ON_NONE, what);
}

/* The command whose --help a usage error points to; "" for wqctl's. */
static char usage_topic[64];

/**
 * wqctl_usage_topic() - the command a usage error is about
 * @words: "queue create", "stats"; NULL for none (wqctl's own)
 */
void wqctl_usage_topic(const char *words)
{
	snprintf(usage_topic, sizeof(usage_topic), "%s", words ? words : "");
}

/**
 * wqctl_usage() - report a wrong command line, with a hint to --help
 * @fmt: what is wrong with it
 *
 * The hint names the help of the command being parsed ("Try 'wqctl work
 * submit --help'."). In JSON mode it rides in the document: a script
 * that reads stdout and stderr together must still get JSON and nothing
 * else.
 *
 * Return: EXIT_USAGE.
 */
int wqctl_usage(const char *fmt, ...)
{
	char msg[320], help[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(help, sizeof(help), "wqctl %s%s--help", usage_topic,
		 usage_topic[0] ? " " : "");
	if (wqctl_opts.json) {
		char doc[sizeof(msg) + sizeof(help) + 16];

		snprintf(doc, sizeof(doc), "%s (try '%s')", msg, help);
		jsonw_error(doc);
	} else {
		fprintf(stderr, "wqctl: %s\nTry '%s'.\n", msg, help);
	}
	return EXIT_USAGE;
}
