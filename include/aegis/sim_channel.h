/*
 * The simulator's process channel: the wire format between a user program's
 * glue (src/user/lib/glue/glue_call.sim.c) and the kernel side in aegis-sim
 * (sim/uproc.c).  spec/sim-process.md describes the protocol.
 *
 * One AF_UNIX SOCK_SEQPACKET socketpair per user process; the user end sits
 * at descriptor SIM_CHANNEL_FD in the user process.  Every message is one
 * fixed-size struct (checked for exact size, magic and version); the only
 * variable-size message is the exec string block that follows an EXEC reply.
 * The user process sends a request and blocks until the reply arrives, so the
 * kernel side decides which process runs: one at a time.
 */
#ifndef AEGIS_SIM_CHANNEL_H
#define AEGIS_SIM_CHANNEL_H

#include <stdint.h>

/* Descriptor number of the channel in every user process (never CLOEXEC). */
#define SIM_CHANNEL_FD 1000

#define SIM_CHANNEL_MAGIC 0x41454753u /* "AEGS" */
#define SIM_CHANNEL_VERSION 2u
#define SIM_CHANNEL_NARGS 6

/* Request kinds (user -> kernel). */
enum {
	SIM_REQ_HELLO = 1,        /* a new image or fork child is ready; host_pid = its pid */
	SIM_REQ_SYSCALL = 2,      /* nr and args are a system call */
	SIM_REQ_FORK_CHANNEL = 3, /* after a FORK reply: SCM_RIGHTS carries the child's kernel end;
	                             args[0] is 0, or -errno when the host fork failed (no fd then) */
};

/* Reply actions (kernel -> user). */
enum {
	SIM_ACT_RETURN = 1, /* the glue returns ret */
	SIM_ACT_EXEC = 2,   /* SCM_RIGHTS carries a memfd with the image; a string block follows */
	SIM_ACT_FORK = 3,   /* create a child (see spec); a final RETURN reply follows */
	SIM_ACT_EXIT = 4,   /* the glue calls _exit(ret) at once */
	SIM_ACT_SIGNAL = 5, /* the glue calls the handler in sig_*, then rt_sigreturn(sig_old_mask, ret);
	                       with sig_restart it then sends the interrupted request again */
};

typedef struct {
	uint32_t magic;
	uint16_t version;
	uint16_t kind;
	int64_t nr;
	int64_t args[SIM_CHANNEL_NARGS];
	int64_t host_pid;
} sim_request_t;

typedef struct {
	uint32_t magic;
	uint16_t version;
	uint16_t action;
	int64_t ret;
	/* EXEC only: counts of argv and envp strings and the byte size of the string block. */
	uint32_t argc;
	uint32_t envc;
	uint64_t strings_len;
	/* SIGNAL only: the handler call; ret is the interrupted call's result, handed back by rt_sigreturn. */
	uint64_t sig_handler;
	uint64_t sig_flags;    /* the action's sa_flags (SA_SIGINFO decides the handler's arguments) */
	uint64_t sig_old_mask; /* the mask to restore at rt_sigreturn */
	int32_t sig_number;
	int32_t sig_code;      /* siginfo: si_code, si_pid, si_uid */
	int32_t sig_pid;
	uint32_t sig_uid;
	uint32_t sig_restart;  /* 1: after rt_sigreturn, send the interrupted request again (SA_RESTART) */
	int32_t sig_status;    /* siginfo of SIGCHLD: si_status */
} sim_reply_t;

/*
 * Limits of the exec string block (argv strings then envp strings, each
 * NUL-terminated, sent as one message right after the EXEC reply).
 */
#define SIM_EXEC_STRINGS_MAX (64u * 1024u)
#define SIM_EXEC_MAX_STRINGS 1024u

/* Exit statuses the glue uses when it cannot go on. */
#define SIM_GLUE_STATUS_NO_CHANNEL 124 /* run outside aegis-sim, or the channel broke */
#define SIM_GLUE_STATUS_PROTOCOL 125   /* a malformed reply from the kernel side */
#define SIM_GLUE_STATUS_EXEC_FAILED 126 /* fexecve of the image the kernel sent failed */

#endif
