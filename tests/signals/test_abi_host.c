/*
 * tests/signals: the signal ABI against the host C library's headers
 * (SIG-001, SIG-004, SIG-060).  This is a host program, so it can include
 * glibc's <signal.h> and <sys/ucontext.h> and compare offsetof() values and
 * constants with include/aegis/signal.h and the kernel's frame layout.
 *
 * The constants with standard names are guarded in aegis/signal.h, so the
 * host values are captured first, the host names are #undef'd, and then the
 * Aegis header defines its own: the two tables are compared entry by entry.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ucontext.h>
#include <cmocka.h>

/* Every constant whose standard name aegis/signal.h defines. */
#define STANDARD_NAMES(X)                                                                       \
	X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) X(SIGBUS) X(SIGFPE)         \
	X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) X(SIGPIPE) X(SIGALRM) X(SIGTERM)               \
	X(SIGSTKFLT) X(SIGCHLD) X(SIGCONT) X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG)   \
	X(SIGXCPU) X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGPOLL) X(SIGPWR) X(SIGSYS)  \
	X(SIGIOT) X(SIGIO) X(SA_NOCLDSTOP) X(SA_NOCLDWAIT) X(SA_SIGINFO) X(SA_ONSTACK)           \
	X(SA_RESTART) X(SA_NODEFER) X(SA_RESETHAND) X(SIG_BLOCK) X(SIG_UNBLOCK) X(SIG_SETMASK)

#define CAPTURE(name) { #name, (long long)(name) },
typedef struct {
	const char *name;
	long long value;
} named_value_t;

static const named_value_t host_values[] = { STANDARD_NAMES(CAPTURE) };

/* Host values of the names Aegis spells with an AEGIS_ prefix. */
static const long long host_si_user = SI_USER, host_si_kernel = SI_KERNEL, host_si_queue = SI_QUEUE,
		       host_si_tkill = SI_TKILL;
static const long long host_cld[] = { CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_TRAPPED, CLD_STOPPED, CLD_CONTINUED };
static const long long host_segv[] = { SEGV_MAPERR, SEGV_ACCERR };
static const long long host_bus[] = { BUS_ADRALN, BUS_ADRERR };
static const long long host_ill[] = { ILL_ILLOPC, ILL_PRVOPC };
static const long long host_fpe[] = { FPE_INTDIV, FPE_INTOVF, FPE_FLTDIV, FPE_FLTOVF,
				      FPE_FLTUND, FPE_FLTRES, FPE_FLTINV };
static const long long host_trap[] = { TRAP_BRKPT, TRAP_TRACE };
static const long long host_ss[] = { SS_ONSTACK, SS_DISABLE };
static const long long host_rtmin = __SIGRTMIN, host_rtmax = __SIGRTMAX;

/* Offsets of glibc's structs, taken before the host names go away. */
static const size_t host_siginfo_size = sizeof(siginfo_t);
static const size_t host_off_signo = offsetof(siginfo_t, si_signo);
static const size_t host_off_errno = offsetof(siginfo_t, si_errno);
static const size_t host_off_code = offsetof(siginfo_t, si_code);
static const size_t host_off_pid = offsetof(siginfo_t, si_pid);
static const size_t host_off_uid = offsetof(siginfo_t, si_uid);
static const size_t host_off_status = offsetof(siginfo_t, si_status);
static const size_t host_off_utime = offsetof(siginfo_t, si_utime);
static const size_t host_off_stime = offsetof(siginfo_t, si_stime);
static const size_t host_off_addr = offsetof(siginfo_t, si_addr);
static const size_t host_off_value = offsetof(siginfo_t, si_value);
static const size_t host_stack_size = sizeof(stack_t);
static const size_t host_off_ss_sp = offsetof(stack_t, ss_sp);
static const size_t host_off_ss_flags = offsetof(stack_t, ss_flags);
static const size_t host_off_ss_size = offsetof(stack_t, ss_size);
static const size_t host_sigcontext_size = sizeof(struct sigcontext);
static const size_t host_off_uc_flags = offsetof(ucontext_t, uc_flags);
static const size_t host_off_uc_link = offsetof(ucontext_t, uc_link);
static const size_t host_off_uc_stack = offsetof(ucontext_t, uc_stack);
static const size_t host_off_uc_mcontext = offsetof(ucontext_t, uc_mcontext);
static const size_t host_off_uc_sigmask = offsetof(ucontext_t, uc_sigmask);
static const size_t host_mcontext_fpregs = offsetof(mcontext_t, fpregs);

