/*
 * memfd_create (spec/filesystems.md FS-111): an anonymous regular file in
 * memory, a ramfs file of its own instance with no name anywhere, bounded
 * like /tmp.  Needs the IPC capability with read rights
 * (spec/capability-model.md).
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include "fs/ramfs.h"
#include "fs/vfs_boot.h"
#include "fs/vfs_file.h"
#include "proc/proc_cap.h"
#include "proc/proc_limits.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"

#define MEMFD_CLOEXEC 0x1u
#define MEMFD_ALLOW_SEALING 0x2u
#define MEMFD_FLAGS (MEMFD_CLOEXEC | MEMFD_ALLOW_SEALING)
#define MEMFD_NAME_MAX 249u /* bytes of the name, as Linux ("memfd:" + name fits NAME_MAX) */
#define MEMFD_PERM 0777u
#define MEMFD_LIMIT VFS_TMP_LIMIT

SYSCALL_HANDLER(memfd_create)
{
	uint32_t flags = (uint32_t)args->a[1];
	if (flags & ~MEMFD_FLAGS)
		return -EINVAL;
	char name[MEMFD_NAME_MAX + 1];
	int64_t len = copy_string_from_user(p, name, sizeof(name), args->a[0]);
	if (len == -ENAMETOOLONG)
		return -EINVAL;
	if (len < 0)
		return len;
	int gate = proc_cap_require(p, CAP_KIND_IPC, CAP_RIGHTS_READ);
	if (gate != 0)
		return gate;
	vnode_t *node = ramfs_new_file(MEMFD_LIMIT, MEMFD_PERM, p->cred.euid, p->cred.egid);
	if (!node)
		return -ENOMEM;
	file_t *f = vfs_file_create(node, AEGIS_O_RDWR);
	if (!f) {
		vnode_put(node);
		return -ENOMEM;
	}
	f->node = node; /* the file holds the node itself: there is no dentry */
	int fd = proc_fd_install(p, f, 0, (flags & MEMFD_CLOEXEC) != 0);
	if (fd < 0)
		file_release(f);
	return fd;
}
