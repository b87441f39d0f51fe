/*
 * /proc/<pid>/fd (spec/filesystems.md FS-086): the open descriptors lowest
 * first with their link targets (pipes by their inode number, which fstat
 * also reports, the inherited console, epoll, namespace files through the
 * caller's hook), ENOENT for a descriptor that is not open, targets cut at a
 * small buffer, and a visitor that stops the listing.
 */
#include "filesystems/procfs_pid_fixture.h"

#include <aegis/fcntl.h>

#include "fs/vnode.h"
#include "ipc/epoll_file.h"
#include "ipc/pipe_file.h"
#include "tty/console_file.h"

#define FD_NODE 7
#define FD_PLAIN 8
#define FD_PIPE2 10
#define LIST_MAX 16u
#define TARGET_CAP 64u
#define SMALL_CAP 4u
#define STOP_VALUE 42
#define NAMED_PATH "/etc/passwd"
#define CANARY_BYTE 0x5A

typedef struct {
	int fds[LIST_MAX];
	char targets[LIST_MAX][TARGET_CAP];
	size_t count;
	size_t stop_after; /* 0: never stop */
} listing_t;

static vnode_t named_node;

static long name_node(void *ctx, const file_t *f, char *buf, size_t cap)
{
	(void)ctx;
	if (f->node != &named_node)
		return -1; /* not known: the file is named by its kind */
	return snprintf(buf, cap, "%s", NAMED_PATH);
}

static int collect(void *ctx, int fd, const char *target, size_t len)
{
	listing_t *l = ctx;
	assert_true(l->count < LIST_MAX);
	assert_int_equal(strlen(target), len);
	l->fds[l->count] = fd;
	snprintf(l->targets[l->count], TARGET_CAP, "%s", target);
	l->count++;
	return l->stop_after && l->count == l->stop_after ? STOP_VALUE : 0;
}

static const file_ops_t plain_ops = { 0 };

static uint64_t pipe_ino(file_t *f)
{
	aegis_stat_t st;
	memset(&st, 0, sizeof(st));
	f->ops->stat(f, &st);
	assert_int_equal(st.st_mode & AEGIS_S_IFMT, AEGIS_S_IFIFO);
	return st.st_ino;
}

/* p with: 0, 1 a pipe; 2 the console; 3 epoll; 7 a namespace file; 8 a file of no kind; 10, 11 another pipe. */
static process_t *fd_process(file_t **pipe_ends)
{
	pp_machine();
	process_t *p = pp_process(NULL, "/bin/fds");
	assert_int_equal(pipe_file_create(0, &pipe_ends[0], &pipe_ends[1]), 0);
	assert_int_equal(fdtable_install(&p->fds, pipe_ends[0], 0, false), 0);
	assert_int_equal(fdtable_install(&p->fds, pipe_ends[1], 0, false), 1);
	file_t *console = console_file_open();
	assert_non_null(console);
	assert_int_equal(fdtable_install(&p->fds, console, 0, false), 2);
	assert_int_equal(epoll_create(p, 0), 3);
	file_t *named = file_create(&plain_ops, NULL, AEGIS_O_RDONLY);
	assert_non_null(named);
	named->node = &named_node;
	assert_int_equal(fdtable_install(&p->fds, named, FD_NODE, false), FD_NODE);
	file_t *plain = file_create(&plain_ops, NULL, AEGIS_O_RDONLY);
	assert_non_null(plain);
	assert_int_equal(fdtable_install(&p->fds, plain, FD_PLAIN, false), FD_PLAIN);
	assert_int_equal(pipe_file_create(0, &pipe_ends[2], &pipe_ends[3]), 0);
	assert_int_equal(fdtable_install(&p->fds, pipe_ends[2], FD_PIPE2, false), FD_PIPE2);
	assert_int_equal(fdtable_install(&p->fds, pipe_ends[3], FD_PIPE2, false), FD_PIPE2 + 1);
	return p;
}

