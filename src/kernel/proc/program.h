/*
 * Reading a program image for execve.  execve resolves the name in the
 * namespace first (fs/vfs.h: relative paths, symlinks, /proc/self/exe) and
 * passes the canonical path here, which looks in the layers in the
 * namespace's order: the initrd first (the early programs), then the ext2
 * root file system.  PID 1's first exec comes here directly.  The image is
 * read whole into kernel memory from ext2; an initrd file is used where it
 * lies (the module stays in memory for the whole run), with no copy.
 */
#ifndef AEGIS_KERNEL_PROC_PROGRAM_H
#define AEGIS_KERNEL_PROC_PROGRAM_H

#include <stddef.h>
#include <stdint.h>

#define PROGRAM_MAX_BYTES (12u << 20) /* largest program image execve reads */
#define PROGRAM_MAX_LINKS 8u

typedef struct {
	const uint8_t *image; /* the bytes: inside the initrd module, or owned */
	uint8_t *owned;       /* kmalloc'd copy (ext2), which program_release frees; NULL when borrowed */
	size_t size;
	uint32_t mode;  /* file type and permission bits */
	uint32_t uid, gid;
	char path[256]; /* the path it was found at, after symlinks */
} program_t;

/*
 * 0, -ENOENT, -ENOTDIR, -EACCES (not a regular file or no execute bit),
 * -ELOOP, -EFBIG (above PROGRAM_MAX_BYTES), -ENOMEM, -EIO.
 */
int program_load(const char *path, program_t *out);

struct vnode;
/* The program in node, found at path (its canonical path, for the policy and /proc): as program_load. */
int program_load_node(struct vnode *node, const char *path, program_t *out);
void program_release(program_t *prog);

#endif
