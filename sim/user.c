/*
 * User mode in the sim (the platform_user_* calls): each user context is a
 * host process driven through sim/uproc.h.
 *
 * The kernel sees the same registers as on x86_64 for what it uses: a
 * system call arrives with rax = number and rdi, rsi, rdx, r10, r8, r9 =
 * arguments, and the result it leaves in rax is the reply.  A process that
 * waits for its reply is "between system calls"; platform_user_run sends the
 * reply and waits for the next request, so only the process whose task runs
 * can make progress.  There is no FPU image and no address space here: the
 * host process owns its memory, reached with process_vm_readv/writev.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "uproc.h"

struct platform_user {
	uproc_t proc;
	platform_uregs_t regs;
	bool signal_pending; /* signal_call goes out instead of the next RETURN */
	platform_signal_call_t signal_call;
	platform_user_t *live_prev, *live_next; /* on live_users */
};

/*
 * Every user context not yet destroyed.  The kernel keeps its pointers in
 * the simulated physical memory, which LeakSanitizer does not scan, so a
 * process still alive when a run ends (PID 1 asleep) would be reported as a
 * leak without this list.
 */
static platform_user_t *live_users;

platform_result_t platform_syscall_init(void)
{
	return (platform_result_t){ PLATFORM_OK, "system calls arrive over the process channel" };
}

static platform_user_t *sim_user_alloc(void)
{
	platform_user_t *user = calloc(1, sizeof(*user));
	if (!user)
		return NULL;
	user->proc.chan_fd = -1;
	user->proc.pid_fd = -1;
	user->live_next = live_users;
	if (live_users)
		live_users->live_prev = user;
	live_users = user;
	return user;
}

static void sim_user_free(platform_user_t *user)
{
	if (user->live_prev)
		user->live_prev->live_next = user->live_next;
	else
		live_users = user->live_next;
	if (user->live_next)
		user->live_next->live_prev = user->live_prev;
	free(user);
}

platform_user_t *platform_user_create(void)
{
	return sim_user_alloc();
}

platform_uregs_t *platform_user_regs(platform_user_t *user)
{
	return &user->regs;
}

uint8_t *platform_user_fpu(platform_user_t *user)
{
	(void)user;
	return NULL;
}

void platform_user_start(platform_user_t *user, uint64_t entry, uint64_t sp)
{
	(void)user;
	(void)entry;
	(void)sp;
	/* Not reached: the kernel checks platform_layout()->user_paged first. */
}

int platform_user_exec_image(platform_user_t *user, const void *image, size_t len, char *const argv[],
                             char *const envp[])
{
	int r;
	if (user->proc.host_pid == 0)
		r = uproc_spawn(&user->proc, image, len, argv, envp);
	else
		r = uproc_exec(&user->proc, image, len, argv, envp);
	memset(&user->regs, 0, sizeof(user->regs));
	return r;
}

void platform_user_run(platform_user_t *user, platform_user_event_t *event)
{
	memset(event, 0, sizeof(*event));
	uproc_t *p = &user->proc;
	if (!p->dead && p->awaiting_reply) {
		if (user->signal_pending)
			(void)uproc_reply_signal(p, (long)user->regs.rax, &user->signal_call);
		else
			(void)uproc_reply_return(p, (long)user->regs.rax);
	}
	user->signal_pending = false;
	uproc_event_t ev;
	if (p->dead || uproc_next_event(p, &ev) != 0) {
		event->kind = PLATFORM_USER_DIED;
		event->host_status = p->host_status;
		event->why = p->why ? p->why : "the host process is gone";
		return;
	}
	if (ev.kind == UPROC_EV_DIED) {
		event->kind = PLATFORM_USER_DIED;
		event->host_status = ev.host_status;
		event->why = ev.why;
		return;
	}
	platform_uregs_t *r = &user->regs;
	r->rax = (uint64_t)ev.nr;
	r->rdi = (uint64_t)ev.args[0];
	r->rsi = (uint64_t)ev.args[1];
	r->rdx = (uint64_t)ev.args[2];
	r->r10 = (uint64_t)ev.args[3];
	r->r8 = (uint64_t)ev.args[4];
	r->r9 = (uint64_t)ev.args[5];
	event->kind = PLATFORM_USER_SYSCALL;
}

int platform_user_signal_call(platform_user_t *user, const platform_signal_call_t *call)
{
	user->signal_call = *call;
	user->signal_pending = true;
	return 0;
}

int platform_user_fork(platform_user_t *parent, platform_user_t **child)
{
	platform_user_t *copy = sim_user_alloc();
	if (!copy)
		return -ENOMEM;
	int r = uproc_fork(&parent->proc, &copy->proc);
	if (r < 0) {
		sim_user_free(copy);
		return r == -ENOMEM ? -ENOMEM : -EAGAIN;
	}
	copy->regs = parent->regs;
	*child = copy;
	return 0;
}

void platform_user_destroy(platform_user_t *user, platform_user_end_t how, int value)
{
	if (!user)
		return;
	uproc_t *p = &user->proc;
	if (p->host_pid > 0 && !p->dead) {
		if (how == PLATFORM_USER_END_EXIT && p->awaiting_reply)
			(void)uproc_reply_exit(p, value);
		else
			(void)uproc_kill(p, SIGKILL);
	}
	(void)uproc_release(p);
	sim_user_free(user);
}

int platform_copy_from_user(platform_user_t *user, void *dst, uint64_t src, size_t len)
{
	if (len == 0)
		return 0;
	return uproc_copy_from_user(&user->proc, dst, src, len) == 0 ? 0 : -EFAULT;
}

int platform_copy_to_user(platform_user_t *user, uint64_t dst, const void *src, size_t len)
{
	if (len == 0)
		return 0;
	return uproc_copy_to_user(&user->proc, dst, src, len) == 0 ? 0 : -EFAULT;
}
