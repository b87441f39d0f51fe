/*
 * What the sim-process test programs and the tests that drive them agree on:
 * values the "kernel" (the test) returns and the exit statuses by which a
 * program reports which of its own checks failed.
 */
#ifndef UPROG_H
#define UPROG_H

#define UPROG_FAKE_PID 7                /* the Aegis pid the test answers getpid with */
#define UPROG_CHILD_PID 8               /* the Aegis pid of a fork child */
#define UPROG_BAD_ADDR 0x10             /* a user address nothing is mapped at */
#define UPROG_KERNEL_TEXT "from-kernel" /* what the test writes into a program's buffer */
#define UPROG_BOX_SIZE 16
#define UPROG_EXEC_PATH "/bin/uprog_second"
#define UPROG_EXEC_ARG "alpha"
#define UPROG_EXEC_ENV "AEGIS_K=V"

/* Exit statuses. */
#define UPROG_OK_BASIC 3
#define UPROG_OK_CHILD 5
#define UPROG_OK_PARENT 6
#define UPROG_OK_SECOND_BASE 40 /* uprog_second exits 40 + argc */
#define UPROG_FAIL_WRITE 10
#define UPROG_FAIL_GETPID 11
#define UPROG_FAIL_EFAULT 12
#define UPROG_FAIL_READ 13
#define UPROG_FAIL_EXEC 20
#define UPROG_FAIL_FORK 21
#define UPROG_FAIL_ARGS 22
#define UPROG_FAIL_SIGNAL 23
#define UPROG_OK_SIGNAL 7
#define UPROG_SIGNAL_RESULT 77        /* the interrupted call's result the test hands the program */
#define UPROG_SIGNAL_MASK 0x5         /* the mask the SIGNAL reply says rt_sigreturn restores */
#define UPROG_SIGNAL_NUMBER 10        /* SIGUSR1 */
#define UPROG_SIGNAL_CODE 0x80        /* SI_KERNEL */
#define UPROG_NOT_REACHED 99

#endif
