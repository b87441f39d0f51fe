/*
 * Memory across fork: copy-on-write isolation in both directions, and (where
 * the kernel pages user memory) brk, anonymous mmap/munmap and the SIGSEGV a
 * touch of unmapped memory gets.  PROC-070.. in spec/processes.md.
 */
#include "glue/glue.h"
#include "proctest.h"
#include "tcheck/tcheck.h"
#include "pt_status.h"

#define PT_PAGE 4096
#define PT_BRK_GROW (4 * PT_PAGE)
#define PT_MMAP_LEN (16 * PT_PAGE)
#define PT_PROT_RW 3
#define PT_MAP_PRIVATE_ANON 0x22
#define PT_SIGSEGV 11
#define PT_NULL_PAGE_ADDR 0x10

static volatile int cow_value = 1;
static volatile char cow_page[PT_PAGE] = { 'a' };

static void memory_cow(void)
{
	int to_child[2], to_parent[2];
	if (sys_pipe(to_child) != 0 || sys_pipe(to_parent) != 0) {
		tcheck(false, "PROC-070", "copy-on-write isolation", "pipe failed");
		return;
	}
	long pid = sys_fork();
	if (pid == 0) {
		cow_value = 2;
		cow_page[0] = 'c';
		char c = 0;
		sys_write(to_parent[1], "w", 1);
		sys_read(to_child[0], &c, 1); /* the parent has written its copy by now */
		sys_exit(cow_value == 2 && cow_page[0] == 'c' ? 0 : 1);
	}
	char c = 0;
	sys_read(to_parent[0], &c, 1);
	bool parent_kept = cow_value == 1 && cow_page[0] == 'a';
	cow_value = 3;
	cow_page[0] = 'p';
	sys_write(to_child[1], "g", 1);
	int s = -1;
	sys_wait4((int)pid, &s, 0, NULL);
	tcheck(parent_kept, "PROC-070", "a child's writes never reach the parent", "value %d page %c", cow_value,
		 cow_page[0]);
	tcheck(s == 0, "PROC-070", "a parent's writes after fork never reach the child", "child status 0x%x", s);
	cow_value = 1;
	cow_page[0] = 'a';
	for (int i = 0; i < 2; i++) {
		sys_close(to_child[i]);
		sys_close(to_parent[i]);
	}
}

static int touch_unmapped(void *ctx)
{
	volatile char *gone = ctx;
	return *gone; /* must not return: SIGSEGV */
}

static void memory_paged(void)
{
	long cur = sys_brk(0);
	if (cur == -PT_ENOSYS) {
		tcheck_skip("PROC-071", "brk", "this build's programs are host processes (sim)");
		tcheck_skip("PROC-072", "anonymous mmap and munmap", "this build's programs are host processes (sim)");
		return;
	}
	long grown = sys_brk((void *)(cur + PT_BRK_GROW));
	bool ok = grown == cur + PT_BRK_GROW;
	if (ok) {
		volatile char *heap = (volatile char *)cur;
		heap[0] = 1;
		heap[PT_BRK_GROW - 1] = 2;
		ok = heap[0] == 1 && heap[PT_BRK_GROW - 1] == 2;
	}
	tcheck(ok, "PROC-071", "brk grows the heap and the new pages are usable", "brk %ld -> %ld", cur, grown);
	long shrunk = sys_brk((void *)cur);
	tcheck(shrunk == cur, "PROC-071", "brk shrinks back", "brk = %ld", shrunk);
	long m = sys_mmap(NULL, PT_MMAP_LEN, PT_PROT_RW, PT_MAP_PRIVATE_ANON, -1, 0);
	ok = m > 0;
	if (ok) {
		volatile char *area = (volatile char *)m;
		ok = area[PT_MMAP_LEN - 1] == 0;
		area[PT_MMAP_LEN - 1] = 5;
		ok = ok && area[PT_MMAP_LEN - 1] == 5;
	}
	tcheck(ok, "PROC-072", "anonymous mmap gives zeroed, writable memory", "mmap = %ld", m);
	long r = m > 0 ? sys_munmap((void *)m, PT_MMAP_LEN) : -1;
	tcheck(r == 0, "PROC-072", "munmap succeeds", "munmap = %ld", r);
	int s = pt_fork_run(touch_unmapped, (void *)m);
	tcheck(pt_signaled(s) && pt_term_sig(s) == PT_SIGSEGV, "PROC-073",
		 "touching unmapped memory kills the process with SIGSEGV", "status 0x%x", s);
}

/* The first page is never mapped, so a touch there is a fault nobody resolves. */
static void memory_null_fault(void)
{
	if (!pt_user_paged()) {
		tcheck_skip("PROC-073", "touching the unmapped first page kills the process with SIGSEGV",
			"ASan reports a host program's fault itself and exits with status 1 (sim)");
		return;
	}
	int s = pt_fork_run(touch_unmapped, (void *)PT_NULL_PAGE_ADDR);
	tcheck(pt_signaled(s) && pt_term_sig(s) == PT_SIGSEGV, "PROC-073",
		 "touching the unmapped first page kills the process with SIGSEGV", "status 0x%x", s);
}

void pt_run_memory(void)
{
	memory_cow();
	memory_paged();
	memory_null_fault();
}
