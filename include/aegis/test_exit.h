/*
 * Test exit convention shared by the kernel, the platforms and the test drivers.
 *
 * In QEMU the kernel writes one of these values to the isa-debug-exit port
 * (iobase 0xf4), and QEMU exits with status (value << 1) | 1.  The simulator
 * exits with the same status numbers, so a driver checks one table for both
 * builds.  Status 0 never means pass: QEMU also exits 0 on a triple fault.
 */
#ifndef AEGIS_TEST_EXIT_H
#define AEGIS_TEST_EXIT_H

#define TEST_EXIT_PORT 0xf4

/* Values written to the port. */
#define TEST_EXIT_CODE_PASS 0x10
#define TEST_EXIT_CODE_FAIL 0x11
#define TEST_EXIT_CODE_PANIC 0x12
/* reboot(2) ends the machine through the same device (spec/vigil.md VIG-120). */
#define TEST_EXIT_CODE_POWER_OFF 0x13
#define TEST_EXIT_CODE_RESTART 0x14

/* Process exit statuses seen by the driver: (code << 1) | 1. */
#define TEST_EXIT_STATUS(code) (((code) << 1) | 1)
#define TEST_EXIT_STATUS_PASS TEST_EXIT_STATUS(TEST_EXIT_CODE_PASS)   /* 33 */
#define TEST_EXIT_STATUS_FAIL TEST_EXIT_STATUS(TEST_EXIT_CODE_FAIL)   /* 35 */
#define TEST_EXIT_STATUS_PANIC TEST_EXIT_STATUS(TEST_EXIT_CODE_PANIC) /* 37 */
#define TEST_EXIT_STATUS_POWER_OFF TEST_EXIT_STATUS(TEST_EXIT_CODE_POWER_OFF) /* 39 */
#define TEST_EXIT_STATUS_RESTART TEST_EXIT_STATUS(TEST_EXIT_CODE_RESTART)     /* 41 */

#endif
