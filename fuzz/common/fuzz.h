/*
 * The one function every fuzz harness (fuzz/<name>/harness.c) defines.
 *
 * fuzz_one() feeds one input to the parser under test and checks what it can
 * about the result; it returns 0.  A crash, a sanitizer report or abort() on
 * a broken invariant is a bug.  The same harness is driven by replay_main.c
 * (make check: every corpus and crash file once, with ASan and UBSan) and by
 * afl_main.c (make fuzz: AFL++ persistent mode).  See fuzz/README.md.
 */
#ifndef AEGIS_FUZZ_H
#define AEGIS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int fuzz_one(const uint8_t *data, size_t size);

#endif
