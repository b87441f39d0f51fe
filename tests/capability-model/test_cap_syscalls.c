/*
 * The capability system calls and the capability gates as the kernel's
 * handlers apply them (spec/capability-model.md CAP-100..CAP-112), at the
 * host level with processes from the /proc fixture.  Tables are set up
 * directly, so every error case of every call is reached here, including
 * those that need capabilities no shipped policy gives a test program; the
 * sim's user copies need a running program, so user buffers appear only as
 * kernel-half addresses (-EFAULT).  /bin/capcheck runs the same calls as
 * real programs on both builds (test_capcheck.py).
 */
#include "filesystems/procfs_pid_fixture.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/syscall_nr.h>

#include "cap/cap_proc.h"
#include "cap/cap_table.h"
#include "proc/proc_cap.h"
#include "proc/proc_internal.h"
#include "syscall/syscall.h"

/* An address in the kernel half: user_range_ok refuses it before any copy. */
#define KERNEL_ADDR 0xffff800000001000ull
#define NO_SUCH_PID 30000
#define BAD_FD 99u
#define HIGH_BIT (1ull << 32)
#define STRANGER_UID 1000u
#define SENDER_UID 7u
#define CLONE_VM_VFORK 0x4111ull  /* CLONE_VM | CLONE_VFORK | SIGCHLD */
#define CLONE_BAD_FLAGS 0x10000ull /* CLONE_THREAD */
#define AT_BAD_FLAG 0x1000u
#define TEST_RENAME_EXCHANGE 0x2u

static int64_t call(process_t *p, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	syscall_args_t args = { { a0, a1, a2, a3, a4, 0 } };
	syscall_fn_t fn = syscall_lookup(nr);
	assert_non_null(fn);
	return fn(p, &args);
}

/* PID 1 with init's seven, then a process with the baseline (its child). */
static process_t *with_init(process_t **init)
{
	pp_machine();
	*init = pp_process(NULL, "/bin/init");
	assert_int_equal((*init)->pid, PROC_INIT_PID);
	(void)cap_proc_init_for_pid1(&(*init)->caps);
	process_t *p = pp_process(*init, "/bin/prog");
	cap_table_set_baseline(&p->caps.held);
	return p;
}

static void give(process_t *p, uint32_t kind, uint32_t rights)
{
	assert_true(cap_table_grant(&p->caps.held, kind, rights) >= 0);
}

/* A (kind, rights) call refuses every bad pair with -EINVAL: 0, above 16, bits beyond 32, unknown right bits. */
static void assert_bad_kind_rights(process_t *p, uint64_t nr)
{
	const uint64_t bad[][2] = { { 0, 1 }, { CAP_KIND_MAX + 1, 1 }, { HIGH_BIT | 1, 1 }, { 1, 0 }, { 1, 8 }, { 1, HIGH_BIT | 1 } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(p, nr, bad[i][0], bad[i][1], 0, 0, 0), -EINVAL);
}

/* CAP-100: 361 cap_grant_exec: arguments, then CAP_GRANT(R), the session and the rights held. */
static void test_CAP_100_grant_exec(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	assert_bad_kind_rights(p, SYS_cap_grant_exec);
	/* Without CAP_GRANT, outside a session, or without the rights: -ENOCAP, nothing recorded. */
	assert_int_equal(call(p, SYS_cap_grant_exec, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0, 0), -ENOCAP);
	give(p, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ);
	assert_int_equal(call(p, SYS_cap_grant_exec, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0, 0), -ENOCAP);
	p->caps.authenticated = true;
	assert_int_equal(call(p, SYS_cap_grant_exec, CAP_KIND_POWER, CAP_RIGHTS_READ, 0, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_cap_grant_exec, CAP_KIND_VFS_READ, CAP_RIGHTS_ALL, 0, 0, 0), -ENOCAP);
	assert_int_equal(cap_table_count(&p->caps.exec_grants), 0);
	assert_int_equal(call(p, SYS_cap_grant_exec, CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ, 0, 0, 0), 0);
	assert_int_equal(cap_table_rights(&p->caps.exec_grants, CAP_KIND_CAP_GRANT), CAP_RIGHTS_READ);
	assert_int_equal(cap_table_count(&p->caps.exec_grants), 1);
	pp_free(p);
	pp_free(init);
}

