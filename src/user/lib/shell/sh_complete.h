/*
 * Tab completion (spec/shell.md SH-079, SH-100..SH-102), pure: which word
 * the cursor ends, where its names come from and what they share.  The
 * names of a directory arrive through a callback (sh_complete_list_fn), so
 * the rules run on the host with invented directories; sh_complete_dir.c
 * is the callback that reads real ones.
 */
#ifndef AEGIS_SH_COMPLETE_H
#define AEGIS_SH_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#define SH_COMPLETE_MAX 64       /* names kept for a listing */
#define SH_COMPLETE_NAME_MAX 255 /* bytes of one name (longer ones are skipped) */
#define SH_COMPLETE_WIDTH 80     /* columns a listing fills at most */
#define SH_COMPLETE_GAP 2        /* spaces between the columns of a listing */

typedef struct {
	char name[SH_COMPLETE_NAME_MAX + 1];
	bool dir;
} sh_complete_name_t;

typedef struct {
	const char *want; /* what a name must start with */
	size_t wantlen;
	bool commands; /* command position: directories are not offered */
	sh_complete_name_t names[SH_COMPLETE_MAX]; /* the first matches in byte order */
	size_t kept;
	size_t total;                             /* every distinct match, kept or not */
	char common[SH_COMPLETE_NAME_MAX + 1];    /* the prefix every match shares */
	size_t commonlen;
} sh_complete_t;

/* Offer every name of directory dir with sh_complete_offer; an unreadable one offers nothing. */
typedef void (*sh_complete_list_fn)(void *ctx, const char *dir, sh_complete_t *c);

typedef struct {
	sh_complete_list_fn list;
	void *ctx;
	const char *path;             /* PATH's value, NULL when unset */
	const char *const *builtins;  /* NULL-terminated; may be NULL */
} sh_complete_src_t;

/* One name of the directory being listed (dir: it is a directory). */
void sh_complete_offer(sh_complete_t *c, const char *name, bool dir);

/*
 * Gather the matches of the word of line[0..cursor) that ends at the
 * cursor into c; *wordlen is the part of it that names share (after its
 * last '/').  Returns false when the word cannot be completed (too long).
 */
bool sh_complete_gather(const sh_complete_src_t *src, const char *line, size_t cursor, sh_complete_t *c,
			size_t *wordlen);

/* The listing of c's names (SH-101) into out (cap bytes); returns the bytes written. */
size_t sh_complete_format(const sh_complete_t *c, char *out, size_t cap);

#endif
