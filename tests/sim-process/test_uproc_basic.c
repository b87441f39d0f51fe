/*
 * A user process's life through the sim's process mechanism, with this test
 * playing the kernel: spawn and HELLO, system-call requests and replies,
 * user-memory copies both ways with -EFAULT, EXIT, and the channel's setup
 * (spec/sim-process.md SIMP-001..SIMP-003, SIMP-010..SIMP-014, SIMP-050).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>

#include <aegis/errno.h>
#include <aegis/syscall_nr.h>

#include "sim-process/uproc_test.h"

/* SIMP-010 SIMP-011 SIMP-012 SIMP-013 SIMP-014: the whole script of uprog_basic. */
static void test_basic_script_SIMP_010_011_012_013_014(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	assert_int_equal(uproc_reply_return(&p, 0), 0); /* let it start main */

	uproc_event_t ev = ut_expect_call(&p, SYS_write);
	assert_int_equal(ev.args[0], 1);
	assert_int_equal(ev.args[2], 2);
	char buf[2];
	assert_int_equal(uproc_copy_from_user(&p, buf, (uint64_t)ev.args[1], sizeof(buf)), 0);
	assert_memory_equal(buf, "hi", 2);
	assert_int_equal(uproc_reply_return(&p, 2), 0);

	ut_expect_call(&p, SYS_getpid);
	assert_int_equal(uproc_reply_return(&p, UPROG_FAKE_PID), 0);

	ev = ut_expect_call(&p, SYS_write);
	assert_int_equal(ev.args[1], UPROG_BAD_ADDR);
	char bad[4];
	assert_int_equal(uproc_copy_from_user(&p, bad, (uint64_t)ev.args[1], sizeof(bad)), -EFAULT);
	assert_int_equal(uproc_reply_return(&p, -EFAULT), 0);

	ev = ut_expect_call(&p, SYS_read);
	assert_int_equal(ev.args[2], UPROG_BOX_SIZE);
	size_t n = strlen(UPROG_KERNEL_TEXT);
	assert_int_equal(uproc_copy_to_user(&p, (uint64_t)ev.args[1], UPROG_KERNEL_TEXT, n), 0);
	assert_int_equal(uproc_reply_return(&p, (long)n), 0);

	/* The program checked every answer; its exit status says whether all were right. */
	ut_expect_exit(&p, UPROG_OK_BASIC);
	ut_assert_clean(fds);
}

/* SIMP-013: the copy rules: bad, partial, wrapping, zero-length, and a running process. */
static void test_copy_rules_SIMP_013(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	/* Not waiting for a reply: its memory is not ours to touch. */
	char b[8];
	assert_int_equal(uproc_copy_from_user(&p, b, 0x1000, 1), -EBUSY);
	uproc_event_t ev = ut_expect_call(&p, SYS_write);
	uint64_t hi = (uint64_t)ev.args[1];
	assert_int_equal(uproc_copy_from_user(&p, b, 0, 1), -EFAULT);
	assert_int_equal(uproc_copy_from_user(&p, b, UINT64_MAX - 2, 8), -EFAULT);
	assert_int_equal(uproc_copy_to_user(&p, UPROG_BAD_ADDR, "x", 1), -EFAULT);
	assert_int_equal(uproc_copy_to_user(&p, hi, NULL, 1), -EFAULT);
	assert_int_equal(uproc_copy_from_user(&p, b, UPROG_BAD_ADDR, 0), 0);
	/* A copy that runs off the end of the mapping holding "hi" is partial: -EFAULT, not a short count. */
	long page = sysconf(_SC_PAGESIZE);
	uint64_t page_end = (hi | (uint64_t)(page - 1)) + 1;
	size_t span = (size_t)(page_end - hi) + (16u << 20) * 64; /* far past any mapping after it */
	char *big = malloc(span);
	assert_non_null(big);
	assert_int_equal(uproc_copy_from_user(&p, big, hi, span), -EFAULT);
	free(big);
	/* The kernel side copying something the program wrote never changes the program. */
	assert_int_equal(uproc_copy_from_user(&p, b, hi, 2), 0);
	assert_memory_equal(b, "hi", 2);
	assert_int_equal(uproc_release(&p) != 0, 1); /* killed: a status that says so */
	ut_assert_clean(fds);
}