/* CAP-101: 362 cap_query: pid, then CAP_QUERY(R) for another pid, then the pid, then the buffer. */
static void test_CAP_101_query(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	process_t *other = pp_process(init, "/bin/other");
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)-1, KERNEL_ADDR, 8, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_cap_query, HIGH_BIT | (uint64_t)other->pid, KERNEL_ADDR, 8, 0, 0), -EINVAL);
	/* Another pid without CAP_QUERY: -ENOCAP, for a pid that exists and one that does not alike. */
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)other->pid, 0, 0, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_cap_query, NO_SUCH_PID, 0, 0, 0, 0), -ENOCAP);
	/* The caller itself, by 0 or its own pid: always; buflen < 8 copies nothing whatever buf is. */
	assert_int_equal(call(p, SYS_cap_query, 0, KERNEL_ADDR, 0, 0, 0), 0);
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)p->pid, KERNEL_ADDR, sizeof(cap_slot_t) - 1, 0, 0), 0);
	assert_int_equal(call(p, SYS_cap_query, 0, KERNEL_ADDR, sizeof(cap_slot_t), 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_cap_query, 0, KERNEL_ADDR, CAP_TABLE_SLOTS * sizeof(cap_slot_t) * 2, 0, 0),
			 -EFAULT);
	give(p, CAP_KIND_CAP_QUERY, CAP_RIGHTS_READ);
	assert_int_equal(call(p, SYS_cap_query, NO_SUCH_PID, KERNEL_ADDR, 8, 0, 0), -ESRCH);
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)other->pid, KERNEL_ADDR, 8, 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)other->pid, 0, 4, 0, 0), 0);
	other->state = PROC_ZOMBIE;
	assert_int_equal(call(p, SYS_cap_query, (uint64_t)other->pid, KERNEL_ADDR, 8, 0, 0), -ESRCH);
	other->state = PROC_ALIVE;
	pp_free(other);
	pp_free(p);
	pp_free(init);
}

/* CAP-102: 363 cap_grant_runtime: arguments, CAP_DELEGATE(R) and the rights, then self or a descendant. */
static void test_CAP_102_grant_runtime(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	process_t *child = pp_process(p, "/bin/child");
	process_t *grandchild = pp_process(child, "/bin/grandchild");
	process_t *sibling = pp_process(init, "/bin/sibling");
	cap_table_clear(&child->caps.held);
	cap_table_clear(&grandchild->caps.held);
	uint64_t c = (uint64_t)child->pid;
	const uint64_t bad[][3] = { { c, 0, 1 }, { c, CAP_KIND_MAX + 1, 1 }, { c, HIGH_BIT | 1, 1 }, { c, 1, 0 },
				    { c, 1, 8 }, { (uint64_t)-1, 1, 1 }, { HIGH_BIT | c, 1, 1 } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(p, SYS_cap_grant_runtime, bad[i][0], bad[i][1], bad[i][2], 0, 0), -EINVAL);
	/* No CAP_DELEGATE: -ENOCAP whatever the target, even one that does not exist. */
	assert_int_equal(call(p, SYS_cap_grant_runtime, c, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_cap_grant_runtime, NO_SUCH_PID, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0), -ENOCAP);
	give(p, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ);
	/* Never more than the giver holds. */
	assert_int_equal(call(p, SYS_cap_grant_runtime, c, CAP_KIND_VFS_READ, CAP_RIGHTS_WRITE, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_cap_grant_runtime, c, CAP_KIND_POWER, CAP_RIGHTS_READ, 0, 0), -ENOCAP);
	/* Unknown pid, or outside the caller's subtree: -ESRCH. */
	assert_int_equal(call(p, SYS_cap_grant_runtime, NO_SUCH_PID, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0), -ESRCH);
	assert_int_equal(call(p, SYS_cap_grant_runtime, (uint64_t)sibling->pid, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0),
			 -ESRCH);
	assert_int_equal(call(p, SYS_cap_grant_runtime, PROC_INIT_PID, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0), -ESRCH);
	assert_int_equal(cap_table_count(&child->caps.held), 0);
	/* A child and a grandchild receive exactly the bits given; the giver keeps its own. */
	cap_table_t before = p->caps.held;
	assert_int_equal(call(p, SYS_cap_grant_runtime, c, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0),
			 CAP_KIND_VFS_READ - 1);
	assert_int_equal(cap_table_rights(&child->caps.held, CAP_KIND_VFS_READ), CAP_RIGHTS_READ);
	assert_int_equal(call(p, SYS_cap_grant_runtime, (uint64_t)grandchild->pid, CAP_KIND_CAP_DELEGATE, CAP_RIGHTS_READ,
			      0, 0),
			 CAP_KIND_CAP_DELEGATE - 1);
	assert_int_equal(cap_table_count(&grandchild->caps.held), 1);
	assert_memory_equal(&p->caps.held, &before, sizeof(before));
	/* Oneself: nothing to add, the slot index. */
	assert_int_equal(call(p, SYS_cap_grant_runtime, 0, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, 0, 0), CAP_KIND_VFS_READ - 1);
	assert_memory_equal(&p->caps.held, &before, sizeof(before));
	/* A zombie child is no target. */
	child->state = PROC_ZOMBIE;
	assert_int_equal(call(p, SYS_cap_grant_runtime, c, CAP_KIND_IPC, CAP_RIGHTS_READ, 0, 0), -ESRCH);
	child->state = PROC_ALIVE;
	pp_free(sibling);
	pp_free(grandchild);
	pp_free(child);
	pp_free(p);
	pp_free(init);
}

