/*
 * Vigil library: what to do when a service's process ends
 * (spec/vigil.md VIG-070..073).
 *
 * A pure function of (policy, history, now): no clock is read here.  The
 * delay before restart k (k restarts already counted) is
 * min(VIGIL_BACKOFF_BASE_MS * 2^k, VIGIL_BACKOFF_CAP_MS); a run of at least
 * VIGIL_STABLE_MS clears the count first.
 */
#ifndef AEGIS_VIGIL_RESTART_H
#define AEGIS_VIGIL_RESTART_H

#include <stdint.h>

#include "vigil/vigil_service.h"

#define VIGIL_BACKOFF_BASE_MS 1000u
#define VIGIL_BACKOFF_CAP_MS 60000u
#define VIGIL_STABLE_MS 60000u

typedef struct {
	uint32_t restarts;      /* counted since the last stable run */
	uint64_t last_start_ms; /* when the process was last started */
} vigil_history_t;

typedef enum {
	VIGIL_DECIDE_DONE,    /* oneshot: finished, never restarted */
	VIGIL_DECIDE_RESTART, /* start again at restart_at_ms */
	VIGIL_DECIDE_GIVE_UP, /* max_restarts reached */
} vigil_action_t;

typedef struct {
	vigil_action_t action;
	uint64_t restart_at_ms;  /* for VIGIL_DECIDE_RESTART */
	vigil_history_t history; /* the history after this decision */
} vigil_decision_t;

/* The delay before a restart when `restarts` were already counted. */
uint32_t vigil_backoff_ms(uint32_t restarts);

/* Decide at now_ms, when the process started at h->last_start_ms ended. */
vigil_decision_t vigil_restart_decide(const vigil_policy_t *policy, const vigil_history_t *h,
				      uint64_t now_ms);

#endif
