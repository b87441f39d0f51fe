/*
 * The QEMU transport of the glue (glue_call.x86_64.c), run natively on the
 * Linux host, which speaks the same system-call ABI (SIMP-002): built with
 * musl-gcc -static by test_glue_native.py.  Exit status 7 means every check
 * passed; other statuses name the first check that failed.
 */
#include <aegis/syscall_nr.h>
#include <sys/mman.h>
#include <unistd.h>

#include "glue/glue_call.h"

#define NATIVE_OK 7
#define BAD_ADDR 16
#define EFAULT_NEG (-14)

int main(void)
{
	static const char msg[] = "native-ok\n";
	if (glue_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0) != (long)getpid())
		return 20;
	if (glue_syscall6(SYS_write, 1, (long)msg, sizeof(msg) - 1, 0, 0, 0) != (long)(sizeof(msg) - 1))
		return 21;
	if (glue_syscall6(SYS_write, 1, BAD_ADDR, 4, 0, 0, 0) != EFAULT_NEG)
		return 22;
	/* All six argument registers: mmap uses r10 (flags), r8 (fd) and r9 (offset). */
	long addr = glue_syscall6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr < 0 && addr > -4096)
		return 23;
	*(volatile char *)addr = 1;
	if (glue_syscall6(SYS_munmap, addr, 4096, 0, 0, 0, 0) != 0)
		return 24;
	glue_syscall6(SYS_exit_group, NATIVE_OK, 0, 0, 0, 0, 0);
	return 25;
}