/* struct sigcontext field offsets, in Linux's order. */
#define SC_FIELDS(X)                                                                                \
	X(r8) X(r9) X(r10) X(r11) X(r12) X(r13) X(r14) X(r15) X(rdi) X(rsi) X(rbp) X(rbx) X(rdx)     \
	X(rax) X(rcx) X(rsp) X(rip) X(eflags) X(cs) X(gs) X(fs) X(err) X(trapno) X(oldmask) X(cr2)  \
	X(fpstate)
#define HOST_SC_OFF(f) { #f, offsetof(struct sigcontext, f) },
typedef struct {
	const char *name;
	size_t off;
} named_off_t;
static const named_off_t host_sc[] = { SC_FIELDS(HOST_SC_OFF) };
static const size_t host_sc_ss = offsetof(struct sigcontext, __pad0); /* Linux's ss */
static const size_t host_sc_reserved = offsetof(struct sigcontext, __reserved1);

/* glibc's gregs indices name the same slots (REG_CSGSFS holds cs, gs, fs, ss). */
static const int host_greg[] = { REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14,
				 REG_R15, REG_RDI, REG_RSI, REG_RBP, REG_RBX, REG_RDX, REG_RAX,
				 REG_RCX, REG_RSP, REG_RIP, REG_EFL, REG_CSGSFS, REG_ERR, REG_TRAPNO,
				 REG_OLDMASK, REG_CR2 };

#undef SIGHUP
#undef SIGINT
#undef SIGQUIT
#undef SIGILL
#undef SIGTRAP
#undef SIGABRT
#undef SIGBUS
#undef SIGFPE
#undef SIGKILL
#undef SIGUSR1
#undef SIGSEGV
#undef SIGUSR2
#undef SIGPIPE
#undef SIGALRM
#undef SIGTERM
#undef SIGSTKFLT
#undef SIGCHLD
#undef SIGCONT
#undef SIGSTOP
#undef SIGTSTP
#undef SIGTTIN
#undef SIGTTOU
#undef SIGURG
#undef SIGXCPU
#undef SIGXFSZ
#undef SIGVTALRM
#undef SIGPROF
#undef SIGWINCH
#undef SIGPOLL
#undef SIGPWR
#undef SIGSYS
#undef SIGIOT
#undef SIGIO
#undef SA_NOCLDSTOP
#undef SA_NOCLDWAIT
#undef SA_SIGINFO
#undef SA_ONSTACK
#undef SA_RESTART
#undef SA_NODEFER
#undef SA_RESETHAND
#undef SIG_BLOCK
#undef SIG_UNBLOCK
#undef SIG_SETMASK

#include <aegis/signal.h>

#include "proc/signal_frame.h"

static const named_value_t aegis_values[] = { STANDARD_NAMES(CAPTURE) };

/* SIG-001: every standard-named constant equals the host's. */
static void test_SIG_001_constants_equal_host(void **state)
{
	(void)state;
	size_t n = sizeof(host_values) / sizeof(host_values[0]);
	assert_int_equal(n, sizeof(aegis_values) / sizeof(aegis_values[0]));
	for (size_t i = 0; i < n; i++) {
		if (host_values[i].value != aegis_values[i].value)
			fail_msg("%s: host %lld, aegis %lld", host_values[i].name, host_values[i].value,
				 aegis_values[i].value);
	}
}

