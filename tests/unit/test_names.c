// SPDX-License-Identifier: GPL-2.0
/*
 * The words of kinds, states and queue flags: libwqd must print the
 * module's own (driver/words.h), entry for entry, so that wqctl and `cat
 * /dev/wqdemo` say the same; and the list must have a word for every
 * number in it, a word JSON can carry as it is.
 */
#include <string.h>

#include "check.h"
#include "lib/array_size.h"
#include "lib/wqd.h"
#include "../../driver/words.h"

/* Lower case and _, as the JSON fields are: nothing to quote or escape. */
static int is_word(const char *w)
{
	return w && *w && strspn(w, "abcdefghijklmnopqrstuvwxyz_") == strlen(w);
}

/*
 * Every entry of @words is a word, no two alike, and @name gives it for
 * its number, and "unknown" for the first number past the list.
 */
static void check_table(const char *what, const char *const *words, size_t n,
			const char *(*name)(__u32))
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!is_word(words[i])) {
			fprintf(stderr, "%s %zu: no word, or not a word\n", what, i);
			check_failures++;
			continue;
		}
		for (j = 0; j < i; j++)
			if (words[j] && !strcmp(words[i], words[j])) {
				fprintf(stderr, "%s %zu and %zu: both '%s'\n",
					what, j, i, words[i]);
				check_failures++;
			}
		if (strcmp(name(i), words[i])) {
			fprintf(stderr, "%s %zu: libwqd says '%s', the module '%s'\n",
				what, i, name(i), words[i]);
			check_failures++;
		}
	}
	CHECK(!strcmp(name(n), "unknown"));
}

int main(void)
{
	check_table("kind", wqd_kind_names, ARRAY_SIZE(wqd_kind_names),
		    libwqd_kind_name);
	check_table("state", wqd_state_names, ARRAY_SIZE(wqd_state_names),
		    libwqd_state_name);
	check_table("queue flag", wqd_queue_flag_names,
		    ARRAY_SIZE(wqd_queue_flag_names), libwqd_queue_flag_name);
	/* A flag added to the ABI needs its word, or the report skips it. */
	CHECK((1U << ARRAY_SIZE(wqd_queue_flag_names)) - 1 == WQD_QF_ALL);
	return check_done();
}
