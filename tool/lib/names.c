// SPDX-License-Identifier: GPL-2.0
/*
 * Words for the ABI's numbers, one table each, shared by the human and
 * the JSON output so that both always say the same thing.
 */
#include "array_size.h"
#include "wqd.h"

static const char *const states[] = {
	[WQD_STATE_PENDING] = "pending",
	[WQD_STATE_RUNNING] = "running",
	[WQD_STATE_IDLE] = "idle",
	[WQD_STATE_DONE] = "done",
	[WQD_STATE_CANCELLED] = "cancelled",
	[WQD_STATE_OFFLINE] = "offline",
};

static const char *const kinds[] = {
	[WQD_KIND_ALLOC] = "alloc",
	[WQD_KIND_LEGACY] = "legacy",
	[WQD_KIND_LEGACY_SINGLE] = "legacy_single",
	[WQD_KIND_ORDERED] = "ordered",
	[WQD_KIND_BUILTIN] = "builtin",
};

/* Indexed by bit number: WQD_QF_UNBOUND is bit 0. */
static const char *const queue_flags[] = {
	"unbound", "highpri", "cpu_intensive", "freezable",
	"mem_reclaim", "sysfs", "power_efficient", "bh",
};

static const char *const features[] = {
	"bh",
};

/* A newer module may report values this program has no word for. */
static const char *lookup(const char *const *words, size_t n, __u32 i)
{
	return i < n && words[i] ? words[i] : "unknown";
}

const char *libwqd_state_name(__u32 state)
{
	return lookup(states, ARRAY_SIZE(states), state);
}

const char *libwqd_kind_name(__u32 kind)
{
	return lookup(kinds, ARRAY_SIZE(kinds), kind);
}

const char *libwqd_queue_flag_name(unsigned int bit)
{
	return lookup(queue_flags, ARRAY_SIZE(queue_flags), bit);
}

const char *libwqd_feature_name(unsigned int bit)
{
	return lookup(features, ARRAY_SIZE(features), bit);
}