/* SIG-001: the AEGIS_-prefixed si_code, SS_* and real-time constants equal the host's. */
static void test_SIG_001_prefixed_constants_equal_host(void **state)
{
	(void)state;
	assert_int_equal(AEGIS_SI_USER, host_si_user);
	assert_int_equal(AEGIS_SI_KERNEL, host_si_kernel);
	assert_int_equal(AEGIS_SI_QUEUE, host_si_queue);
	assert_int_equal(AEGIS_SI_TKILL, host_si_tkill);
	const long long cld[] = { AEGIS_CLD_EXITED, AEGIS_CLD_KILLED, AEGIS_CLD_DUMPED,
				  AEGIS_CLD_TRAPPED, AEGIS_CLD_STOPPED, AEGIS_CLD_CONTINUED };
	assert_memory_equal(cld, host_cld, sizeof(cld));
	const long long segv[] = { AEGIS_SEGV_MAPERR, AEGIS_SEGV_ACCERR };
	assert_memory_equal(segv, host_segv, sizeof(segv));
	const long long bus[] = { AEGIS_BUS_ADRALN, AEGIS_BUS_ADRERR };
	assert_memory_equal(bus, host_bus, sizeof(bus));
	const long long ill[] = { AEGIS_ILL_ILLOPC, AEGIS_ILL_PRVOPC };
	assert_memory_equal(ill, host_ill, sizeof(ill));
	const long long fpe[] = { AEGIS_FPE_INTDIV, AEGIS_FPE_INTOVF, AEGIS_FPE_FLTDIV, AEGIS_FPE_FLTOVF,
				  AEGIS_FPE_FLTUND, AEGIS_FPE_FLTRES, AEGIS_FPE_FLTINV };
	assert_memory_equal(fpe, host_fpe, sizeof(fpe));
	const long long trap[] = { AEGIS_TRAP_BRKPT, AEGIS_TRAP_TRACE };
	assert_memory_equal(trap, host_trap, sizeof(trap));
	const long long ss[] = { AEGIS_SS_ONSTACK, AEGIS_SS_DISABLE };
	assert_memory_equal(ss, host_ss, sizeof(ss));
	assert_int_equal(AEGIS_SIGRTMIN, host_rtmin);
	assert_int_equal(AEGIS_SIGRTMAX, host_rtmax);
}

/* SIG-004: siginfo and stack_t match glibc's layout. */
static void test_SIG_004_siginfo_stack_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(aegis_siginfo_t), host_siginfo_size);
	assert_int_equal(offsetof(aegis_siginfo_t, si_signo), host_off_signo);
	assert_int_equal(offsetof(aegis_siginfo_t, si_errno), host_off_errno);
	assert_int_equal(offsetof(aegis_siginfo_t, si_code), host_off_code);
	assert_int_equal(offsetof(aegis_siginfo_t, u.kill.pid), host_off_pid);
	assert_int_equal(offsetof(aegis_siginfo_t, u.kill.uid), host_off_uid);
	assert_int_equal(offsetof(aegis_siginfo_t, u.kill.value), host_off_value);
	assert_int_equal(offsetof(aegis_siginfo_t, u.chld.pid), host_off_pid);
	assert_int_equal(offsetof(aegis_siginfo_t, u.chld.uid), host_off_uid);
	assert_int_equal(offsetof(aegis_siginfo_t, u.chld.status), host_off_status);
	assert_int_equal(offsetof(aegis_siginfo_t, u.chld.utime), host_off_utime);
	assert_int_equal(offsetof(aegis_siginfo_t, u.chld.stime), host_off_stime);
	assert_int_equal(offsetof(aegis_siginfo_t, u.fault.addr), host_off_addr);
	assert_int_equal(sizeof(aegis_stack_t), host_stack_size);
	assert_int_equal(offsetof(aegis_stack_t, ss_sp), host_off_ss_sp);
	assert_int_equal(offsetof(aegis_stack_t, ss_flags), host_off_ss_flags);
	assert_int_equal(offsetof(aegis_stack_t, ss_size), host_off_ss_size);
	/* the kernel's struct sigaction: handler, flags, restorer, mask */
	assert_int_equal(sizeof(aegis_kernel_sigaction_t), 32);
	assert_int_equal(offsetof(aegis_kernel_sigaction_t, handler), 0);
	assert_int_equal(offsetof(aegis_kernel_sigaction_t, flags), 8);
	assert_int_equal(offsetof(aegis_kernel_sigaction_t, restorer), 16);
	assert_int_equal(offsetof(aegis_kernel_sigaction_t, mask), 24);
	assert_int_equal(sizeof(aegis_sigset_t), AEGIS_SIGSET_SIZE);
	assert_int_equal(AEGIS_SIGSET_SIZE, 8);
}

