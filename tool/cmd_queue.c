// SPDX-License-Identifier: GPL-2.0
/* "wqctl queue": create, list, show, flush, drain, destroy. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "fmt.h"
#include "json.h"

const char queue_usage[] =
	"wqctl queue create NAME [--legacy|--legacy-single|--ordered] [--unbound]\n"
	"      [--highpri] [--cpu-intensive] [--freezable] [--mem-reclaim]\n"
	"      [--sysfs] [--power-efficient] [--bh] [--max-active N]\n"
	"wqctl queue list | show Q | flush Q | drain Q | destroy Q\n";

/* Built-in queues are the kernel's own: it forbids flushing them. */
#define BUILTIN_HINT	"built-in queues cannot be flushed, drained or destroyed"

enum {
	OPT_LEGACY = 256,
	OPT_LEGACY_SINGLE,
	OPT_ORDERED,
	OPT_MAX_ACTIVE,
	OPT_FLAG = 0x1000,	/* + a WQD_QF_* flag */
};

/*
 * One option per kernel call and per WQ_* flag. --power-efficient and
 * --bh are beyond the contract's grammar: the ABI has the flags, and
 * a lab should reach all of them (--bh fails with EOPNOTSUPP before 6.9).
 */
static const struct option create_options[] = {
	{ "legacy", no_argument, NULL, OPT_LEGACY },
	{ "legacy-single", no_argument, NULL, OPT_LEGACY_SINGLE },
	{ "ordered", no_argument, NULL, OPT_ORDERED },
	{ "max-active", required_argument, NULL, OPT_MAX_ACTIVE },
	{ "unbound", no_argument, NULL, OPT_FLAG + WQD_QF_UNBOUND },
	{ "highpri", no_argument, NULL, OPT_FLAG + WQD_QF_HIGHPRI },
	{ "cpu-intensive", no_argument, NULL, OPT_FLAG + WQD_QF_CPU_INTENSIVE },
	{ "freezable", no_argument, NULL, OPT_FLAG + WQD_QF_FREEZABLE },
	{ "mem-reclaim", no_argument, NULL, OPT_FLAG + WQD_QF_MEM_RECLAIM },
	{ "sysfs", no_argument, NULL, OPT_FLAG + WQD_QF_SYSFS },
	{ "power-efficient", no_argument, NULL, OPT_FLAG + WQD_QF_POWER_EFFICIENT },
	{ "bh", no_argument, NULL, OPT_FLAG + WQD_QF_BH },
	{ NULL, 0, NULL, 0 }
};

static int kind_option(int c, struct wqd_queue_create *create, bool *kind)
{
	if (*kind)
		return wqctl_usage("create: --legacy, --legacy-single and --ordered exclude each other");
	*kind = true;
	create->kind = c == OPT_LEGACY ? WQD_KIND_LEGACY :
		       c == OPT_LEGACY_SINGLE ? WQD_KIND_LEGACY_SINGLE :
		       WQD_KIND_ORDERED;
	return 0;
}

/*
 * The command line of "queue create". Which flags each kernel call takes
 * is the kernel's to judge (EINVAL): the options map one to one onto the
 * ABI, and only what cannot be said in it at all is a usage error.
 */
static int create_parse(int argc, char **argv, struct wqd_queue_create *create)
{
	bool kind = false;
	int c, ret;

	cmd_getopt_init();
	while ((c = getopt_long(argc, argv, ":", create_options, NULL)) != -1) {
		switch (c) {
		case OPT_LEGACY:
		case OPT_LEGACY_SINGLE:
		case OPT_ORDERED:
			ret = kind_option(c, create, &kind);
			break;
		case OPT_MAX_ACTIVE:
			ret = cmd_u32("--max-active", optarg,
				      &create->max_active);
			break;
		default:
			/* getopt's '?' and ':' are below OPT_FLAG. */
			if (c < OPT_FLAG)
				return cmd_bad_option(c, argv);
			create->flags |= c - OPT_FLAG;
			ret = 0;
		}
		if (ret)
			return ret;
	}
	return cmd_args(argc, argv, 1, "NAME");
}

