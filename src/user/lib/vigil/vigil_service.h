/*
 * Vigil library: one service definition, parsed from the small files of
 * /etc/vigil/services/<name>/ (spec/vigil.md VIG-030..050).
 *
 * Each file has its own parser over caller-given bytes; vigil_service_load
 * runs them all, applies the defaults of missing files and prefixes the
 * first error with "service 'NAME': FILE: ".  Everything is fixed-size and
 * copyable by value.
 */
#ifndef AEGIS_VIGIL_SERVICE_H
#define AEGIS_VIGIL_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/vigil_limits.h"
#include "vigil/vigil_run.h"

typedef enum {
	VIGIL_RESPAWN,
	VIGIL_ONESHOT,
} vigil_kind_t;

typedef enum {
	VIGIL_MODE_BOTH,
	VIGIL_MODE_TEXT,
	VIGIL_MODE_GRAPHICAL,
} vigil_mode_t;

typedef struct {
	vigil_kind_t kind;
	uint32_t max_restarts;
	bool console; /* keeps standard output in quiet mode */
} vigil_policy_t;

typedef struct {
	char names[VIGIL_AFTER_MAX][VIGIL_NAME_MAX + 1];
	size_t count;
} vigil_after_t;

typedef struct {
	char name[VIGIL_NAME_MAX + 1];
	vigil_run_t run;
	vigil_policy_t policy;
	vigil_mode_t mode;
	char user[VIGIL_USER_MAX + 1];
	vigil_after_t after;
} vigil_service_t;

/* The bytes of one file; present false when the file does not exist. */
typedef struct {
	bool present;
	const char *data;
	size_t len;
} vigil_file_t;

typedef struct {
	vigil_file_t run, policy, mode, user, after;
} vigil_service_files_t;

/* Each returns 0, or a negative error with msg filled (out left at defaults). */
int vigil_policy_parse(const char *data, size_t len, vigil_policy_t *out, char *msg);
int vigil_mode_parse(const char *data, size_t len, vigil_mode_t *out, char *msg);
int vigil_user_parse(const char *data, size_t len, char out[VIGIL_USER_MAX + 1], char *msg);
int vigil_after_parse(const char *data, size_t len, vigil_after_t *out, char *msg);

/* The defaults of missing files. */
void vigil_policy_default(vigil_policy_t *out);

/*
 * Load service name from its files.  0 on success; otherwise a negative
 * error, msg = "service 'NAME': FILE: REASON" and *out zeroed.
 */
int vigil_service_load(const char *name, size_t name_len, const vigil_service_files_t *files,
		       vigil_service_t *out, char *msg);

#endif
