// SPDX-License-Identifier: GPL-2.0
/*
 * Words for the ABI's numbers, one table each, shared by the human and
 * the JSON output so that both always say the same thing. The kinds,
 * states and queue flags are the module's own words, those its report
 * prints: driver/words.h has the one list.
 */
#include "array_size.h"
#include "wqd.h"
#include "../../driver/words.h"

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
	return lookup(wqd_state_names, ARRAY_SIZE(wqd_state_names), state);
}

const char *libwqd_kind_name(__u32 kind)
{
	return lookup(wqd_kind_names, ARRAY_SIZE(wqd_kind_names), kind);
}

const char *libwqd_queue_flag_name(unsigned int bit)
{
	return lookup(wqd_queue_flag_names,
		      ARRAY_SIZE(wqd_queue_flag_names), bit);
}

const char *libwqd_feature_name(unsigned int bit)
{
	return lookup(features, ARRAY_SIZE(features), bit);
}