/* CAP-103: 364 auth_session needs AUTH(R). */
static void test_CAP_103_auth_session(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	assert_int_equal(call(p, SYS_auth_session, 0, 0, 0, 0, 0), -ENOCAP);
	assert_false(p->caps.authenticated);
	give(p, CAP_KIND_AUTH, CAP_RIGHTS_WRITE);
	assert_int_equal(call(p, SYS_auth_session, 0, 0, 0, 0, 0), -ENOCAP);
	give(p, CAP_KIND_AUTH, CAP_RIGHTS_READ);
	assert_int_equal(call(p, SYS_auth_session, 0, 0, 0, 0, 0), 0);
	assert_true(p->caps.authenticated);
	assert_int_equal(call(p, SYS_auth_session, 0, 0, 0, 0, 0), 0);
	pp_free(p);
	pp_free(init);
}

/* CAP-104: 365 cap_drop: always allowed, -EINVAL for bad arguments; also strips exec grants. */
static void test_CAP_104_drop(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	cap_proc_t before = p->caps;
	assert_bad_kind_rights(p, SYS_cap_drop);
	assert_memory_equal(&p->caps, &before, sizeof(before));
	assert_int_equal(call(p, SYS_cap_drop, CAP_KIND_POWER, CAP_RIGHTS_ALL, 0, 0, 0), 0);
	assert_int_equal(call(p, SYS_cap_drop, CAP_KIND_PROC_READ, CAP_RIGHTS_READ, 0, 0, 0), 0);
	assert_int_equal(cap_table_rights(&p->caps.held, CAP_KIND_PROC_READ), 0);
	assert_int_equal(cap_table_count(&p->caps.held), 5);
	pp_free(p);
	pp_free(init);
}

typedef struct {
	const char *name;
	uint64_t nr;
	uint64_t a[5];
	uint32_t kind, rights;
	bool call_allowed; /* with the capability the call may run safely here (it fails on its arguments) */
} gate_case_t;

