/*
 * Sizes for people, as `ls -lh` shows them (spec/coreutils.md CU-100):
 * below 1024 the plain number, else powers of 1024 with K, M, G, T, P, E,
 * one decimal below 10 and none above, always rounded up (`4.0K`, `1.1K`,
 * `10K`, `1.0M`).
 */
#ifndef AEGIS_CU_HUMAN_H
#define AEGIS_CU_HUMAN_H

#include <stddef.h>
#include <stdint.h>

#define CU_HUMAN_TEXT 16u

/* size into out (CU_HUMAN_TEXT bytes). */
void cu_human_size(uint64_t size, char *out);

#endif
