// SPDX-License-Identifier: GPL-2.0
/*
 * main() for fuzz_args without libFuzzer: run each file given, and each
 * file of each directory given, through LLVMFuzzerTestOneInput() once.
 * meson builds this with the project's compiler to replay the corpus as
 * a unit test; a broken promise abort()s and fails it.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	unsigned char *data = NULL;
	size_t size = 0, cap = 0, n;
	int ret = 1;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	for (;;) {
		if (size == cap) {
			unsigned char *grown = realloc(data, cap + 4096);

			if (!grown)
				goto out;
			data = grown;
			cap += 4096;
		}
		n = fread(data + size, 1, cap - size, f);
		if (!n)
			break;
		size += n;
	}
	if (ferror(f)) {
		perror(path);
		goto out;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
	LLVMFuzzerTestOneInput(data, size);
	ret = 0;
out:
	free(data);
	fclose(f);
	return ret;
}

static int run_dir(const char *path)
{
	struct dirent **names;
	char file[4096];
	int n, i, ret = 0;

	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		perror(path);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(file, sizeof(file), "%s/%s", path,
				 names[i]->d_name);
			ret |= run_file(file);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, ret = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st)) {
			perror(argv[i]);
			ret = 1;
		} else {
			ret |= S_ISDIR(st.st_mode) ? run_dir(argv[i]) :
						     run_file(argv[i]);
		}
	}
	return ret;
}