/* SIMP-001: the user end is a seqpacket socket at SIM_CHANNEL_FD, not close-on-exec, in the new image. */
static void test_channel_fd_SIMP_001(void **state)
{
	/* A descriptor of ours that is not close-on-exec must not reach the user process either. */
	int stray = dup(STDOUT_FILENO);
	assert_true(stray > STDERR_FILENO);
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)p.host_pid, SIM_CHANNEL_FD);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	assert_true(n > 0);
	target[n] = '\0';
	assert_memory_equal(target, "socket:", 7);
	/* fdinfo flags: O_CLOEXEC (02000000 octal) must be clear. */
	char info[64], text[512];
	snprintf(info, sizeof(info), "/proc/%d/fdinfo/%d", (int)p.host_pid, SIM_CHANNEL_FD);
	FILE *f = fopen(info, "r");
	assert_non_null(f);
	size_t got = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[got] = '\0';
	char *flags = strstr(text, "flags:");
	assert_non_null(flags);
	unsigned long fl = strtoul(flags + strlen("flags:"), NULL, 8);
	assert_int_equal(fl & O_CLOEXEC, 0);
	/* It has standard input, output, error and the channel, and no other descriptor of ours. */
	char dir_path[64];
	snprintf(dir_path, sizeof(dir_path), "/proc/%d/fd", (int)p.host_pid);
	DIR *d = opendir(dir_path);
	assert_non_null(d);
	int seen = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		if (fd > STDERR_FILENO && fd != SIM_CHANNEL_FD)
			fail_msg("user process has descriptor %d", fd);
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, 4);
	/* Our end of its channel is close-on-exec, so no other program inherits it. */
	assert_int_equal(fcntl(p.chan_fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	int type = 0;
	socklen_t tl = sizeof(type);
	assert_int_equal(getsockopt(p.chan_fd, SOL_SOCKET, SO_TYPE, &type, &tl), 0);
	assert_int_equal(type, SOCK_SEQPACKET);
	uproc_release(&p);
	ut_assert_clean(fds);
	close(stray);
}

/*
 * SIMP-003: HELLO comes before main and before any system call: the spawned
 * process is stopped in its glue (ASan's start-up made no glue call, or the
 * first request would not be the write of main).
 */
static void test_hello_first_SIMP_003(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	/* Stopped: a second event cannot be asked for before a reply. */
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(&p, &ev), -EBUSY);
	char stat_path[64], st[256];
	snprintf(stat_path, sizeof(stat_path), "/proc/%d/stat", (int)p.host_pid);
	FILE *f = fopen(stat_path, "r");
	assert_non_null(f);
	size_t got = fread(st, 1, sizeof(st) - 1, f);
	fclose(f);
	st[got] = '\0';
	char *close_paren = strrchr(st, ')');
	assert_non_null(close_paren);
	assert_int_equal(close_paren[2], 'S'); /* sleeping in recv, not running */
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	ev = ut_expect_call(&p, SYS_write);
	uproc_release(&p);
	ut_assert_clean(fds);
}

/* SIMP-002: a glue program run outside the sim stops at its first call with a clear message. */
static void test_no_channel_SIMP_002(void **state)
{
	char path[PATH_MAX];
	ut_prog_path("uprog_basic", path, sizeof(path));
	int err[2];
	assert_int_equal(pipe(err), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(err[1], STDERR_FILENO);
		execl(path, "uprog_basic", (char *)NULL);
		_exit(1);
	}
	close(err[1]);
	char msg[256];
	size_t n = 0;
	for (ssize_t r; n < sizeof(msg) - 1 && (r = read(err[0], msg + n, sizeof(msg) - 1 - n)) > 0;)
		n += (size_t)r;
	close(err[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), SIM_GLUE_STATUS_NO_CHANNEL);
	assert_true(n > 0);
	msg[n] = '\0';
	assert_non_null(strstr(msg, "no channel to aegis-sim on descriptor 1000"));
}

/* SIMP-010: an image that does not start is -ENOEXEC; nothing of it is left. */
static void test_spawn_bad_image_SIMP_010(void **state)
{
	int fds = ut_count_fds();
	static const char junk[] = "this is not an executable";
	char *argv[] = {"junk", NULL};
	uproc_t p;
	assert_int_equal(uproc_spawn(&p, junk, sizeof(junk), argv, NULL), -ENOEXEC);
	assert_int_equal(p.host_pid, 0);
	assert_int_equal(p.chan_fd, -1);
	assert_true(WIFEXITED(p.host_status));
	assert_int_equal(WEXITSTATUS(p.host_status), SIM_GLUE_STATUS_EXEC_FAILED);
	assert_int_equal(uproc_spawn(&p, NULL, 0, argv, NULL), -ENOEXEC);
	ut_assert_clean(fds);
}

