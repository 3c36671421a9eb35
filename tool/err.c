// SPDX-License-Identifier: GPL-2.0
/*
 * Failures. "wqctl: <what>: <why> (<hint>)" on stderr, or in JSON mode
 * {"error": "<what>: <why> (<hint>)"} on stdout, so that a script reading
 * JSON always gets one document; the exit status is the same either way.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "err.h"
#include "json.h"

/* What the user can do about the errors the ABI gives a fixed meaning. */
static const char *default_hint(int err)
{
	switch (err) {
	case -EACCES:
		return "the device is root-only unless a udev rule opens it to a group";
	case -EBADF:
		return "this needs the device opened for writing";
	case -EPROTO:
		return "the module speaks another ABI version than this wqctl";
	}
	return NULL;
}

static const char *reason(int err)
{
	/* strerror() would say "Name not unique on network". */
	if (err == -ENOTUNIQ)
		return "label is not unique, use the item's id";
	return strerror(-err);
}

static int report(int err, const char *hint, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static int report(int err, const char *hint, const char *fmt, va_list ap)
{
	char what[256], msg[512];

	vsnprintf(what, sizeof(what), fmt, ap);
	if (!hint)
		hint = default_hint(err);
	snprintf(msg, sizeof(msg), "%s: %s%s%s%s", what, reason(err),
		 hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
	if (wqctl_opts.json)
		jsonw_error(msg);
	else
		fprintf(stderr, "wqctl: %s\n", msg);
	return EXIT_FAILED;
}

/**
 * wqctl_err() - report a failed operation
 * @err: -errno, as libwqd returns it
 * @fmt: what failed, e.g. "queue '%s'"
 *
 * Return: EXIT_FAILED, for "return wqctl_err(...)" and "ret = ...".
 */
int wqctl_err(int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = report(err, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

/**
 * wqctl_err_hint() - report a failed operation with a hint for this place
 * @err: -errno
 * @hint: what to do about it, NULL for the default hint of @err
 * @fmt: what failed
 *
 * Return: EXIT_FAILED.
 */
int wqctl_err_hint(int err, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = report(err, hint, fmt, ap);
	va_end(ap);
	return ret;
}

/**
 * wqctl_usage() - report a wrong command line, with a hint to --help
 * @fmt: what is wrong with it
 *
 * In JSON mode the hint rides in the document: a script that reads
 * stdout and stderr together must still get JSON and nothing else.
 *
 * Return: EXIT_USAGE.
 */
int wqctl_usage(const char *fmt, ...)
{
	char msg[256], doc[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (wqctl_opts.json) {
		snprintf(doc, sizeof(doc), "%s (try 'wqctl --help')", msg);
		jsonw_error(doc);
	} else {
		fprintf(stderr, "wqctl: %s\nTry 'wqctl --help'.\n", msg);
	}
	return EXIT_USAGE;
}
