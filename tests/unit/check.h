/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest harness that says where a check failed: every test file
 * is one program, CHECK() counts failures, main() returns check_done().
 * With it, the two things more than one test does: CAPTURE() what a
 * printer writes, PARSE() a command line.
 */
#ifndef WQD_CHECK_H
#define WQD_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: failed: %s\n",		\
				__FILE__, __LINE__, #cond);		\
			check_failures++;				\
		}							\
	} while (0)

static inline int check_done(void)
{
	return check_failures ? 1 : 0;
}

/*
 * CAPTURE(out, call): what @call wrote to the FILE *f it is given, as a
 * string in @out that the caller frees.
 */
#define CAPTURE(out, call)						\
	do {								\
		size_t len_;						\
		FILE *f = open_memstream(&(out), &len_);		\
									\
		call;							\
		fclose(f);						\
	} while (0)

/* The words of a PARSE(), after "cmd", up to NULL, into fn(argc, argv, a). */
static inline int check_parse(int (*fn)(int, char **, void *), void *a, ...)
{
	char *argv[32] = { "cmd" };
	int argc = 1;
	va_list ap;

	va_start(ap, a);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	return fn(argc, argv, a);
}

/*
 * PARSE(fn, a, "word", ...): fn(argc, argv, a) over the command line
 * "cmd word ...", as a command's parser gets it; getopt may permute it.
 * @a is whatever @fn takes, a parser's out struct or a const table.
 */
#define PARSE(fn, a, ...)						\
	check_parse((int (*)(int, char **, void *))(fn), (void *)(a),	\
		    __VA_ARGS__, NULL)

#endif /* WQD_CHECK_H */
