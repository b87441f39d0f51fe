/*
 * The boot self-test of poll on pipes (spec/filesystems.md FS-064): the
 * seeds' `[POLL] OK` marker, printed after `[CAP_POLICY]`.
 */
#ifndef AEGIS_IPC_POLL_SELFTEST_H
#define AEGIS_IPC_POLL_SELFTEST_H

/* Check poll's answers on a fresh pipe and print [POLL] OK or FAIL with what differed. */
void poll_selftest_boot(void);

#endif