#define AEGIS_SC_OFF(f) { #f, offsetof(aegis_sigcontext_t, f) },
static const named_off_t aegis_sc[] = { SC_FIELDS(AEGIS_SC_OFF) };

/* SIG-060, SIG-004: struct sigcontext field by field, and glibc's gregs slots. */
static void test_SIG_060_sigcontext_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(aegis_sigcontext_t), host_sigcontext_size);
	for (size_t i = 0; i < sizeof(host_sc) / sizeof(host_sc[0]); i++) {
		if (host_sc[i].off != aegis_sc[i].off)
			fail_msg("sigcontext.%s: host offset %zu, aegis %zu", host_sc[i].name, host_sc[i].off,
				 aegis_sc[i].off);
	}
	assert_int_equal(offsetof(aegis_sigcontext_t, ss), host_sc_ss);
	assert_int_equal(offsetof(aegis_sigcontext_t, reserved1), host_sc_reserved);
	/*
	 * gregs[REG_x] is an 8-byte word of the sigcontext: host_greg[0..18] are
	 * r8..eflags and the cs/gs/fs/ss word (aegis_sc[0..18]); host_greg[19..22]
	 * are err, trapno, oldmask, cr2 (aegis_sc[21..24], after gs and fs).
	 */
	for (size_t i = 0; i < sizeof(host_greg) / sizeof(host_greg[0]); i++) {
		size_t field = i <= 18 ? i : i + 2;
		assert_int_equal((size_t)host_greg[i] * 8u, aegis_sc[field].off);
	}
	assert_int_equal(offsetof(aegis_sigcontext_t, fpstate), host_mcontext_fpregs);
}

/* SIG-060, SIG-004: ucontext and the whole rt_sigframe. */
static void test_SIG_060_ucontext_and_frame_layout(void **state)
{
	(void)state;
	assert_int_equal(offsetof(aegis_ucontext_t, uc_flags), host_off_uc_flags);
	assert_int_equal(offsetof(aegis_ucontext_t, uc_link), host_off_uc_link);
	assert_int_equal(offsetof(aegis_ucontext_t, uc_stack), host_off_uc_stack);
	assert_int_equal(offsetof(aegis_ucontext_t, uc_mcontext), host_off_uc_mcontext);
	assert_int_equal(offsetof(aegis_ucontext_t, uc_sigmask), host_off_uc_sigmask);
	/* the kernel's ucontext ends after its 8-byte sigset (glibc's is larger) */
	assert_int_equal(sizeof(aegis_ucontext_t), host_off_uc_sigmask + 8);
	assert_int_equal(sizeof(aegis_sigcontext_t), 256);
	assert_int_equal(sizeof(aegis_ucontext_t), 304);
	assert_int_equal(offsetof(signal_rt_frame_t, pretcode), 0);
	assert_int_equal(offsetof(signal_rt_frame_t, uc), 8);
	assert_int_equal(offsetof(signal_rt_frame_t, info), 312);
	assert_int_equal(sizeof(signal_rt_frame_t), 440);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_SIG_001_constants_equal_host),
		cmocka_unit_test(test_SIG_001_prefixed_constants_equal_host),
		cmocka_unit_test(test_SIG_004_siginfo_stack_layout),
		cmocka_unit_test(test_SIG_060_sigcontext_layout),
		cmocka_unit_test(test_SIG_060_ucontext_and_frame_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
