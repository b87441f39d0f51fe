/*
 * The signal ABI of Aegis, shared by kernel, userland and tests (spec/signals.md).
 *
 * Everything has the Linux x86_64 numbering and layout, so unmodified static
 * Linux programs (musl, busybox) see what they expect: signal numbers 1..64,
 * the rt_sigaction/rt_sigprocmask constants, the kernel's struct sigaction
 * (not a libc's), siginfo, stack_t, sigcontext and ucontext as the kernel
 * writes them into a signal frame.
 *
 * Naming rule, so host test programs can include a C library's <signal.h>
 * first and this header after it:
 *  - names glibc defines as plain macros with the same spelling (SIGHUP,
 *    SA_RESTART, SIG_BLOCK, ...) keep their standard names, guarded as blocks
 *    like aegis/errno.h;
 *  - names glibc defines as enumerators or with another meaning (si_code
 *    values, SS_*, SIG_DFL, SIGRTMIN) and every type carry an AEGIS_ prefix.
 * Include a host <signal.h> before this header, never after it.
 */
#ifndef AEGIS_SIGNAL_H
#define AEGIS_SIGNAL_H

#include <stdint.h>

#include <aegis/linux_abi.h> /* aegis_sigset_t, AEGIS_SIGSET_SIZE, aegis_sigaction_t, aegis_stack_t */

/* ---- signal numbers (signal(7), x86_64) ---------------------------------- */
#ifndef SIGHUP
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGPOLL 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGIOT SIGABRT
#define SIGIO SIGPOLL
#endif

/* The last standard signal; 32..64 are the real-time signals. */
#define AEGIS_SIGSTD_MAX 31
#define AEGIS_SIGRTMIN 32
#define AEGIS_SIGRTMAX 64
/*
 * Highest signal number (the kernel's _NSIG).  A set (aegis_sigset_t, from
 * linux_abi.h) has bit n - 1 for signal n; AEGIS_SIGSET_SIZE (8) is the only
 * sigsetsize rt_sigaction, rt_sigprocmask, ... accept.
 */
#define AEGIS_NSIG 64

/* ---- rt_sigaction ----------------------------------------------------------- */
#ifndef SA_NOCLDSTOP
#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#endif
/* glibc hides SA_RESTORER from programs; musl always sets it. */
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

/* The two handler values that are not addresses. */
#define AEGIS_SIG_DFL 0ull
#define AEGIS_SIG_IGN 1ull

/*
 * struct sigaction as rt_sigaction(2) passes it on x86_64 (the kernel's, not
 * a libc's): handler (AEGIS_SIG_DFL, AEGIS_SIG_IGN or a user address), flags
 * (SA_*), restorer (the sigreturn trampoline, SA_RESTORER), mask (blocked
 * while the handler runs); 32 bytes.  The type is linux_abi.h's; the signal
 * code calls it by this name.
 */
typedef aegis_sigaction_t aegis_kernel_sigaction_t;

/* ---- rt_sigprocmask ------------------------------------------------------------- */
#ifndef SIG_BLOCK
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#endif

/* ---- siginfo: si_code values ------------------------------------------------------ */
#define AEGIS_SI_USER 0         /* kill(2) */
#define AEGIS_SI_KERNEL 0x80    /* sent by the kernel */
#define AEGIS_SI_QUEUE (-1)     /* sigqueue(3) */
#define AEGIS_SI_TKILL (-6)     /* tkill(2), tgkill(2) */

#define AEGIS_ILL_ILLOPC 1  /* illegal opcode */
#define AEGIS_ILL_PRVOPC 5  /* privileged opcode */

#define AEGIS_FPE_INTDIV 1  /* integer divide by zero */
#define AEGIS_FPE_INTOVF 2  /* integer overflow */
#define AEGIS_FPE_FLTDIV 3  /* floating-point divide by zero */
#define AEGIS_FPE_FLTOVF 4  /* floating-point overflow */
#define AEGIS_FPE_FLTUND 5  /* floating-point underflow */
#define AEGIS_FPE_FLTRES 6  /* floating-point inexact result */
#define AEGIS_FPE_FLTINV 7  /* floating-point invalid operation */

#define AEGIS_SEGV_MAPERR 1 /* address not mapped */
#define AEGIS_SEGV_ACCERR 2 /* mapped, access not permitted */

#define AEGIS_BUS_ADRALN 1  /* invalid address alignment */
#define AEGIS_BUS_ADRERR 2  /* nonexistent physical address */

#define AEGIS_TRAP_BRKPT 1  /* breakpoint */
#define AEGIS_TRAP_TRACE 2  /* trace trap */

#define AEGIS_CLD_EXITED 1
#define AEGIS_CLD_KILLED 2
#define AEGIS_CLD_DUMPED 3
#define AEGIS_CLD_TRAPPED 4
#define AEGIS_CLD_STOPPED 5
#define AEGIS_CLD_CONTINUED 6

/* siginfo is always 128 bytes on Linux. */
#define AEGIS_SIGINFO_SIZE 128

/*
 * siginfo_t on x86_64: three ints, 4 bytes of padding, then a union at
 * offset 16.  Only the members Aegis fills are named; the rest is padding
 * that the kernel always zeroes.
 */
typedef struct aegis_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t pad0;
	union {
		struct { /* kill, tkill, sigqueue */
			int32_t pid;
			uint32_t uid;
			uint64_t value; /* sigqueue's sigval */
		} kill;
		struct { /* SIGCHLD */
			int32_t pid;
			uint32_t uid;
			int32_t status;
			int32_t pad;
			int64_t utime;
			int64_t stime;
		} chld;
		struct { /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			uint64_t addr;
		} fault;
		uint8_t raw[AEGIS_SIGINFO_SIZE - 16];
	} u;
} aegis_siginfo_t;

/* ---- stack_t (sigaltstack; the type is linux_abi.h's aegis_stack_t) ---------------- */
#define AEGIS_SS_ONSTACK 1
#define AEGIS_SS_DISABLE 2
#define AEGIS_SS_AUTODISARM (1u << 31) /* disarm while a handler runs on the stack */
/* Smallest alternate stack sigaltstack accepts (Linux's MINSIGSTKSZ on x86_64). */
#define AEGIS_MINSIGSTKSZ 2048

/* ---- the machine context in a signal frame (Linux struct sigcontext) ------------- */
typedef struct aegis_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	uint64_t eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the FXSAVE image, 0 for none */
	uint64_t reserved1[8];
} aegis_sigcontext_t;

/* uc_flags bits as Linux sets them on x86_64. */
#define AEGIS_UC_FP_XSTATE 0x1u        /* the FPU image is XSAVE (never set by Aegis) */
#define AEGIS_UC_SIGCONTEXT_SS 0x2u    /* the ss field is meaningful */
#define AEGIS_UC_STRICT_RESTORE_SS 0x4u

/* The kernel's struct ucontext (uc_sigmask is the 8-byte kernel set). */
typedef struct aegis_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	aegis_stack_t uc_stack;
	aegis_sigcontext_t uc_mcontext;
	aegis_sigset_t uc_sigmask;
} aegis_ucontext_t;

#endif
