/*
 * The initrd parser: validates a cpio "newc" archive and builds its index
 * (spec/initrd.md INITRD-001..INITRD-010, INITRD-020).
 *
 * Two passes over the archive: the first validates every entry and counts
 * entries and symlink-target bytes, the second (which cannot fail) fills the
 * kmalloc'd table.  The table is then sorted by path, which makes duplicates
 * adjacent and parents findable by binary search.  Every size is checked
 * against the bytes left before it is used, so no sum can overflow.
 */
#include <aegis/errno.h>

#include "core/format.h"
#include "core/kstring.h"
#include "fs/initrd_internal.h"
#include "mm/kheap.h"

#define HDR_SIZE 110u
#define HDR_MAGIC "070701"
#define HDR_MAGIC_LEN 6u
#define HDR_FIELD_LEN 8u
#define ALIGN 4u
#define TRAILER "TRAILER!!!"
#define SHOWN_NAME_MAX 64u
#define SHOWN_BUF (SHOWN_NAME_MAX + 4u)

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	F_COUNT,
};

static const char *const field_names[F_COUNT] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

typedef struct {
	const uint8_t *base;
	size_t size;
	char *reason;
	size_t reason_cap;
	/* results of the first pass */
	size_t entries;      /* besides the root */
	size_t target_bytes; /* symlink targets with their NULs */
	/* second pass: where entries go (NULL in the first pass) */
	initrd_t *rd;
	char *next_target;
	/* the entry being read, for reasons */
	uint32_t number;
	size_t offset;
	const char *name; /* NULL until the name is known to be terminated */
} scan_t;

/* ---- reasons ---------------------------------------------------------------- */