/* SIMP-010: argument strings beyond the limits are -E2BIG before anything starts. */
static void test_spawn_too_many_strings_SIMP_010(void **state)
{
	int fds = ut_count_fds();
	ut_image_t img = ut_load("uprog_basic");
	size_t count = SIM_EXEC_MAX_STRINGS + 2;
	char **argv = calloc(count, sizeof(char *));
	assert_non_null(argv);
	for (size_t i = 0; i + 1 < count; i++)
		argv[i] = "a";
	uproc_t p;
	assert_int_equal(uproc_spawn(&p, img.bytes, img.len, argv, NULL), -E2BIG);
	char *big = malloc(SIM_EXEC_STRINGS_MAX + 1);
	assert_non_null(big);
	memset(big, 'x', SIM_EXEC_STRINGS_MAX);
	big[SIM_EXEC_STRINGS_MAX] = '\0';
	char *argv2[] = {big, NULL};
	assert_int_equal(uproc_spawn(&p, img.bytes, img.len, argv2, NULL), -E2BIG);
	free(big);
	free(argv);
	ut_free(&img);
	ut_assert_clean(fds);
}

/* SIMP-012 SIMP-014: calls on a handle in the wrong state are refused, never sent. */
static void test_state_rules_SIMP_012_014(void **state)
{
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	assert_int_equal(uproc_reply_return(&p, 0), -EBUSY); /* running: nothing to reply to */
	assert_int_equal(uproc_reply_exit(&p, 0), -EBUSY);
	ut_expect_call(&p, SYS_write);
	uproc_release(&p);
	uproc_event_t ev;
	assert_int_equal(uproc_next_event(&p, &ev), -ESRCH);
	assert_int_equal(uproc_reply_return(&p, 0), -ESRCH);
	ut_assert_clean(fds);
}

/* Send raw bytes as a "reply" to a waiting process (what a broken kernel side would do). */
static void send_raw(uproc_t *p, const void *msg, size_t len, int pass_fd)
{
	struct iovec iov = {.iov_base = (void *)msg, .iov_len = len};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	if (pass_fd >= 0) {
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
	}
	assert_int_equal(sendmsg(p->chan_fd, &mh, MSG_NOSIGNAL), (ssize_t)len);
	p->awaiting_reply = false; /* it runs again: the glue judges what it got */
}

static sim_reply_t good_reply(unsigned action)
{
	sim_reply_t r;
	memset(&r, 0, sizeof(r));
	r.magic = SIM_CHANNEL_MAGIC;
	r.version = SIM_CHANNEL_VERSION;
	r.action = (uint16_t)action;
	return r;
}

/* SIMP-002: the glue refuses every malformed reply with SIM_GLUE_STATUS_PROTOCOL, never runs on. */
static void test_glue_rejects_bad_replies_SIMP_002(void **state)
{
	int fds = ut_count_fds();
	enum { SHORT, MAGIC, VERSION, ACTION, FD_ON_RETURN, EXEC_NO_FD, EXEC_COUNTS, EXEC_UNTERMINATED, CASES };
	for (int c = 0; c < CASES; c++) {
		uproc_t p;
		ut_spawn(&p, "uprog_basic", NULL);
		sim_reply_t r = good_reply(SIM_ACT_RETURN);
		int fd = -1;
		const char *block = NULL;
		size_t block_len = 0;
		switch (c) {
		case SHORT:
			break;
		case MAGIC:
			r.magic ^= 1;
			break;
		case VERSION:
			r.version = SIM_CHANNEL_VERSION + 1;
			break;
		case ACTION:
			r.action = 0x7777;
			break;
		case FD_ON_RETURN:
			fd = STDIN_FILENO;
			break;
		case EXEC_NO_FD:
			r = good_reply(SIM_ACT_EXEC);
			break;
		case EXEC_COUNTS: /* two strings announced, one sent */
			r = good_reply(SIM_ACT_EXEC);
			fd = STDIN_FILENO;
			r.argc = 2;
			block = "one";
			block_len = 4;
			break;
		case EXEC_UNTERMINATED:
			r = good_reply(SIM_ACT_EXEC);
			fd = STDIN_FILENO;
			r.argc = 1;
			block = "abc";
			block_len = 3;
			break;
		}
		r.strings_len = block_len;
		send_raw(&p, &r, c == SHORT ? sizeof(r) - 1 : sizeof(r), fd);
		if (block)
			assert_int_equal(send(p.chan_fd, block, block_len, MSG_NOSIGNAL), (ssize_t)block_len);
		uproc_event_t ev;
		assert_int_equal(uproc_next_event(&p, &ev), 0);
		assert_int_equal(ev.kind, UPROC_EV_DIED);
		if (!WIFEXITED(ev.host_status) || WEXITSTATUS(ev.host_status) != SIM_GLUE_STATUS_PROTOCOL)
			fail_msg("case %d: status 0x%x", c, ev.host_status);
		uproc_release(&p);
		ut_assert_clean(fds);
	}
}

