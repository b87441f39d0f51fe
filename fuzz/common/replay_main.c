/*
 * Replay driver: run fuzz_one() once on every file named on the command line
 * or found directly inside the directories named there, printing TAP.
 *
 *     replay fuzz/<name>/corpus fuzz/<name>/crashes
 *
 * Files are taken in name order; names starting with '.' and README files are
 * not inputs.  Each input is copied into a heap buffer of exactly its size so
 * AddressSanitizer sees any read past its end.  Before each input the driver
 * prints "# replaying <path>", so when an input crashes the program (which
 * the test runner counts as a failure) the log names it.  A fuzz_one() result
 * other than 0 is "not ok".  No inputs at all is a skip, not a pass.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define REPLAY_MAX_INPUT (16u << 20)

typedef struct {
	char **paths;
	size_t count, cap;
} path_list_t;

static void list_add(path_list_t *l, const char *path)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->paths = realloc(l->paths, l->cap * sizeof(*l->paths));
		if (!l->paths) {
			perror("replay: realloc");
			exit(2);
		}
	}
	l->paths[l->count] = strdup(path);
	if (!l->paths[l->count]) {
		perror("replay: strdup");
		exit(2);
	}
	l->count++;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_input_name(const char *name)
{
	return name[0] != '.' && strncmp(name, "README", 6) != 0;
}

/* Adds the regular files directly inside dir; returns -1 (with errno) when dir cannot be read. */
static int list_dir(path_list_t *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t first = l->count;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_input_name(e->d_name))
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			list_add(l, path);
	}
	closedir(d);
	qsort(l->paths + first, l->count - first, sizeof(*l->paths), compare_paths);
	return 0;
}

/* Reads the whole file into an exact-size heap buffer; NULL with a reason on failure. */
static uint8_t *read_input(const char *path, size_t *size, const char **why)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*why = strerror(errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (unsigned long long)st.st_size > REPLAY_MAX_INPUT) {
		fclose(f);
		*why = "unreadable size or larger than 16 MiB";
		return NULL;
	}
	*size = (size_t)st.st_size;
	uint8_t *buf = malloc(*size ? *size : 1);
	if (!buf || fread(buf, 1, *size, f) != *size) {
		free(buf);
		fclose(f);
		*why = "short read";
		return NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	path_list_t inputs = {0};
	int status = 0, n = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode)) {
			list_add(&inputs, argv[i]);
		} else if (list_dir(&inputs, argv[i]) != 0) {
			printf("not ok %d - %s: %s\n", ++n, argv[i], strerror(errno));
			status = 1;
		}
	}
	for (size_t i = 0; i < inputs.count; i++) {
		const char *path = inputs.paths[i];
		size_t size = 0;
		const char *why = NULL;
		uint8_t *data = read_input(path, &size, &why);
		if (!data) {
			printf("not ok %d - %s: %s\n", ++n, path, why);
			status = 1;
			continue;
		}
		printf("# replaying %s (%zu bytes)\n", path, size);
		fflush(stdout);
		int rc = fuzz_one(data, size);
		free(data);
		if (rc != 0) {
			printf("not ok %d - %s: fuzz_one returned %d\n", ++n, path, rc);
			status = 1;
		} else {
			printf("ok %d - %s\n", ++n, path);
		}
		free(inputs.paths[i]);
	}
	free(inputs.paths);
	if (n == 0)
		printf("ok %d - # SKIP no input files in the given directories\n", ++n);
	printf("1..%d\n", n);
	return status;
}