/* Copy name for a console line: printable ASCII only, at most SHOWN_NAME_MAX bytes. */
static void show_name(char *out, const char *name)
{
	size_t i = 0;
	for (; name[i] != '\0' && i < SHOWN_NAME_MAX; i++) {
		unsigned char c = (unsigned char)name[i];
		out[i] = (c >= 0x20 && c <= 0x7e) ? (char)c : '?';
	}
	if (name[i] != '\0') {
		kmemcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

static int reject(scan_t *s, const char *what, const char *detail)
{
	if (s->reason == NULL || s->reason_cap == 0)
		return -EINVAL;
	char shown[SHOWN_BUF];
	if (s->name != NULL) {
		show_name(shown, s->name);
		ksnprintf(s->reason, s->reason_cap, "entry %u at offset 0x%lx '%s': %s%s", (unsigned)s->number,
		          (unsigned long)s->offset, shown, what, detail ? detail : "");
	} else {
		ksnprintf(s->reason, s->reason_cap, "entry %u at offset 0x%lx: %s%s", (unsigned)s->number,
		          (unsigned long)s->offset, what, detail ? detail : "");
	}
	return -EINVAL;
}

/* ---- header fields ------------------------------------------------------------ */

static int hex_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The 8-digit field at p; false when a character is not a hex digit. */
static bool hex_field(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < HDR_FIELD_LEN; i++) {
		int d = hex_digit(p[i]);
		if (d < 0)
			return false;
		v = (v << 4) | (uint32_t)d;
	}
	*out = v;
	return true;
}

/* Bytes of padding after position pos (an offset from the archive's start). */
static size_t pad_after(size_t pos)
{
	return (ALIGN - (pos & (ALIGN - 1u))) & (ALIGN - 1u);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* ---- names ---------------------------------------------------------------------- */

bool initrd_path_valid(const char *path, size_t len)
{
	if (len == 0)
		return false;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && path[i] != '/')
			continue;
		size_t clen = i - start;
		const char *c = path + start;
		if (clen == 0 || clen > INITRD_COMPONENT_MAX)
			return false;
		if ((clen == 1 && c[0] == '.') || (clen == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		start = i + 1;
	}
	return true;
}

/*
 * Normalise an archive name (INITRD-006).  Returns the path inside name (no
 * leading "./" or "/"), "" for the root, or NULL when the name is invalid.
 */
static const char *normalise(const char *name, size_t len, size_t *out_len)
{
	if ((len == 1 && (name[0] == '.' || name[0] == '/')) || (len == 2 && name[0] == '.' && name[1] == '/')) {
		*out_len = 0;
		return name + len;
	}
	if (len >= 2 && name[0] == '.' && name[1] == '/') {
		name += 2;
		len -= 2;
	} else if (len >= 1 && name[0] == '/') {
		name += 1;
		len -= 1;
	}
	if (!initrd_path_valid(name, len))
		return NULL;
	*out_len = len;
	return name;
}

/* ---- one pass over the archive ---------------------------------------------------- */

static initrd_type_t type_of(uint32_t mode)
{
	switch (mode & INITRD_S_IFMT) {
	case INITRD_S_IFREG:
		return INITRD_TYPE_FILE;
	case INITRD_S_IFDIR:
		return INITRD_TYPE_DIR;
	case INITRD_S_IFLNK:
		return INITRD_TYPE_SYMLINK;
	default:
		return 0;
	}
}

/* Checks of one entry's fields that need no neighbours (INITRD-002, INITRD-005). */
static int check_fields(scan_t *s, const uint32_t *f, const uint8_t *data, initrd_type_t *type)
{
	if (f[F_CHECK] != 0)
		return reject(s, "check field is not 0 (newc has no checksum)", NULL);
	if (f[F_RDEVMAJOR] != 0 || f[F_RDEVMINOR] != 0)
		return reject(s, "rdevmajor/rdevminor not 0 (devices are not supported)", NULL);
	if (f[F_MODE] > INITRD_MODE_MAX)
		return reject(s, "mode has bits above 0177777", NULL);
	*type = type_of(f[F_MODE]);
	if (*type == 0)
		return reject(s, "unsupported file type (only files, directories and symlinks)", NULL);
	if (*type == INITRD_TYPE_DIR && f[F_FILESIZE] != 0)
		return reject(s, "directory with a non-zero filesize", NULL);
	if (*type == INITRD_TYPE_SYMLINK) {
		if (f[F_FILESIZE] == 0)
			return reject(s, "symlink with an empty target", NULL);
		if (f[F_FILESIZE] > INITRD_TARGET_MAX)
			return reject(s, "symlink target longer than 4095 bytes", NULL);
		for (uint32_t i = 0; i < f[F_FILESIZE]; i++)
			if (data[i] == 0)
				return reject(s, "symlink target contains a NUL byte", NULL);
	}
	return 0;
}

static void store(scan_t *s, initrd_entry_t *e, const uint32_t *f, const uint8_t *data, initrd_type_t type,
                  const char *path, size_t path_len)
{
	e->path = path;
	e->path_len = path_len;
	e->name = path;
	e->data = data;
	e->size = f[F_FILESIZE];
	e->type = type;
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->mtime = f[F_MTIME];
	e->number = s->number;
	e->offset = s->offset;
	e->target = NULL;
	if (type == INITRD_TYPE_SYMLINK) {
		kmemcpy(s->next_target, data, e->size);
		s->next_target[e->size] = '\0';
		e->target = s->next_target;
		s->next_target += e->size + 1;
	}
}

static int scan(scan_t *s)
{
	size_t off = 0;
	bool root_seen = false;
	size_t stored = 1; /* the table's slot 0 is the root */
	s->entries = 0;
	s->target_bytes = 0;
	for (s->number = 0;; s->number++) {
		s->offset = off;
		s->name = NULL;
		if (off == s->size)
			return reject(s, "no TRAILER!!! entry before the end of the module", NULL);
		if (s->size - off < HDR_SIZE)
			return reject(s, "truncated header", NULL);
		const uint8_t *h = s->base + off;
		if (kmemcmp(h, HDR_MAGIC, HDR_MAGIC_LEN) != 0)
			return reject(s, "bad magic (want 070701, cpio newc)", NULL);
		uint32_t f[F_COUNT];
		for (unsigned i = 0; i < F_COUNT; i++)
			if (!hex_field(h + HDR_MAGIC_LEN + i * HDR_FIELD_LEN, &f[i]))
				return reject(s, "not 8 hex digits in field ", field_names[i]);
		if (f[F_NAMESIZE] < 2 || f[F_NAMESIZE] > INITRD_NAME_MAX)
			return reject(s, "namesize outside 2..4096", NULL);
		size_t name_off = off + HDR_SIZE;
		if (f[F_NAMESIZE] > s->size - name_off)
			return reject(s, "truncated name", NULL);
		const char *name = (const char *)(s->base + name_off);
		size_t name_len = f[F_NAMESIZE] - 1u;
		if (name[name_len] != '\0' || kstrnlen(name, name_len) != name_len)
			return reject(s, "name is not exactly one NUL-terminated string of namesize bytes", NULL);
		s->name = name;
		size_t pos = name_off + f[F_NAMESIZE];
		size_t pad = pad_after(pos);
		if (pad > s->size - pos)
			return reject(s, "truncated padding after the name", NULL);
		if (!all_zero(s->base + pos, pad))
			return reject(s, "non-zero padding after the name", NULL);
		size_t data_off = pos + pad;
		if (f[F_FILESIZE] > s->size - data_off)
			return reject(s, "truncated data (filesize beyond the module)", NULL);
		const uint8_t *data = s->base + data_off;
		pos = data_off + f[F_FILESIZE];
		pad = pad_after(pos);
		if (pad > s->size - pos)
			return reject(s, "truncated padding after the data", NULL);
		if (!all_zero(s->base + pos, pad))
			return reject(s, "non-zero padding after the data", NULL);
		size_t next = pos + pad;

		if (name_len == sizeof(TRAILER) - 1u && kmemcmp(name, TRAILER, name_len) == 0) {
			if (f[F_FILESIZE] != 0)
				return reject(s, "TRAILER!!! with a non-zero filesize", NULL);
			if (!all_zero(s->base + next, s->size - next))
				return reject(s, "non-zero bytes after TRAILER!!!", NULL);
			return 0;
		}

		initrd_type_t type = INITRD_TYPE_FILE;
		int rc = check_fields(s, f, data, &type);
		if (rc != 0)
			return rc;
		size_t path_len;
		const char *path = normalise(name, name_len, &path_len);
		if (path == NULL)
			return reject(s, "name does not normalise (empty, '.' or '..' component, or too long)", NULL);
		if (path_len == 0) {
			if (type != INITRD_TYPE_DIR)
				return reject(s, "the root entry is not a directory", NULL);
			if (root_seen)
				return reject(s, "duplicate entry '' (a second root)", NULL);
			root_seen = true;
			if (s->rd != NULL)
				store(s, &s->rd->entries[0], f, data, type, path, 0);
		} else {
			if (s->entries == INITRD_MAX_ENTRIES)
				return reject(s, "more than 4096 entries", NULL);
			s->entries++;
			if (type == INITRD_TYPE_SYMLINK)
				s->target_bytes += (size_t)f[F_FILESIZE] + 1u;
			if (s->rd != NULL)
				store(s, &s->rd->entries[stored++], f, data, type, path, path_len);
		}
		off = next;
	}
}

/* ---- sorting and the tree checks -------------------------------------------------------- */

int initrd_path_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int c = kmemcmp(a, b, n);
	if (c != 0)
		return c;
	return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

static int entry_cmp(const initrd_entry_t *a, const initrd_entry_t *b)
{
	return initrd_path_cmp(a->path, a->path_len, b->path, b->path_len);
}

static void sift_down(initrd_entry_t *v, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && entry_cmp(&v[child], &v[child + 1]) < 0)
			child++;
		if (entry_cmp(&v[root], &v[child]) >= 0)
			return;
		initrd_entry_t t = v[root];
		v[root] = v[child];
		v[child] = t;
		root = child;
	}
}

