/*
 * Pending signals with their siginfo records (spec/signals.md SIG-090..094).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/signal_info.h"
#include "proc/signal_pending.h"
#include "proc/signal_queue.h"
#include "proc/signal_set.h"

_Static_assert(offsetof(aegis_siginfo_t, u.chld.stime) + sizeof(int64_t) == SIGNAL_QUEUE_INFO_BYTES,
               "the kept prefix ends with SIGCHLD's si_stime");
_Static_assert(SIGNAL_QUEUE_INFO_BYTES <= sizeof(aegis_siginfo_t), "the prefix fits in a siginfo");

void signal_queue_init(signal_queue_t *q)
{
	kmemset(q, 0, sizeof(*q));
}

int signal_queue_post(signal_queue_t *q, const signal_actions_t *actions, aegis_sigset_t blocked,
                      const aegis_siginfo_t *info)
{
	int sig = info->si_signo;
	if (!signal_is_valid(sig))
		return -EINVAL;
	int was_pending = signal_set_has(q->set, sig);
	int r = signal_generate(actions, blocked, &q->set, sig);
	if (r > 0 && (r & (int)SIGNAL_GEN_QUEUED) && !was_pending)
		kmemcpy(q->info[sig - 1], info, SIGNAL_QUEUE_INFO_BYTES);
	return r;
}

int signal_queue_force(signal_queue_t *q, signal_actions_t *actions, aegis_sigset_t *blocked,
                       const aegis_siginfo_t *info)
{
	int sig = info->si_signo;
	if (!signal_is_valid(sig))
		return -EINVAL;
	bool is_blocked = signal_set_has(*blocked, sig);
	if (is_blocked || signal_action_ignores(actions, sig)) {
		actions->act[sig - 1].handler = AEGIS_SIG_DFL;
		signal_set_del(blocked, sig);
	}
	signal_set_add(&q->set, sig);
	kmemcpy(q->info[sig - 1], info, SIGNAL_QUEUE_INFO_BYTES);
	return 0;
}

int signal_queue_take(signal_queue_t *q, int sig, aegis_siginfo_t *out)
{
	if (!signal_set_has(q->set, sig))
		return -EINVAL;
	signal_set_del(&q->set, sig);
	const uint8_t *rec = q->info[sig - 1];
	int32_t recorded;
	kmemcpy(&recorded, rec + offsetof(aegis_siginfo_t, si_signo), sizeof(recorded));
	if (recorded != sig) {
		(void)signal_info_kernel(out, sig);
		return 0;
	}
	kmemset(out, 0, sizeof(*out));
	kmemcpy(out, rec, SIGNAL_QUEUE_INFO_BYTES);
	kmemset(q->info[sig - 1], 0, SIGNAL_QUEUE_INFO_BYTES);
	return 0;
}
