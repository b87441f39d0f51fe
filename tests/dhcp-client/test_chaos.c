/*
 * Lost and duplicated messages at random, in virtual time, deterministic by
 * seed (spec/dhcp-client.md DHCP-021, 030..032, 044..047, 049).
 *
 * Each scenario draws a loss and a duplication rate and runs a client
 * against the scripted server for half a virtual hour with a 60-second
 * lease.  Whatever happens, the client must keep the rules: never use a
 * lease past its expiry (checked by the world after every event), configure
 * only on an ACK, never send more than the retry table allows, stay inside
 * the log format, and either hold a lease, be acquiring one again, or have exited with status 1.
 * AEGIS_TEST_SEED picks the scenarios; the seed is printed.
 */
#include "dhcp_world.h"

#define SCENARIOS 120
#define RUN_MS SEC(1800)

typedef struct {
    unsigned bound, failed, acquiring, renewals, reacquired;
} tally_t;

static void run_scenario(uint32_t n, tally_t *t)
{
    world_t *w = w_new(1000 + n);
    w->srv.chaos_rng = ((uint64_t)w->seed << 32) ^ (n * 0x9e3779b97f4a7c15ull);
    w->srv.loss_pct = (unsigned)(w_chance(w, 50) ? w->srv.chaos_rng % 60 : w->srv.chaos_rng % 15);
    w->srv.dup_pct = (unsigned)((w->srv.chaos_rng >> 8) % 40);
    w->srv.lease = 60;
    w_start(w);
    w_run_until(w, RUN_MS);
    /* configuration only ever follows an ACK that was delivered */
    assert_true(w->n_configure <= w->srv.acks_sent);
    /* the retry table bounds what an acquisition may send before failing */
    if (w->exited) {
        assert_int_equal(w->status, 1);
        assert_false(w->configured);
        assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] failed after 5 attempts, exiting");
        t->failed++;
    } else if (w->configured) {
        t->bound++;
    } else {
        /* cut off in the middle of acquiring again (after an expiry) */
        assert_true(w->c.state == DHCP_STATE_INIT || w->c.state == DHCP_STATE_SELECTING ||
                    w->c.state == DHCP_STATE_REQUESTING);
        t->acquiring++;
    }
    /* between two DISCOVERs of one attempt, at least 500 ms */
    for (size_t i = 1; i < w->n_sent; i++) {
        assert_true(w->sent[i].at >= w->sent[i - 1].at);
        if (w->sent[i].p.msg_type == DHCP_DISCOVER && w->sent[i - 1].p.msg_type == DHCP_DISCOVER)
            assert_true(w->sent[i].at - w->sent[i - 1].at >= DHCP_PHASE_WAIT_MS);
    }
    for (size_t i = 0; i < w->n_logs; i++) {
        t->renewals += strncmp(w->logs[i], "[DHCP] renewed lease", 20) == 0;
        t->reacquired += strncmp(w->logs[i], "[DHCP] lease expired", 20) == 0;
    }
    free(w);
}

/* DHCP-021 DHCP-030 DHCP-031 DHCP-032 DHCP-044 DHCP-045 DHCP-046 DHCP-047 DHCP-049:
 * random loss and duplication never break the client's rules */
static void test_random_loss_and_duplication(void **state)
{
    (void)state;
    tally_t t = { 0, 0, 0, 0, 0 };
    for (uint32_t n = 0; n < SCENARIOS; n++)
        run_scenario(n, &t);
    print_message("# %d scenarios: %u bound at the end, %u acquiring, %u gave up; %u renewals, %u expiries\n",
                  SCENARIOS, t.bound, t.acquiring, t.failed, t.renewals, t.reacquired);
    assert_int_equal(t.bound + t.failed + t.acquiring, SCENARIOS);
    assert_true(t.bound > SCENARIOS / 2);
    assert_true(t.renewals > 0);
}

int main(void)
{
    w_print_seed();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_loss_and_duplication),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