/* Heapsort: O(n log n), no recursion, no extra memory. */
static void sort_entries(initrd_entry_t *v, size_t n)
{
	if (n < 2)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		initrd_entry_t t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

long initrd_index_of(const initrd_t *rd, const char *path, size_t len)
{
	size_t lo = 0, hi = rd->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = initrd_path_cmp(rd->entries[mid].path, rd->entries[mid].path_len, path, len);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* INITRD-007 and INITRD-008 on the sorted table. */
static int check_tree(scan_t *s, initrd_t *rd)
{
	for (size_t i = 1; i < rd->count; i++) {
		initrd_entry_t *e = &rd->entries[i];
		s->number = e->number;
		s->offset = e->offset;
		s->name = e->path;
		if (i > 1 && entry_cmp(&rd->entries[i - 1], e) == 0)
			return reject(s, "duplicate entry", NULL);
		size_t slash = e->path_len;
		while (slash > 0 && e->path[slash - 1] != '/')
			slash--;
		e->name = e->path + slash;
		size_t parent_len = slash ? slash - 1 : 0;
		long p = initrd_index_of(rd, e->path, parent_len);
		if (p < 0)
			return reject(s, "parent directory is not in the archive", NULL);
		if (rd->entries[p].type != INITRD_TYPE_DIR)
			return reject(s, "parent is not a directory", NULL);
		e->parent = (uint32_t)p;
	}
	return 0;
}

static const char root_path[] = "";

int initrd_parse(const void *base, size_t size, initrd_t **out, char *reason, size_t reason_cap)
{
	*out = NULL;
	if (reason != NULL && reason_cap > 0)
		reason[0] = '\0';
	scan_t s = {.base = base, .size = size, .reason = reason, .reason_cap = reason_cap};
	if (base == NULL && size != 0)
		return reject(&s, "no archive", NULL);
	int rc = scan(&s);
	if (rc != 0)
		return rc;

	initrd_t *rd = kcalloc(1, sizeof(*rd));
	initrd_entry_t *entries = kcalloc(s.entries + 1u, sizeof(*entries));
	char *targets = s.target_bytes ? kmalloc(s.target_bytes) : NULL;
	if (rd == NULL || entries == NULL || (s.target_bytes && targets == NULL)) {
		kfree(rd);
		kfree(entries);
		kfree(targets);
		if (reason != NULL && reason_cap > 0)
			ksnprintf(reason, reason_cap, "no memory for the index of %lu entries", (unsigned long)s.entries);
		return -ENOMEM;
	}
	rd->base = base;
	rd->size = size;
	rd->entries = entries;
	rd->count = s.entries + 1u;
	rd->targets = targets;
	entries[0] = (initrd_entry_t){.path = root_path, .name = root_path, .type = INITRD_TYPE_DIR,
	                              .mode = INITRD_ROOT_MODE};
	s.rd = rd;
	s.next_target = targets;
	rc = scan(&s); /* cannot fail: the same bytes passed the first pass */
	if (rc == 0) {
		entries[0].path = entries[0].name = root_path;
		entries[0].parent = 0;
		sort_entries(entries + 1, rd->count - 1u);
		rc = check_tree(&s, rd);
	}
	if (rc != 0) {
		initrd_free(rd);
		return rc;
	}
	*out = rd;
	return 0;
}

void initrd_free(initrd_t *rd)
{
	if (rd == NULL)
		return;
	kfree(rd->entries);
	kfree(rd->targets);
	kfree(rd);
}