/* SIMP-015: the program's coverage counters reach its .gcda file although it ends with _exit. */
static void test_exit_flushes_coverage_SIMP_015(void **state)
{
	int fds = ut_count_fds();
	char prog[PATH_MAX], gcda[PATH_MAX + 32];
	ut_prog_path("uprog_basic", prog, sizeof(prog));
	/* gcc names the data of a program compiled and linked in one step <output>-<source>.gcda */
	snprintf(gcda, sizeof(gcda), "%s-uprog_basic.gcda", prog);
	unlink(gcda);
	uproc_t p;
	ut_spawn(&p, "uprog_basic", NULL);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	ut_expect_call(&p, SYS_write);
	assert_int_equal(access(gcda, F_OK), -1); /* nothing flushed while it runs */
	assert_int_equal(uproc_reply_return(&p, -EIO), 0);
	ut_expect_exit(&p, UPROG_FAIL_WRITE);
	if (access(gcda, F_OK) != 0)
		fail_msg("%s was not written: the glue did not flush coverage before _exit", gcda);
	ut_assert_clean(fds);
}

/* One SIGNAL reply for a getpid that carries a handler address, and the rt_sigreturn it causes. */
static void signal_round(uproc_t *p, uint64_t flags, bool restart)
{
	uproc_event_t ev = ut_expect_call(p, SYS_getpid);
	long handler = ev.args[0];
	platform_signal_call_t call = {
		.sig = UPROG_SIGNAL_NUMBER,
		.handler = (uint64_t)handler,
		.flags = flags,
		.old_mask = UPROG_SIGNAL_MASK,
		.code = UPROG_SIGNAL_CODE,
		.restart = restart,
	};
	long interrupted = restart ? -EINTR : UPROG_SIGNAL_RESULT;
	assert_int_equal(uproc_reply_signal(p, interrupted, &call), 0);
	ev = ut_expect_call(p, SYS_rt_sigreturn);
	assert_int_equal(ev.args[0], UPROG_SIGNAL_MASK);
	assert_int_equal(ev.args[1], interrupted);
	assert_int_equal(uproc_reply_return(p, ev.args[1]), 0);
	if (restart) {
		/* The glue sends the interrupted call again, arguments and all. */
		ev = ut_expect_call(p, SYS_getpid);
		assert_int_equal(ev.args[0], handler);
		assert_int_equal(uproc_reply_return(p, UPROG_SIGNAL_RESULT), 0);
	}
}

/* SIMP-016: a SIGNAL reply runs the handler in the program (plain with a restart, SA_SIGINFO without), then rt_sigreturn. */
static void test_signal_reply_SIMP_016(void **state)
{
	(void)state;
	int fds = ut_count_fds();
	uproc_t p;
	ut_spawn(&p, "uprog_signal", NULL);
	assert_int_equal(uproc_reply_return(&p, 0), 0);
	signal_round(&p, 0, true);
	signal_round(&p, SA_SIGINFO, false);
	ut_expect_exit(&p, UPROG_OK_SIGNAL);
	ut_assert_clean(fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_basic_script_SIMP_010_011_012_013_014, ut_teardown),
		cmocka_unit_test_teardown(test_copy_rules_SIMP_013, ut_teardown),
		cmocka_unit_test_teardown(test_channel_fd_SIMP_001, ut_teardown),
		cmocka_unit_test_teardown(test_hello_first_SIMP_003, ut_teardown),
		cmocka_unit_test_teardown(test_no_channel_SIMP_002, ut_teardown),
		cmocka_unit_test_teardown(test_spawn_bad_image_SIMP_010, ut_teardown),
		cmocka_unit_test_teardown(test_spawn_too_many_strings_SIMP_010, ut_teardown),
		cmocka_unit_test_teardown(test_state_rules_SIMP_012_014, ut_teardown),
		cmocka_unit_test_teardown(test_glue_rejects_bad_replies_SIMP_002, ut_teardown),
		cmocka_unit_test_teardown(test_exit_flushes_coverage_SIMP_015, ut_teardown),
		cmocka_unit_test_teardown(test_signal_reply_SIMP_016, ut_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
