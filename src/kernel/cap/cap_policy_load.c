/*
 * Boot-time policy loading (see cap_policy_load.h).
 *
 * The directory is read once into a sorted list of names, so the order of
 * registration (and of warnings) does not depend on the on-disk order.  Each
 * file is read into one buffer of CAP_POLICY_FILE_MAX + 1 bytes: a longer file
 * arrives with that length and cap_policy_db_add refuses it whole (POL-006).
 */
#include "cap/cap_policy_load.h"

#include <aegis/errno.h>

#include "core/format.h"
#include "core/kstring.h"
#include "core/log.h"
#include "mm/kheap.h"

#define NAME_BYTES 256u

typedef struct {
	char (*names)[NAME_BYTES];
	unsigned count;
	unsigned skipped;
} name_list_t;

static cap_policy_db_t boot_db;

const cap_policy_db_t *cap_policy_boot_db(void)
{
	return &boot_db;
}

/* "[CAP_POLICY] WARN: /etc/aegis/caps.d:0: <what>", the parser's format for file-level problems. */
static void warn(const char *what)
{
	cap_policy_warn_printk(NULL, CAP_POLICY_DIR, 0, what);
}

static int collect_name(void *ctx, const ext2_dirent_t *e)
{
	name_list_t *list = ctx;
	if ((e->name_len == 1 && e->name[0] == '.') || (e->name_len == 2 && e->name[0] == '.' && e->name[1] == '.'))
		return 0;
	if (list->count == CAP_POLICY_DIR_ENTRIES_MAX) {
		list->skipped++;
		return 0;
	}
	kmemcpy(list->names[list->count], e->name, e->name_len);
	list->names[list->count][e->name_len] = '\0';
	list->count++;
	return 0;
}

static void sort_names(name_list_t *list)
{
	char tmp[NAME_BYTES];
	for (unsigned i = 1; i < list->count; i++) {
		kmemcpy(tmp, list->names[i], NAME_BYTES);
		unsigned j = i;
		while (j > 0 && kstrcmp(list->names[j - 1], tmp) > 0) {
			kmemcpy(list->names[j], list->names[j - 1], NAME_BYTES);
			j--;
		}
		kmemcpy(list->names[j], tmp, NAME_BYTES);
	}
}

static void load_one(ext2_fs_t *fs, const ext2_inode_t *dir, const char *name, uint8_t *buf)
{
	char msg[NAME_BYTES + 64];
	uint32_t ino;
	ext2_inode_t inode;
	size_t name_len = kstrlen(name);
	if (ext2_dir_lookup(fs, dir, name, name_len, &ino) != 0 || ext2_inode_read(fs, ino, &inode) != 0) {
		ksnprintf(msg, sizeof(msg), "cannot read '%s': %s", name, ext2_reason(fs));
		warn(msg);
		return;
	}
	if (!ext2_inode_is(&inode, EXT2_S_IFREG)) {
		ksnprintf(msg, sizeof(msg), "'%s' is not a regular file, skipped", name);
		warn(msg);
		return;
	}
	int64_t got = ext2_file_read(fs, &inode, 0, buf, CAP_POLICY_FILE_MAX + 1);
	if (got < 0) {
		ksnprintf(msg, sizeof(msg), "cannot read '%s': %s", name, ext2_reason(fs));
		warn(msg);
		return;
	}
	cap_policy_db_add(&boot_db, name, name_len, buf, (size_t)got, cap_policy_warn_printk, NULL);
}

void cap_policy_load_boot(ext2_fs_t *fs)
{
	cap_policy_db_init(&boot_db);
	if (!fs) {
		boot_mark("CAP_POLICY", MARK_WARN, "no root file system, 0 policies loaded");
		return;
	}
	uint32_t dir_ino;
	ext2_inode_t dir;
	int rc = ext2_path_lookup(fs, CAP_POLICY_DIR, &dir_ino);
	if (rc == -ENOENT) {
		boot_mark("CAP_POLICY", MARK_OK, "no %s, 0 policies loaded", CAP_POLICY_DIR);
		return;
	}
	name_list_t list = {kcalloc(CAP_POLICY_DIR_ENTRIES_MAX, NAME_BYTES), 0, 0};
	uint8_t *buf = kmalloc(CAP_POLICY_FILE_MAX + 1);
	if (rc == 0)
		rc = ext2_inode_read(fs, dir_ino, &dir);
	if (rc == 0 && (!list.names || !buf))
		rc = -ENOMEM;
	if (rc == 0)
		rc = ext2_dir_iterate(fs, &dir, collect_name, &list);
	if (rc != 0) {
		boot_mark("CAP_POLICY", MARK_FAIL, "cannot read %s (error %d), 0 policies loaded", CAP_POLICY_DIR, -rc);
		kfree(list.names);
		kfree(buf);
		return;
	}
	if (list.skipped) {
		char msg[96];
		ksnprintf(msg, sizeof(msg), "more than %u entries, %u ignored", CAP_POLICY_DIR_ENTRIES_MAX, list.skipped);
		warn(msg);
	}
	sort_names(&list);
	for (unsigned i = 0; i < list.count; i++)
		load_one(fs, &dir, list.names[i], buf);
	kfree(list.names);
	kfree(buf);
	cap_policy_db_report(&boot_db);
}
