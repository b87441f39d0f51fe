/*
 * The credential and limit rules as the system calls apply them
 * (spec/credentials.md CRED-047, CRED-080..CRED-086), at the host level
 * against the handlers, with processes from the /proc fixture.  The sim's
 * user copies need a running program, so only the cases that never reach
 * user memory (refusals, -EFAULT for kernel-half pointers, NULL lists) are
 * here; tests/credentials/test_credcheck.py runs the rest as real programs.
 * This is also where a process can hold SETUID(W): no shipped policy gives
 * it to a test program, so the privileged transitions are checked here.
 */
#include "filesystems/procfs_pid_fixture.h"

#include <aegis/cap.h>
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/syscall_nr.h>

#include "cap/cap_table.h"
#include "proc/proc_internal.h"
#include "proc/proc_limits.h"
#include "proc/signal_set.h"
#include "syscall/clock.h"
#include "syscall/syscall.h"

#define NONE ((uint64_t)CRED_ID_UNCHANGED)
#define DEV_UID 1000u
#define DEV_GID 100u
#define PROJECT_UID 500u
#define PROJECT_GID 600u
#define OTHER_UID 7u
/* An address in the kernel half: user_range_ok refuses it before any copy. */
#define KERNEL_ADDR 0xffff800000001000ull
#define FD_LIMIT 3u
#define FD_BEYOND 5u
#define FSIZE_LIMIT 10u
#define WRITE_AT 8u
#define WRITE_LEN 5u
#define NO_SUCH_PID 30000
#define SET_TIME_NS 1700000000000000000ull
#define BAD_CLOCK 99

static int64_t call(process_t *p, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	syscall_args_t args = { { a0, a1, a2, a3, 0, 0 } };
	syscall_fn_t fn = syscall_lookup(nr);
	assert_non_null(fn);
	return fn(p, &args);
}

/* A process with every ID the developer's, no capabilities; privileged adds SETUID(W). */
static process_t *dev_process(bool privileged)
{
	process_t *p = pp_process(NULL, "/bin/dev");
	assert_int_equal(cred_init(&p->cred, DEV_UID, DEV_GID), 0);
	cap_table_clear(&p->caps.held);
	if (privileged)
		assert_int_equal(cap_table_grant(&p->caps.held, CAP_KIND_SETUID, CAP_RIGHTS_WRITE), CAP_KIND_SETUID - 1);
	return p;
}

