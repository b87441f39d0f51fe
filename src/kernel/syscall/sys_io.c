/*
 * Reading and writing descriptors, and the descriptor table calls: close,
 * dup, dup2, dup3, pipe, pipe2.  Data moves through io_move.h's bounce
 * buffer.
 */
#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/linux_abi.h>

#include "ipc/pipe.h"
#include "ipc/pipe_file.h"
#include "mm/kheap.h"
#include "proc/proc_cap.h"
#include "proc/proc_limits.h"
#include "proc/usercopy.h"
#include "syscall/handlers.h"
#include "syscall/io_move.h"

_Static_assert(IO_CHUNK >= PIPE_BUF, "pipe writes up to PIPE_BUF must reach the pipe in one piece");

/* The file's own read or write op as an io_move step. */
static int64_t io_step_read(file_t *f, void *buf, size_t len, uint32_t flags)
{
	return f->ops->read(f, buf, len);
}

static int64_t io_step_write(file_t *f, void *buf, size_t len, uint32_t flags)
{
	return f->ops->write(f, buf, len);
}

static int64_t io_transfer(process_t *p, file_t *f, uint64_t addr, uint64_t len, bool writing)
{
	if (writing ? !f->ops->write : !f->ops->read)
		return -EINVAL;
	return io_move(p, f, addr, len, writing, writing ? io_step_write : io_step_read, 0);
}

static bool io_can(const file_t *f, bool writing)
{
	uint32_t mode = f->flags & AEGIS_O_ACCMODE;
	return writing ? (mode == AEGIS_O_WRONLY || mode == AEGIS_O_RDWR) : mode != AEGIS_O_WRONLY;
}

/* read and readv need VFS_READ(R), write and writev VFS_WRITE(W), before the descriptor is looked at (CAP-110). */
static int io_gate(const process_t *p, bool writing)
{
	return writing ? proc_cap_require(p, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE)
	               : proc_cap_require(p, CAP_KIND_VFS_READ, CAP_RIGHTS_READ);
}

static int64_t io_call(process_t *p, int fd, uint64_t addr, uint64_t len, bool writing)
{
	int gate = io_gate(p, writing);
	if (gate != 0)
		return gate;
	file_t *f = fdtable_get(&p->fds, fd);
	if (!f || !io_can(f, writing))
		return -EBADF;
	if (len == 0)
		return 0;
	return io_transfer(p, f, addr, len, writing);
}

SYSCALL_HANDLER(read)
{
	return io_call(p, (int)args->a[0], args->a[1], args->a[2], false);
}

SYSCALL_HANDLER(write)
{
	return io_call(p, (int)args->a[0], args->a[1], args->a[2], true);
}

static int64_t io_vector(process_t *p, const syscall_args_t *args, bool writing)
{
	int gate = io_gate(p, writing);
	if (gate != 0)
		return gate;
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f || !io_can(f, writing))
		return -EBADF;
	if (writing ? !f->ops->write : !f->ops->read)
		return -EINVAL;
	return io_move_vector(p, f, args->a[1], args->a[2], writing, writing ? io_step_write : io_step_read, 0);
}

SYSCALL_HANDLER(readv)
{
	return io_vector(p, args, false);
}

SYSCALL_HANDLER(writev)
{
	return io_vector(p, args, true);
}

SYSCALL_HANDLER(close)
{
	return fdtable_close(&p->fds, (int)args->a[0]);
}

SYSCALL_HANDLER(dup)
{
	file_t *f = fdtable_get(&p->fds, (int)args->a[0]);
	if (!f)
		return -EBADF;
	file_retain(f);
	int fd = proc_fd_install(p, f, 0, false);
	if (fd < 0)
		file_release(f);
	return fd;
}

static int64_t dup_to(process_t *p, int oldfd, int newfd, bool cloexec)
{
	file_t *f = fdtable_get(&p->fds, oldfd);
	if (!f)
		return -EBADF;
	if (newfd < 0 || (unsigned)newfd >= proc_fd_limit(p))
		return -EBADF; /* Linux: a target at or above RLIMIT_NOFILE is EBADF (CRED-081) */
	if (oldfd == newfd)
		return newfd;
	file_retain(f);
	(void)fdtable_close(&p->fds, newfd);
	int fd = proc_fd_install(p, f, newfd, cloexec);
	if (fd != newfd) {
		/* Cannot happen (newfd was just freed); keep the table consistent anyway. */
		if (fd >= 0)
			(void)fdtable_close(&p->fds, fd);
		else
			file_release(f);
		return -EBADF;
	}
	return newfd;
}

SYSCALL_HANDLER(dup2)
{
	int oldfd = (int)args->a[0];
	int newfd = (int)args->a[1];
	if (oldfd == newfd)
		return fdtable_get(&p->fds, oldfd) ? newfd : -EBADF;
	return dup_to(p, oldfd, newfd, false);
}

SYSCALL_HANDLER(dup3)
{
	uint32_t flags = (uint32_t)args->a[2];
	if (flags & ~AEGIS_O_CLOEXEC)
		return -EINVAL;
	if (args->a[0] == args->a[1])
		return -EINVAL;
	return dup_to(p, (int)args->a[0], (int)args->a[1], (flags & AEGIS_O_CLOEXEC) != 0);
}

static int64_t do_pipe(process_t *p, uint64_t fds_addr, uint32_t flags)
{
	if (flags & ~(AEGIS_O_CLOEXEC | AEGIS_O_NONBLOCK))
		return -EINVAL;
	if (!user_range_ok(fds_addr, 2 * sizeof(int32_t)))
		return -EFAULT;
	file_t *r, *w;
	int err = pipe_file_create(flags & AEGIS_O_NONBLOCK, &r, &w);
	if (err != 0)
		return err;
	bool cloexec = (flags & AEGIS_O_CLOEXEC) != 0;
	int rfd = proc_fd_install(p, r, 0, cloexec);
	if (rfd < 0) {
		file_release(r);
		file_release(w);
		return rfd;
	}
	int wfd = proc_fd_install(p, w, 0, cloexec);
	if (wfd < 0) {
		(void)fdtable_close(&p->fds, rfd);
		file_release(w);
		return wfd;
	}
	int32_t fds[2] = { rfd, wfd };
	if (copy_to_user(p, fds_addr, fds, sizeof(fds)) != 0) {
		(void)fdtable_close(&p->fds, rfd);
		(void)fdtable_close(&p->fds, wfd);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_HANDLER(pipe)
{
	return do_pipe(p, args->a[0], 0);
}

SYSCALL_HANDLER(pipe2)
{
	return do_pipe(p, args->a[0], (uint32_t)args->a[1]);
}
