/*
 * The messages of Aegis error numbers, for the command-line tools'
 * diagnostics (spec/coreutils.md CU-001): the usual Linux wording, so
 * `ls: cannot access 'x': No such file or directory` reads as elsewhere, plus
 * ENOCAP, which only Aegis has.  The C library's strerror cannot be used: the
 * sim build's glibc and the QEMU build's musl word some errors differently
 * and both name 130 EOWNERDEAD.
 */
#ifndef AEGIS_CU_ERRTEXT_H
#define AEGIS_CU_ERRTEXT_H

/* The message of err, given as errno or -errno; "Unknown error N" for others (in a static buffer). */
const char *cu_errtext(long err);

#endif