static void assert_cred_equal(const cred_t *a, const cred_t *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

/* CRED-080: the numbers reach the rules with the caller's privilege; -ENOCAP changes nothing. */
static void test_cred_080_unprivileged_calls(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(false);
	cred_t before = p->cred;
	assert_int_equal(call(p, SYS_setuid, PROJECT_UID, 0, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setgid, PROJECT_GID, 0, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setreuid, PROJECT_UID, NONE, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setregid, NONE, PROJECT_GID, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setresuid, NONE, NONE, PROJECT_UID, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setresgid, PROJECT_GID, NONE, NONE, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setgroups, 0, 0, 0, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_setuid, NONE, 0, 0, 0), -EINVAL);
	assert_cred_equal(&p->cred, &before);
	/* Its own IDs it may set. */
	assert_int_equal(call(p, SYS_setresuid, DEV_UID, DEV_UID, DEV_UID, 0), 0);
	assert_int_equal(call(p, SYS_setuid, DEV_UID, 0, 0, 0), 0);
	assert_cred_equal(&p->cred, &before);
	/* The readers answer from the credential. */
	p->cred.euid = PROJECT_UID;
	p->cred.egid = PROJECT_GID;
	assert_int_equal(call(p, SYS_getuid, 0, 0, 0, 0), DEV_UID);
	assert_int_equal(call(p, SYS_geteuid, 0, 0, 0, 0), PROJECT_UID);
	assert_int_equal(call(p, SYS_getgid, 0, 0, 0, 0), DEV_GID);
	assert_int_equal(call(p, SYS_getegid, 0, 0, 0, 0), PROJECT_GID);
	pp_free(p);
}

/* CRED-080: SETUID(W) lets every transition through; SETUID with READ only does not. */
static void test_cred_080_privileged_calls(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(true);
	assert_int_equal(call(p, SYS_setresuid, PROJECT_UID, OTHER_UID, DEV_UID, 0), 0);
	assert_int_equal(p->cred.ruid, PROJECT_UID);
	assert_int_equal(p->cred.euid, OTHER_UID);
	assert_int_equal(p->cred.suid, DEV_UID);
	assert_int_equal(call(p, SYS_setuid, PROJECT_UID, 0, 0, 0), 0);
	assert_int_equal(p->cred.suid, PROJECT_UID);
	assert_int_equal(call(p, SYS_setgid, PROJECT_GID, 0, 0, 0), 0);
	assert_int_equal(p->cred.rgid, PROJECT_GID);
	assert_int_equal(p->cred.sgid, PROJECT_GID);
	assert_int_equal(call(p, SYS_setreuid, OTHER_UID, NONE, 0, 0), 0);
	assert_int_equal(p->cred.ruid, OTHER_UID);
	assert_int_equal(call(p, SYS_setregid, NONE, DEV_GID, 0, 0), 0);
	assert_int_equal(p->cred.egid, DEV_GID);
	assert_int_equal(call(p, SYS_setresgid, OTHER_UID, OTHER_UID, OTHER_UID, 0), 0);
	assert_int_equal(p->cred.sgid, OTHER_UID);
	/* setgroups(0, NULL) empties the list, privileged only. */
	const cred_id_t groups[] = { PROJECT_GID, DEV_GID };
	assert_int_equal(cred_setgroups(&p->cred, 2, groups, true), 0);
	assert_int_equal(call(p, SYS_getgroups, 0, 0, 0, 0), 2);
	assert_int_equal(call(p, SYS_setgroups, 0, 0, 0, 0), 0);
	assert_int_equal(call(p, SYS_getgroups, 0, 0, 0, 0), 0);
	/* The right matters, not the kind alone. */
	cap_table_clear(&p->caps.held);
	assert_int_equal(cap_table_grant(&p->caps.held, CAP_KIND_SETUID, CAP_RIGHTS_READ), CAP_KIND_SETUID - 1);
	assert_int_equal(call(p, SYS_setuid, DEV_UID, 0, 0, 0), -ENOCAP); /* not one of its own IDs now */
	pp_free(p);
}

/* CRED-080: bad pointers are -EFAULT with nothing changed and nothing written. */
static void test_cred_080_bad_pointers(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(true);
	const cred_id_t groups[] = { PROJECT_GID };
	assert_int_equal(cred_setgroups(&p->cred, 1, groups, true), 0);
	cred_t before = p->cred;
	assert_int_equal(call(p, SYS_setgroups, 1, KERNEL_ADDR, 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_setgroups, CRED_NGROUPS_MAX + 1, KERNEL_ADDR, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_getresuid, KERNEL_ADDR, KERNEL_ADDR, KERNEL_ADDR, 0), -EFAULT);
	assert_int_equal(call(p, SYS_getresgid, KERNEL_ADDR, KERNEL_ADDR, KERNEL_ADDR, 0), -EFAULT);
	assert_int_equal(call(p, SYS_getgroups, 1, KERNEL_ADDR, 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_getgroups, -1, 0, 0, 0), -EINVAL);
	assert_cred_equal(&p->cred, &before);
	pp_free(p);
}

/*
 * CRED-047: between unrelated processes (not PID 1, other groups) kill needs a matching uid or
 * PROC_READ(W); uid 0 is not special; the refusal is -ENOCAP.
 */
static void test_cred_047_kill_rule(void **state)
{
	(void)state;
	pp_machine();
	process_t *init = pp_process(NULL, "/bin/init");
	assert_int_equal(init->pid, PROC_INIT_PID);
	process_t *target = dev_process(false);
	process_t *sender = pp_process(NULL, "/bin/sender");
	assert_int_not_equal(target->pgid, sender->pgid);
	cap_table_clear(&sender->caps.held);
	assert_int_equal(cred_init(&sender->cred, OTHER_UID, OTHER_UID), 0);
	assert_int_equal(proc_kill(sender, target->pid, 0), -ENOCAP);
	assert_int_equal(cred_init(&sender->cred, 0, 0), 0);
	assert_int_equal(proc_kill(sender, target->pid, 0), -ENOCAP);
	/* The sender's effective uid against the target's saved uid. */
	sender->cred.euid = DEV_UID;
	assert_int_equal(proc_kill(sender, target->pid, 0), 0);
	/* The target's effective uid alone does not count. */
	assert_int_equal(cred_init(&sender->cred, PROJECT_UID, 0), 0);
	target->cred.euid = PROJECT_UID;
	assert_int_equal(proc_kill(sender, target->pid, 0), -ENOCAP);
	assert_int_equal(cap_table_grant(&sender->caps.held, CAP_KIND_PROC_READ, CAP_RIGHTS_READ), CAP_KIND_PROC_READ - 1);
	assert_int_equal(proc_kill(sender, target->pid, 0), -ENOCAP);
	assert_int_equal(cap_table_grant(&sender->caps.held, CAP_KIND_PROC_READ, CAP_RIGHTS_WRITE), CAP_KIND_PROC_READ - 1);
	assert_int_equal(proc_kill(sender, target->pid, 0), 0);
	pp_free(sender);
	pp_free(target);
	pp_free(init);
}

/* CRED-082: prlimit64's target, resource and pointer checks. */
static void test_cred_082_prlimit_checks(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(false);
	process_t *other = pp_process(NULL, "/bin/other");
	rlimit_table_t before = other->rlimits;
	assert_int_equal(call(p, SYS_prlimit64, (uint64_t)other->pid, RL_NOFILE, KERNEL_ADDR, 0), -ENOCAP);
	assert_int_equal(call(p, SYS_prlimit64, NO_SUCH_PID, RL_NOFILE, 0, 0), -ESRCH);
	assert_int_equal(call(p, SYS_prlimit64, 0, RL_COUNT, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_prlimit64, 0, RL_NOFILE, KERNEL_ADDR, 0), -EFAULT);
	assert_int_equal(call(p, SYS_getrlimit, RL_NOFILE, 0, 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_setrlimit, RL_NOFILE, 0, 0, 0), -EFAULT);
	assert_int_equal(call(p, SYS_getrlimit, RL_COUNT, KERNEL_ADDR, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_getrlimit, RL_NOFILE, KERNEL_ADDR, 0, 0), -EFAULT);
	/* The same user (every ID) may; so may a holder of SETUID(W). */
	assert_int_equal(cred_init(&other->cred, DEV_UID, DEV_GID), 0);
	assert_int_equal(call(p, SYS_prlimit64, (uint64_t)other->pid, RL_NOFILE, 0, 0), 0);
	other->cred.euid = PROJECT_UID;
	assert_int_equal(call(p, SYS_prlimit64, (uint64_t)other->pid, RL_NOFILE, 0, 0), -ENOCAP);
	assert_int_equal(cap_table_grant(&p->caps.held, CAP_KIND_SETUID, CAP_RIGHTS_WRITE), CAP_KIND_SETUID - 1);
	assert_int_equal(call(p, SYS_prlimit64, (uint64_t)other->pid, RL_NOFILE, 0, 0), 0);
	assert_memory_equal(&other->rlimits, &before, sizeof(before));
	pp_free(other);
	pp_free(p);
}

static const file_ops_t plain_ops = { 0 };

/* CRED-081: descriptors stop at the NOFILE soft limit; dup2 and F_DUPFD beyond it are refused. */
static void test_cred_081_nofile(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(false);
	p->rlimits.lim[RL_NOFILE].cur = FD_LIMIT;
	assert_int_equal(proc_fd_limit(p), FD_LIMIT);
	for (unsigned fd = 0; fd < FD_LIMIT; fd++) {
		file_t *f = file_create(&plain_ops, NULL, AEGIS_O_RDWR);
		assert_non_null(f);
		assert_int_equal(proc_fd_install(p, f, 0, false), (int)fd);
	}
	file_t *extra = file_create(&plain_ops, NULL, AEGIS_O_RDWR);
	assert_non_null(extra);
	assert_int_equal(proc_fd_install(p, extra, 0, false), -EMFILE);
	file_release(extra);
	assert_int_equal(call(p, SYS_dup, 0, 0, 0, 0), -EMFILE);
	assert_int_equal(call(p, SYS_dup2, 0, FD_BEYOND, 0, 0), -EBADF);
	assert_int_equal(call(p, SYS_fcntl, 0, AEGIS_F_DUPFD, FD_BEYOND, 0), -EINVAL);
	/* A closed slot below the limit is reused; the table's size still caps a huge limit. */
	assert_int_equal(call(p, SYS_close, 1, 0, 0, 0), 0);
	assert_int_equal(call(p, SYS_dup, 0, 0, 0, 0), 1);
	p->rlimits.lim[RL_NOFILE].cur = RL_INFINITY;
	assert_int_equal(proc_fd_limit(p), FDTABLE_MAX);
	fdtable_close_all(&p->fds);
	pp_free(p);
}

/* CRED-083: FSIZE shortens a crossing write and refuses one at the limit with SIGXFSZ pending. */
static void test_cred_083_fsize(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(false);
	p->rlimits.lim[RL_FSIZE].cur = FSIZE_LIMIT;
	size_t len = WRITE_LEN;
	assert_int_equal(proc_clip_write(p, WRITE_AT, &len), 0);
	assert_int_equal(len, FSIZE_LIMIT - WRITE_AT);
	assert_false(signal_set_has(p->sig_queue.set, SIGXFSZ));
	len = WRITE_LEN;
	assert_int_equal(proc_clip_write(p, FSIZE_LIMIT, &len), -EFBIG);
	assert_int_equal(len, WRITE_LEN);
	assert_true(signal_set_has(p->sig_queue.set, SIGXFSZ));
	/* A kernel task (no process) is not limited. */
	assert_int_equal(proc_clip_write(NULL, FSIZE_LIMIT, &len), 0);
	pp_free(p);
}

/* CRED-086: clock_settime's argument checks come before NET_ADMIN(W); the clock core sets REALTIME only. */
static void test_cred_086_clock_settime(void **state)
{
	(void)state;
	pp_machine();
	process_t *p = dev_process(false);
	assert_int_equal(call(p, SYS_clock_settime, CLOCK_MONOTONIC, 0, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_clock_settime, BAD_CLOCK, 0, 0, 0), -EINVAL);
	assert_int_equal(call(p, SYS_clock_settime, CLOCK_REALTIME, KERNEL_ADDR, 0, 0), -EFAULT);
	uint64_t mono_before, mono_after, real;
	assert_int_equal(clock_read_ns(CLOCK_MONOTONIC, &mono_before), 0);
	assert_int_equal(clock_set_ns(CLOCK_MONOTONIC, SET_TIME_NS), -EINVAL);
	assert_int_equal(clock_set_ns(CLOCK_REALTIME, SET_TIME_NS), 0);
	assert_int_equal(clock_read_ns(CLOCK_REALTIME, &real), 0);
	assert_int_equal(clock_read_ns(CLOCK_MONOTONIC, &mono_after), 0);
	assert_true(real >= SET_TIME_NS && real - SET_TIME_NS <= mono_after - mono_before);
	/* Back to before the boot's start: the offset wraps and the reading is still right. */
	assert_int_equal(clock_set_ns(CLOCK_REALTIME, 0), 0);
	assert_int_equal(clock_read_ns(CLOCK_REALTIME, &real), 0);
	assert_true(real < SET_TIME_NS);
	pp_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cred_080_unprivileged_calls),
		cmocka_unit_test(test_cred_080_privileged_calls),
		cmocka_unit_test(test_cred_080_bad_pointers),
		cmocka_unit_test(test_cred_047_kill_rule),
		cmocka_unit_test(test_cred_082_prlimit_checks),
		cmocka_unit_test(test_cred_081_nofile),
		cmocka_unit_test(test_cred_083_fsize),
		cmocka_unit_test(test_cred_086_clock_settime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
