/*
 * The property test of the identity calls through the real system calls
 * (spec/credentials.md CRED-089): seeded random sequences of setuid,
 * setreuid, setresuid and their gid twins against a reference model of the
 * unprivileged rules (CRED-010..018) written here from the spec's table.
 *
 * It runs as the developer right after the set-user-ID exec, so the real
 * IDs are 0 and the effective and saved ones the developer's: there is
 * something to switch between.  An unprivileged process can lose IDs for
 * good, so each sequence runs in a fresh child, which exits with 0 when
 * model and kernel agreed after every step.
 */
#include <stdio.h>

#include <aegis/errno.h>

#include "credcheck.h"
#include "glue/glue.h"
#include "tcheck/tcheck.h"
#include "uio/uio.h"

#define CC_MODEL_SEED 20261207u
#define CC_SEQUENCES 250u
#define CC_STEPS_PER_SEQUENCE 200u
#define CC_POOL 4u
#define CC_OPS 6u
#define CC_DETAIL 192

typedef struct {
	uint32_t r, e, s;
} triple_t;

static const uint32_t uid_pool[CC_POOL] = { CC_ROOT_ID, CC_DEV_UID, CC_PROJECT_UID, CC_NONE };
static const uint32_t gid_pool[CC_POOL] = { CC_ROOT_ID, CC_DEV_GID, CC_PROJECT_GID, CC_NONE };
static uint64_t rng_state;

static uint32_t rng_next(void)
{
	/* xorshift64*: enough for choosing calls, and the same on both builds. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static bool own(const triple_t *t, uint32_t id)
{
	return id == t->r || id == t->e || id == t->s;
}

static long model_set(triple_t *t, uint32_t id)
{
	if (id == CC_NONE)
		return -EINVAL;
	if (id != t->r && id != t->s)
		return -ENOCAP;
	t->e = id;
	return 0;
}

static long model_setre(triple_t *t, uint32_t r, uint32_t e)
{
	if (r != CC_NONE && r != t->r && r != t->e)
		return -ENOCAP;
	if (e != CC_NONE && !own(t, e))
		return -ENOCAP;
	triple_t n = *t;
	if (r != CC_NONE)
		n.r = r;
	if (e != CC_NONE)
		n.e = e;
	if (r != CC_NONE || (e != CC_NONE && e != t->r))
		n.s = n.e;
	*t = n;
	return 0;
}

static long model_setres(triple_t *t, uint32_t r, uint32_t e, uint32_t s)
{
	if ((r != CC_NONE && !own(t, r)) || (e != CC_NONE && !own(t, e)) || (s != CC_NONE && !own(t, s)))
		return -ENOCAP;
	if (r != CC_NONE)
		t->r = r;
	if (e != CC_NONE)
		t->e = e;
	if (s != CC_NONE)
		t->s = s;
	return 0;
}

/* One random call on the model and the kernel: true when both answers agree. */
static bool step(triple_t *u, triple_t *g, char *why, unsigned cap)
{
	unsigned op = rng_next() % CC_OPS;
	bool gid = op >= CC_OPS / 2;
	const uint32_t *pool = gid ? gid_pool : uid_pool;
	uint32_t a = pool[rng_next() % CC_POOL], b = pool[rng_next() % CC_POOL], c = pool[rng_next() % CC_POOL];
	triple_t *m = gid ? g : u;
	long want, got;
	switch (op % (CC_OPS / 2)) {
	case 0:
		want = model_set(m, a);
		got = gid ? sys_setgid(a) : sys_setuid(a);
		break;
	case 1:
		want = model_setre(m, a, b);
		got = gid ? sys_setregid(a, b) : sys_setreuid(a, b);
		break;
	default:
		want = model_setres(m, a, b, c);
		got = gid ? sys_setresgid(a, b, c) : sys_setresuid(a, b, c);
		break;
	}
	if (want != got) {
		snprintf(why, cap, "op %u (%u %u %u): kernel %ld, model %ld", op, a, b, c, got, want);
		return false;
	}
	return cc_ids_are(u->r, u->e, u->s, g->r, g->e, g->s, why, cap);
}

static int run_sequence(unsigned seq, const triple_t *u0, const triple_t *g0)
{
	triple_t u = *u0, g = *g0;
	char why[CC_DETAIL];
	rng_state = ((uint64_t)CC_MODEL_SEED << 32) ^ (seq + 1u);
	for (unsigned i = 0; i < CC_STEPS_PER_SEQUENCE; i++) {
		if (!step(&u, &g, why, sizeof(why))) {
			uio_printf(1, "credcheck: model disagrees at sequence %u step %u: %s\n", seq, i, why);
			return 1;
		}
	}
	return 0;
}

void cc_run_model(void)
{
	triple_t u, g;
	if (sys_getresuid(&u.r, &u.e, &u.s) != 0 || sys_getresgid(&g.r, &g.e, &g.s) != 0) {
		tcheck(false, "CRED-089", "the property test can read its IDs", "getresuid/getresgid failed");
		return;
	}
	uio_printf(1, "credcheck: model seed %u, %u sequences of %u steps\n", CC_MODEL_SEED, CC_SEQUENCES,
		   CC_STEPS_PER_SEQUENCE);
	unsigned failed = 0, first = 0;
	int first_status = 0;
	for (unsigned seq = 0; seq < CC_SEQUENCES; seq++) {
		long pid = sys_fork();
		if (pid == 0)
			sys_exit(run_sequence(seq, &u, &g));
		int status = -1;
		if (pid < 0 || sys_wait4((int)pid, &status, 0, NULL) < 0 || !cc_exited_ok(status)) {
			if (failed++ == 0) {
				first = seq;
				first_status = status;
			}
		}
	}
	tcheck(failed == 0, "CRED-089", "50,000 random identity calls agree with the reference model",
	       "%u of %u sequences disagreed, first %u (status %#x)", failed, CC_SEQUENCES, first, first_status);
}
