/*
 * Stopping the kernel on an unrecoverable error, with a report on the console.
 *
 * Report format (spec/boot-order.md):
 *     [PANIC] <message>                         (panic)
 *     [PANIC] CPU exception <n> (<name>) error=0x<code>   (kernel_fault)
 *     [PANIC] RIP=... RSP=... RFLAGS=... CR2=...
 *     [PANIC] RAX=... (general registers, four per line)
 *     [PANIC] system halted
 * then, in a test run, the PANIC test exit; otherwise the machine halts.
 */
#ifndef AEGIS_KERNEL_PANIC_H
#define AEGIS_KERNEL_PANIC_H

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