#define K KERNEL_ADDR
static const gate_case_t GATES[] = {
	{ "open", SYS_open, { K, AEGIS_O_RDONLY }, CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ, true },
	{ "openat", SYS_openat, { (uint64_t)AEGIS_AT_FDCWD, K, AEGIS_O_RDONLY }, CAP_KIND_VFS_OPEN, CAP_RIGHTS_READ, true },
	{ "read", SYS_read, { BAD_FD, K, 1 }, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, true },
	{ "readv", SYS_readv, { BAD_FD, K, 1 }, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, true },
	{ "pread64", SYS_pread64, { BAD_FD, K, 1, 0 }, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, true },
	{ "readlink", SYS_readlink, { K, K, 1 }, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, true },
	{ "readlinkat", SYS_readlinkat, { (uint64_t)AEGIS_AT_FDCWD, K, K, 1 }, CAP_KIND_VFS_READ, CAP_RIGHTS_READ, true },
	{ "write", SYS_write, { BAD_FD, K, 1 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "writev", SYS_writev, { BAD_FD, K, 1 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "pwrite64", SYS_pwrite64, { BAD_FD, K, 1, 0 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "mkdir", SYS_mkdir, { K, 0755 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "mkdirat", SYS_mkdirat, { (uint64_t)AEGIS_AT_FDCWD, K, 0755 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "rmdir", SYS_rmdir, { K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "unlink", SYS_unlink, { K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "unlinkat", SYS_unlinkat, { (uint64_t)AEGIS_AT_FDCWD, K, 0 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "rename", SYS_rename, { K, K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "renameat", SYS_renameat, { (uint64_t)AEGIS_AT_FDCWD, K, (uint64_t)AEGIS_AT_FDCWD, K }, CAP_KIND_VFS_WRITE,
	  CAP_RIGHTS_WRITE, true },
	{ "renameat2", SYS_renameat2, { (uint64_t)AEGIS_AT_FDCWD, K, (uint64_t)AEGIS_AT_FDCWD, K, 0 }, CAP_KIND_VFS_WRITE,
	  CAP_RIGHTS_WRITE, true },
	{ "symlink", SYS_symlink, { K, K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "symlinkat", SYS_symlinkat, { K, (uint64_t)AEGIS_AT_FDCWD, K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "link", SYS_link, { K, K }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "linkat", SYS_linkat, { (uint64_t)AEGIS_AT_FDCWD, K, (uint64_t)AEGIS_AT_FDCWD, K, 0 }, CAP_KIND_VFS_WRITE,
	  CAP_RIGHTS_WRITE, true },
	{ "chmod", SYS_chmod, { K, 0644 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "fchmodat", SYS_fchmodat, { (uint64_t)AEGIS_AT_FDCWD, K, 0644 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "fchmod", SYS_fchmod, { BAD_FD, 0644 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "truncate", SYS_truncate, { K, 0 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "ftruncate", SYS_ftruncate, { BAD_FD, 0 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "utimensat", SYS_utimensat, { BAD_FD, 0, 0, 0 }, CAP_KIND_VFS_WRITE, CAP_RIGHTS_WRITE, true },
	{ "clone(CLONE_VM)", SYS_clone, { CLONE_VM_VFORK }, CAP_KIND_THREAD_CREATE, CAP_RIGHTS_READ, false },
};
#undef K

/* CAP-110, CAP-111: each gated call refuses with -ENOCAP without its capability, and only then. */
static void test_CAP_110_gates(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	for (size_t i = 0; i < sizeof(GATES) / sizeof(GATES[0]); i++) {
		const gate_case_t *g = &GATES[i];
		cap_table_set_baseline(&p->caps.held);
		assert_int_equal(cap_proc_drop(&p->caps, g->kind, g->rights), 0);
		int64_t refused = call(p, g->nr, g->a[0], g->a[1], g->a[2], g->a[3], g->a[4]);
		if (refused != -ENOCAP)
			fail_msg("%s without its capability returned %ld, not -ENOCAP", g->name, (long)refused);
		/* Holding only the requested bits (the baseline's, or exactly these) is enough. */
		cap_table_set_baseline(&p->caps.held);
		give(p, g->kind, g->rights);
		if (g->call_allowed) {
			int64_t r = call(p, g->nr, g->a[0], g->a[1], g->a[2], g->a[3], g->a[4]);
			if (r == -ENOCAP || r >= 0)
				fail_msg("%s with its capability returned %ld (expected its argument error)", g->name, (long)r);
		}
	}
	pp_free(p);
	pp_free(init);
}

/* CAP-111: flag arguments are judged before the capability. */
static void test_CAP_111_flags_first(void **state)
{
	(void)state;
	process_t *init, *p = with_init(&init);
	cap_table_clear(&p->caps.held);
	assert_int_equal(call(p, SYS_unlinkat, (uint64_t)AEGIS_AT_FDCWD, KERNEL_ADDR, AT_BAD_FLAG, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_renameat2, (uint64_t)AEGIS_AT_FDCWD, KERNEL_ADDR, (uint64_t)AEGIS_AT_FDCWD,
			      KERNEL_ADDR, TEST_RENAME_EXCHANGE),
			 -EINVAL);
	assert_int_equal(call(p, SYS_utimensat, BAD_FD, 0, 0, AT_BAD_FLAG, 0), -EINVAL);
	assert_int_equal(call(p, SYS_readlink, KERNEL_ADDR, KERNEL_ADDR, 0, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_truncate, KERNEL_ADDR, (uint64_t)-1, 0, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_clone, CLONE_BAD_FLAGS, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_open, KERNEL_ADDR, AEGIS_O_TMPFILE, 0, 0, 0), -EOPNOTSUPP);
	/* The helper: requested ⊆ held, and the kernel itself (NULL) holds everything. */
	give(p, CAP_KIND_FB, CAP_RIGHTS_READ | CAP_RIGHTS_WRITE);
	assert_int_equal(proc_cap_require(p, CAP_KIND_FB, CAP_RIGHTS_WRITE), 0);
	assert_int_equal(proc_cap_require(p, CAP_KIND_FB, CAP_RIGHTS_ALL), -ENOCAP);
	assert_int_equal(proc_cap_require(p, CAP_KIND_POWER, CAP_RIGHTS_READ), -ENOCAP);
	assert_true(proc_cap_holds(NULL, CAP_KIND_POWER, CAP_RIGHTS_ALL));
	pp_free(p);
	pp_free(init);
}

/* CAP-112: itself, its children and its group freely; others by uid or PROC_READ(W); PID 1 only with POWER(R). */
static void test_CAP_112_kill_rules(void **state)
{
	(void)state;
	process_t *init, *a = with_init(&init);
	a->pgid = a->pid;
	assert_int_equal(cred_init(&a->cred, SENDER_UID, SENDER_UID), 0);
	process_t *child = pp_process(a, "/bin/child");
	child->pgid = child->pid;
	process_t *member = pp_process(init, "/bin/member");
	member->pgid = a->pgid;
	process_t *stranger = pp_process(init, "/bin/stranger");
	stranger->pgid = stranger->pid;
	assert_int_equal(cred_init(&child->cred, STRANGER_UID, STRANGER_UID), 0);
	assert_int_equal(cred_init(&member->cred, STRANGER_UID, STRANGER_UID), 0);
	assert_int_equal(cred_init(&stranger->cred, STRANGER_UID, STRANGER_UID), 0);
	assert_int_equal(proc_kill(a, a->pid, 0), 0);
	assert_int_equal(proc_kill(a, child->pid, 0), 0);
	assert_int_equal(proc_kill(a, member->pid, 0), 0);
	assert_int_equal(proc_kill(a, -a->pgid, 0), 0);
	assert_int_equal(proc_kill(a, 0, 0), 0);
	assert_int_equal(proc_kill(a, stranger->pid, 0), -ENOCAP);
	assert_int_equal(proc_kill(a, -stranger->pgid, 0), -ENOCAP);
	assert_int_equal(proc_kill_thread(a, -1, stranger->pid, 0), -ENOCAP);
	assert_int_equal(proc_kill_thread(a, stranger->pid, stranger->pid, 0), -ENOCAP);
	assert_int_equal(proc_kill(a, NO_SUCH_PID, 0), -ESRCH);
	/* PID 1: POWER(R), even from its own group, with its uid, or with PROC_READ(W). */
	a->pgid = init->pgid;
	assert_int_equal(cred_init(&a->cred, 0, 0), 0);
	give(a, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE);
	assert_int_equal(proc_kill(a, PROC_INIT_PID, 0), -ENOCAP);
	assert_int_equal(proc_kill(a, stranger->pid, 0), 0);
	give(a, CAP_KIND_POWER, CAP_RIGHTS_READ);
	assert_int_equal(proc_kill(a, PROC_INIT_PID, 0), 0);
	/* PID 1 signals itself and anyone with its seven. */
	assert_int_equal(proc_kill(init, PROC_INIT_PID, 0), 0);
	assert_int_equal(proc_kill(init, stranger->pid, 0), 0);
	pp_free(stranger);
	pp_free(member);
	pp_free(child);
	pp_free(a);
	pp_free(init);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_CAP_100_grant_exec),
		cmocka_unit_test(test_CAP_101_query),
		cmocka_unit_test(test_CAP_102_grant_runtime),
		cmocka_unit_test(test_CAP_103_auth_session),
		cmocka_unit_test(test_CAP_104_drop),
		cmocka_unit_test(test_CAP_110_gates),
		cmocka_unit_test(test_CAP_111_flags_first),
		cmocka_unit_test(test_CAP_112_kill_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