/* Prints the new id and nothing else: id=$(wqctl queue create q) works. */
static int queue_create(int argc, char **argv)
{
	struct wqd_queue_create create = { .kind = WQD_KIND_ALLOC };
	int ret = 1, fd, err;
	const char *name;

	err = create_parse(argc, argv, &create);
	if (err)
		return err;
	name = argv[optind];
	err = wqd_set_name(create.name, name);
	if (err)
		return wqctl_err(err, "queue '%s'", name);
	fd = cmd_open(true);
	if (fd < 0)
		return ret;
	err = wqd_queue_create(fd, &create);
	if (err) {
		wqctl_err(err, "queue '%s'", name);
		goto out;
	}
	if (wqctl_opts.json)
		err = jsonw_emit(jsonw_id(create.id));
	else
		printf("%llu\n", create.id);
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

static int queue_list(int argc, char **argv)
{
	struct wqd_queue_info *queues = NULL;
	int ret = 1, fd, err;
	size_t n;

	err = cmd_plain(argc, argv, 0, "");
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = wqd_queue_list(fd, &queues, &n);
	if (err) {
		wqctl_err(err, "queue list");
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_queues(queues, n)) :
				fmt_queues(stdout, queues, n);
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	ret = 0;
out:
	free(queues);
	close(fd);
	return ret;
}

static int queue_show(int argc, char **argv)
{
	struct wqd_queue_info queue;
	int ret = 1, fd, err;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "Q");
	if (err)
		return err;
	fd = cmd_open(false);
	if (fd < 0)
		return ret;
	err = wqd_queue_resolve(fd, argv[optind], &id);
	if (!err)
		err = wqd_queue_info(fd, id, &queue);
	if (err) {
		wqctl_err(err, "queue '%s'", argv[optind]);
		goto out;
	}
	err = wqctl_opts.json ? jsonw_emit(jsonw_queue(&queue)) :
				fmt_queue(stdout, &queue);
	if (err) {
		wqctl_err(err, "output");
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

/* flush, drain, destroy: silent on success; JSON says {"id": N}. */
static int queue_op(int argc, char **argv, int (*op)(int fd, __u64 id))
{
	int ret = 1, fd, err;
	__u64 id;

	err = cmd_plain(argc, argv, 1, "Q");
	if (err)
		return err;
	fd = cmd_open(true);
	if (fd < 0)
		return ret;
	err = wqd_queue_resolve(fd, argv[optind], &id);
	if (!err)
		err = op(fd, id);
	if (err) {
		wqctl_err_hint(err, err == -EPERM ? BUILTIN_HINT : NULL,
			       "queue '%s'", argv[optind]);
		goto out;
	}
	if (wqctl_opts.json) {
		err = jsonw_emit(jsonw_id(id));
		if (err) {
			wqctl_err(err, "output");
			goto out;
		}
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

static int queue_flush(int argc, char **argv)
{
	return queue_op(argc, argv, wqd_queue_flush);
}

static int queue_drain(int argc, char **argv)
{
	return queue_op(argc, argv, wqd_queue_drain);
}

/* The kernel cancels the queue's items first, then destroys it. */
static int queue_destroy(int argc, char **argv)
{
	return queue_op(argc, argv, wqd_queue_destroy);
}

/* The first entry is what "wqctl queue" alone runs. */
static const struct cmd queue_cmds[] = {
	{ "list", queue_list, NULL },
	{ "create", queue_create, NULL },
	{ "show", queue_show, NULL },
	{ "flush", queue_flush, NULL },
	{ "drain", queue_drain, NULL },
	{ "destroy", queue_destroy, NULL },
	{ NULL, NULL, NULL }
};

int queue_main(int argc, char **argv)
{
	return cmd_dispatch(queue_cmds, "queue command", argc - 1, argv + 1);
}
