// SPDX-License-Identifier: GPL-2.0
/*
 * wqd-bench's table and JSON. Every figure goes through here, so that the
 * line printed and the record written cannot disagree, and so that a part
 * names what it measured without formatting either.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/utsname.h>

#include "bench.h"

#define ROW	"%-40s %16s  %-28s %-8s %s\n"

static json_object *root, *figures, *raw;

/* The run's particulars, first in the JSON and atop the table. */
void report_begin(void)
{
	struct utsname uts;

	uname(&uts);
	root = json_object_new_object();
	figures = json_object_new_array();
	raw = json_object_new_object();
	json_object_object_add(root, "kernel", json_object_new_string(uts.release));
	json_object_object_add(root, "module_version", json_object_new_string(g.info.module_version));
	json_object_object_add(root, "hz", json_object_new_int(g.info.hz));
	json_object_object_add(root, "cpus", json_object_new_int(g.info.nr_online_cpus));
	json_object_object_add(root, "smoke", json_object_new_boolean(g.p->smoke));

	printf("wqd-bench%s: %s, HZ=%u, %u CPUs\n", g.p->smoke ? " --smoke" : "",
	       uts.release, g.info.hz, g.info.nr_online_cpus);
	printf(ROW, "figure", "value", "ratio", "target", "met");
}

void report_add(const char *key, json_object *val)
{
	json_object_object_add(root, key, val);
}

void raw_add(const char *key, json_object *val)
{
	json_object_object_add(raw, key, val);
}

void section(const char *title)
{
	printf("\n== %s\n", title);
}

/*
 * One row: @value in @unit; @ratio (or NAN) against @ratio_of; the target
 * is @ratio <= @target (G_MAX) or >= (G_MIN). met is null without one.
 */
static void __attribute__((format(printf, 7, 0)))
row(double value, const char *unit, double ratio, const char *ratio_of,
    enum goal goal, double target, const char *fmt, va_list ap)
{
	json_object *f = json_object_new_object();
	char name[96], val[32], rat[48], tgt[32], met[8] = "";
	bool ok = false;

	vsnprintf(name, sizeof(name), fmt, ap);
	if (goal != G_NONE && !isnan(ratio))
		ok = goal == G_MAX ? ratio <= target : ratio >= target;
	snprintf(val, sizeof(val), value >= 100 ? "%.0f %s" : "%.2f %s", value, unit);
	rat[0] = tgt[0] = 0;
	if (!isnan(ratio))
		snprintf(rat, sizeof(rat), "%.3f x %s", ratio, ratio_of);
	if (goal != G_NONE) {
		snprintf(tgt, sizeof(tgt), "%s %g", goal == G_MAX ? "<=" : ">=", target);
		snprintf(met, sizeof(met), "%s", g.p->smoke ? "-" : ok ? "yes" : "NO");
	}
	printf(ROW, name, val, rat, tgt, met);

	json_object_object_add(f, "figure", json_object_new_string(name));
	json_object_object_add(f, "value", json_object_new_double(value));
	json_object_object_add(f, "unit", json_object_new_string(unit));
	json_object_object_add(f, "ratio", isnan(ratio) ? NULL : json_object_new_double(ratio));
	json_object_object_add(f, "ratio_of", isnan(ratio) ? NULL : json_object_new_string(ratio_of));
	json_object_object_add(f, "target", goal == G_NONE ? NULL :
			       json_object_new_string(tgt));
	json_object_object_add(f, "met", goal == G_NONE || g.p->smoke ? NULL :
			       json_object_new_boolean(ok));
	json_object_array_add(figures, f);
}

/* A figure that stands alone: no ratio, no target. */
void figure(double value, const char *unit, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	row(value, unit, NAN, "", G_NONE, 0, fmt, ap);
	va_end(ap);
}

void ratio_figure(double value, const char *unit, double ratio, const char *ratio_of,
		  enum goal goal, double target, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	row(value, unit, ratio, ratio_of, goal, target, fmt, ap);
	va_end(ap);
}

/* Writes the JSON to @json_path, if any; @t0 is when the run began. */
void report_end(const char *json_path, __u64 t0)
{
	json_object_object_add(root, "figures", figures);
	json_object_object_add(root, "raw", raw);
	json_object_object_add(root, "errors", json_object_new_int(g.errors));
	json_object_object_add(root, "seconds", json_object_new_double((now_ns() - t0) / 1e9));
	if (json_path && json_object_to_file_ext(json_path, root,
						  JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED))
		error("%s: %s", json_path, json_util_get_last_err());
	json_object_put(root);
	printf("\n%d errors, %.0f s\n", g.errors, (now_ns() - t0) / 1e9);
}