/* FS-086: every open descriptor, lowest first, each with its kind's target; pipes by fstat's inode number. */
static void test_fs_086_fd_listing(void **state)
{
	(void)state;
	file_t *pipes[4];
	process_t *p = fd_process(pipes);
	uint64_t ino1 = pipe_ino(pipes[0]);
	uint64_t ino2 = pipe_ino(pipes[2]);
	assert_int_equal(ino1, pipe_ino(pipes[1])); /* both ends: one pipe */
	assert_int_not_equal(ino1, ino2);
	assert_true(ino1 != 0 && ino2 != 0);
	procfs_fd_namer_t namer = { name_node, NULL };
	listing_t l;
	memset(&l, 0, sizeof(l));
	assert_int_equal(procfs_pid_fd_list(p, &namer, collect, &l), 0);
	assert_int_equal(l.count, 8);
	const int want_fds[] = { 0, 1, 2, 3, FD_NODE, FD_PLAIN, FD_PIPE2, FD_PIPE2 + 1 };
	char pipe1[32], pipe2[32];
	snprintf(pipe1, sizeof(pipe1), "pipe:[%llu]", (unsigned long long)ino1);
	snprintf(pipe2, sizeof(pipe2), "pipe:[%llu]", (unsigned long long)ino2);
	const char *want[] = { pipe1, pipe1, "/dev/console", "anon_inode:[eventpoll]", NAMED_PATH, "anon_inode:[file]",
		               pipe2, pipe2 };
	for (size_t i = 0; i < l.count; i++) {
		assert_int_equal(l.fds[i], want_fds[i]);
		assert_string_equal(l.targets[i], want[i]);
	}
	/* Without a hook a namespace file is named by its kind. */
	char buf[TARGET_CAP];
	assert_int_equal(procfs_pid_fd_target(p, FD_NODE, NULL, buf, sizeof(buf)), strlen("anon_inode:[file]"));
	assert_string_equal(buf, "anon_inode:[file]");
	fdtable_close_all(&p->fds);
	pp_free(p);
}

/* FS-086: not open, negative, past the table, no process: ENOENT; a small buffer cuts, the length is whole. */
static void test_fs_086_fd_target_errors_and_cut(void **state)
{
	(void)state;
	file_t *pipes[4];
	process_t *p = fd_process(pipes);
	procfs_fd_namer_t namer = { name_node, NULL };
	char buf[TARGET_CAP];
	assert_int_equal(procfs_pid_fd_target(p, 4, &namer, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(procfs_pid_fd_target(p, -1, &namer, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(procfs_pid_fd_target(p, FDTABLE_MAX, &namer, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(procfs_pid_fd_target(NULL, 0, &namer, buf, sizeof(buf)), -ENOENT);
	memset(buf, CANARY_BYTE, sizeof(buf));
	assert_int_equal(procfs_pid_fd_target(p, 2, &namer, buf, SMALL_CAP), strlen("/dev/console"));
	assert_string_equal(buf, "/de");
	assert_int_equal((unsigned char)buf[SMALL_CAP], CANARY_BYTE);
	memset(buf, CANARY_BYTE, sizeof(buf));
	assert_int_equal(procfs_pid_fd_target(p, FD_NODE, &namer, buf, SMALL_CAP), strlen(NAMED_PATH));
	assert_int_equal((unsigned char)buf[SMALL_CAP], CANARY_BYTE);
	/* Closing a descriptor takes it out of the listing. */
	assert_int_equal(fdtable_close(&p->fds, 1), 0);
	assert_int_equal(procfs_pid_fd_target(p, 1, &namer, buf, sizeof(buf)), -ENOENT);
	listing_t l;
	memset(&l, 0, sizeof(l));
	assert_int_equal(procfs_pid_fd_list(p, &namer, collect, &l), 0);
	assert_int_equal(l.count, 7);
	assert_int_equal(l.fds[1], 2);
	fdtable_close_all(&p->fds);
	pp_free(p);
}

/* FS-086: a visitor's non-zero answer stops the listing and is returned; no process lists nothing. */
static void test_fs_086_fd_list_stops(void **state)
{
	(void)state;
	file_t *pipes[4];
	process_t *p = fd_process(pipes);
	listing_t l;
	memset(&l, 0, sizeof(l));
	l.stop_after = 3;
	assert_int_equal(procfs_pid_fd_list(p, NULL, collect, &l), STOP_VALUE);
	assert_int_equal(l.count, 3);
	memset(&l, 0, sizeof(l));
	assert_int_equal(procfs_pid_fd_list(NULL, NULL, collect, &l), 0);
	assert_int_equal(l.count, 0);
	fdtable_close_all(&p->fds);
	pp_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fs_086_fd_listing),
		cmocka_unit_test(test_fs_086_fd_target_errors_and_cut),
		cmocka_unit_test(test_fs_086_fd_list_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
