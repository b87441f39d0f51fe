/*
 * The text files of /proc/<pid> (spec/filesystems.md FS-080..FS-084,
 * FS-087): status and stat parsed field by field (stat also with the scan
 * busybox ps makes, and its field count judged against the host Linux's own
 * /proc/self/stat), cmdline's NUL-separated list, every generator's cut at a
 * small buffer, and the read rule.
 */
#include "filesystems/procfs_pid_fixture.h"

#define STAT_FIELD_COUNT 52
#define TICKS_NS 10000000ull
#define HANDLER_ADDR 0x401000ull
#define OLD_MASK_BITS 0x7fffffffull
#define UID_R 1000u
#define UID_E 1001u
#define UID_S 1002u
#define GID_R 2000u
#define GID_E 2001u
#define GID_S 2002u
#define BIG_ARG 3000u
#define ZOMBIE_STATUS 0x0300
#define CANARY 0x5A

static void setup(void)
{
	pp_machine();
}

/* The keys of a status text, in order, joined by spaces. */
static void status_keys(const char *text, char *out, size_t cap)
{
	out[0] = '\0';
	for (const char *line = text; *line;) {
		const char *colon = strchr(line, ':');
		const char *nl = strchr(line, '\n');
		assert_true(colon && nl && colon < nl);
		assert_int_equal(colon[1], '\t');
		size_t len = strlen(out);
		assert_true(len + (size_t)(colon - line) + 2 < cap);
		snprintf(out + len, cap - len, "%s%.*s", len ? " " : "", (int)(colon - line), line);
		line = nl + 1;
	}
}

/* FS-081: Linux's names in Linux's order, with the values the process holds. */
static void test_fs_081_status_fields_and_values(void **state)
{
	(void)state;
	setup();
	process_t *init = pp_process(NULL, "/sbin/init");
	process_t *p = pp_process(init, "/bin/worker");
	p->umask = 027;
	p->cred = (cred_t){ UID_R, UID_E, UID_S, GID_R, GID_E, GID_S, 2, { 5, 70000 } };
	p->sig_blocked = 1ull << (SIGUSR1 - 1);
	p->sig_queue.set = (1ull << (SIGTERM - 1)) | (1ull << (64 - 1));
	pp_action(p, SIGINT, AEGIS_SIG_IGN);
	pp_action(p, SIGUSR2, HANDLER_ADDR);
	pp_run(procfs_pid_status, p);
	char keys[512], v[128];
	status_keys(pp_text, keys, sizeof(keys));
	assert_string_equal(keys, "Name Umask State Tgid Pid PPid TracerPid Uid Gid FDSize Groups Threads SigPnd SigBlk "
	                          "SigIgn SigCgt");
	assert_string_equal(pp_status_value(pp_text, "Name", v, sizeof(v)), "worker");
	assert_string_equal(pp_status_value(pp_text, "Umask", v, sizeof(v)), "0027");
	assert_string_equal(pp_status_value(pp_text, "State", v, sizeof(v)), "R (running)");
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", p->pid);
	assert_string_equal(pp_status_value(pp_text, "Tgid", v, sizeof(v)), pid);
	assert_string_equal(pp_status_value(pp_text, "Pid", v, sizeof(v)), pid);
	assert_string_equal(pp_status_value(pp_text, "PPid", v, sizeof(v)), "1");
	assert_string_equal(pp_status_value(pp_text, "TracerPid", v, sizeof(v)), "0");
	assert_string_equal(pp_status_value(pp_text, "Uid", v, sizeof(v)), "1000\t1001\t1002\t1001");
	assert_string_equal(pp_status_value(pp_text, "Gid", v, sizeof(v)), "2000\t2001\t2002\t2001");
	assert_string_equal(pp_status_value(pp_text, "FDSize", v, sizeof(v)), "256");
	assert_string_equal(pp_status_value(pp_text, "Groups", v, sizeof(v)), "5 70000 ");
	assert_string_equal(pp_status_value(pp_text, "Threads", v, sizeof(v)), "1");
	assert_string_equal(pp_status_value(pp_text, "SigPnd", v, sizeof(v)), "8000000000004000");
	assert_string_equal(pp_status_value(pp_text, "SigBlk", v, sizeof(v)), "0000000000000200");
	/* SIGINT ignored by action; SIGCHLD is ignored only by default, which Linux does not count. */
	assert_string_equal(pp_status_value(pp_text, "SigIgn", v, sizeof(v)), "0000000000000002");
	assert_string_equal(pp_status_value(pp_text, "SigCgt", v, sizeof(v)), "0000000000000800");

	/* PID 1: PPid 0, no groups is one space, umask 022. */
	pp_run(procfs_pid_status, init);
	assert_string_equal(pp_status_value(pp_text, "PPid", v, sizeof(v)), "0");
	assert_string_equal(pp_status_value(pp_text, "Groups", v, sizeof(v)), " ");
	assert_string_equal(pp_status_value(pp_text, "Umask", v, sizeof(v)), "0022");
	pp_free(p);
	pp_free(init);
}

/* FS-081: VmSize and VmRSS appear, between Groups and Threads, where the kernel keeps the address space. */
static void test_fs_081_status_memory_where_kept(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/mem");
	p->uvm = uvm_new();
	uvm_map_anon(p->uvm, 0x400000, 5 * PG, RW);
	uint8_t byte = 1;
	assert_int_equal(uvm_write(p->uvm, 0x400000, &byte, 1, false), 0);
	assert_int_equal(uvm_write(p->uvm, 0x402000, &byte, 1, false), 0);
	pp_run(procfs_pid_status, p);
	char keys[512], v[64];
	status_keys(pp_text, keys, sizeof(keys));
	assert_non_null(strstr(keys, "Groups VmSize VmRSS Threads"));
	assert_string_equal(pp_status_value(pp_text, "VmSize", v, sizeof(v)), "      20 kB");
	assert_string_equal(pp_status_value(pp_text, "VmRSS", v, sizeof(v)), "       8 kB");
	/* A zombie has no memory lines. */
	p->state = PROC_ZOMBIE;
	pp_run(procfs_pid_status, p);
	assert_null(pp_status_value(pp_text, "VmSize", v, sizeof(v)));
	p->state = PROC_ALIVE;
	pp_free(p);
}

/* FS-081: a newline, tab or backslash in the name is escaped, so it cannot forge a field. */
static void test_fs_081_status_name_escaped(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/x");
	strcpy(p->name, "a\nUid:\t0\\");
	pp_run(procfs_pid_status, p);
	char v[64];
	assert_string_equal(pp_status_value(pp_text, "Name", v, sizeof(v)), "a\\nUid:\\t0\\\\");
	assert_string_equal(pp_status_value(pp_text, "Uid", v, sizeof(v)), "0\t0\t0\t0");
	pp_free(p);
}

/* The fields of a stat line after "pid (comm)": count, and each as text in out[3..]. */
static int stat_split(const char *text, char out[][32], const char **comm_start, size_t *comm_len)
{
	const char *open = strchr(text, '(');
	const char *close = strrchr(text, ')');
	assert_true(open && close && close > open);
	*comm_start = open + 1;
	*comm_len = (size_t)(close - open - 1);
	const char *nl = strchr(text, '\n');
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
	int n = 2;
	const char *c = close + 1;
	while (c < nl) {
		assert_int_equal(*c, ' '); /* single spaces */
		c++;
		const char *end = c;
		while (end < nl && *end != ' ')
			end++;
		assert_true(end > c);
		n++;
		assert_true(n < (int)PP_FIELDS_MAX);
		snprintf(out[n], 32, "%.*s", (int)(end - c), c);
		c = end;
	}
	return n;
}

/* FS-083: 52 fields, the ones Aegis keeps in their places. */
static void test_fs_083_stat_fields(void **state)
{
	(void)state;
	setup();
	process_t *init = pp_process(NULL, "/sbin/init");
	process_t *p = pp_process(init, "/bin/sh");
	p->pgid = 7;
	p->sid = 3;
	p->start_ns = 250 * TICKS_NS + 5;
	p->sig_queue.set = (1ull << (SIGTERM - 1)) | (1ull << (40 - 1));
	p->sig_blocked = 1ull << (SIGUSR1 - 1);
	pp_action(p, SIGINT, AEGIS_SIG_IGN);
	pp_action(p, SIGUSR2, HANDLER_ADDR);
	p->uvm = uvm_new();
	uvm_map_anon(p->uvm, 0x400000, 3 * PG, RW);
	uint8_t byte = 1;
	assert_int_equal(uvm_write(p->uvm, 0x401000, &byte, 1, false), 0);
	pp_run(procfs_pid_stat, p);
	char f[PP_FIELDS_MAX][32];
	const char *comm;
	size_t comm_len;
	int n = stat_split(pp_text, f, &comm, &comm_len);
	assert_int_equal(n, STAT_FIELD_COUNT);
	assert_int_equal(atoi(pp_text), p->pid);
	assert_int_equal(comm_len, 2);
	assert_memory_equal(comm, "sh", 2);
	assert_string_equal(f[3], "R");
	assert_int_equal(atoi(f[4]), init->pid);
	assert_string_equal(f[5], "7");
	assert_string_equal(f[6], "3");
	assert_string_equal(f[7], "0");  /* tty_nr */
	assert_string_equal(f[8], "-1"); /* tpgid */
	assert_string_equal(f[18], "20");
	assert_string_equal(f[19], "0");
	assert_string_equal(f[20], "1");
	assert_string_equal(f[22], "250");
	assert_string_equal(f[23], "12288"); /* vsize in bytes */
	assert_string_equal(f[24], "1");     /* rss in pages */
	assert_string_equal(f[25], "18446744073709551615");
	char want[32];
	snprintf(want, sizeof(want), "%llu", (unsigned long long)(p->sig_queue.set & OLD_MASK_BITS));
	assert_string_equal(f[31], want);
	assert_string_equal(f[32], "512");
	assert_string_equal(f[33], "2");
	assert_string_equal(f[34], "2048");
	assert_string_equal(f[38], "17");
	assert_string_equal(f[52], "0");
	for (int i = 9; i <= 17; i++)
		assert_string_equal(f[i], "0");
	pp_free(p);
	pp_free(init);
}

/* FS-083: comm is cut to 15 bytes; a comm with spaces and ')' still leaves 52 fields after the last ')'. */
static void test_fs_083_stat_comm(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/a-very-long-program-name");
	pp_run(procfs_pid_stat, p);
	char f[PP_FIELDS_MAX][32];
	const char *comm;
	size_t comm_len;
	assert_int_equal(stat_split(pp_text, f, &comm, &comm_len), STAT_FIELD_COUNT);
	assert_int_equal(comm_len, 15);
	assert_memory_equal(comm, "a-very-long-pro", 15);
	strcpy(p->name, "x) y (z");
	pp_run(procfs_pid_stat, p);
	assert_int_equal(stat_split(pp_text, f, &comm, &comm_len), STAT_FIELD_COUNT);
	assert_int_equal(comm_len, 7);
	assert_string_equal(f[4], "0"); /* PID 1's ppid */
	pp_free(p);
}

/* FS-083: the host Linux's own stat line has as many fields as ours (the format is Linux's). */
static void test_fs_083_stat_field_count_matches_host_linux(void **state)
{
	(void)state;
	char host[1024];
	FILE *fp = fopen("/proc/self/stat", "r");
	if (!fp)
		skip();
	size_t got = fread(host, 1, sizeof(host) - 1, fp);
	fclose(fp);
	host[got] = '\0';
	char f[PP_FIELDS_MAX][32];
	const char *comm;
	size_t comm_len;
	assert_int_equal(stat_split(host, f, &comm, &comm_len), STAT_FIELD_COUNT);
}

/* FS-083: the scan busybox ps (libbb/procps.c, SMP top variant) makes of the text after the last ')'. */
static void test_fs_083_stat_parsed_as_busybox_ps_does(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/busybox");
	p->start_ns = 42 * TICKS_NS;
	pp_run(procfs_pid_stat, p);
	const char *cp = strrchr(pp_text, ')');
	assert_non_null(cp);
	char st;
	unsigned ppid, pgid, sid, tpgid;
	int tty, cpu = -1;
	unsigned long utime, stime, start, vsz, rss;
	long nice;
	int n = sscanf(cp + 2,
	               "%c %u %u %u %d %u %*s %*s %*s %*s %*s %lu %lu %*s %*s %*s %ld %*s %*s %lu %lu %lu "
	               "%*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %d",
	               &st, &ppid, &pgid, &sid, &tty, &tpgid, &utime, &stime, &nice, &start, &vsz, &rss, &cpu);
	assert_int_equal(n, 13);
	assert_int_equal(st, 'R');
	assert_int_equal(ppid, 0);
	assert_int_equal(pgid, (unsigned)p->pid);
	assert_int_equal(sid, (unsigned)p->pid);
	assert_int_equal(tty, 0);
	assert_int_equal(nice, 0);
	assert_int_equal(start, 42);
	assert_int_equal(vsz, 0);
	assert_int_equal(rss, 0);
	assert_int_equal(cpu, 0);
	pp_free(p);
}

/* FS-082: running or runnable R, waiting S, exited Z, in status and stat alike. */
static void test_fs_082_state(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/s");
	task_t task;
	memset(&task, 0, sizeof(task));
	char v[64];
	p->task = &task;
	task.state = TASK_RUNNABLE;
	pp_run(procfs_pid_status, p);
	assert_string_equal(pp_status_value(pp_text, "State", v, sizeof(v)), "R (running)");
	task.state = TASK_BLOCKED;
	pp_run(procfs_pid_status, p);
	assert_string_equal(pp_status_value(pp_text, "State", v, sizeof(v)), "S (sleeping)");
	pp_run(procfs_pid_stat, p);
	assert_non_null(strstr(pp_text, ") S "));
	p->task = NULL;
	p->state = PROC_ZOMBIE;
	p->exit_status = ZOMBIE_STATUS;
	pp_run(procfs_pid_status, p);
	assert_string_equal(pp_status_value(pp_text, "State", v, sizeof(v)), "Z (zombie)");
	pp_run(procfs_pid_stat, p);
	assert_non_null(strstr(pp_text, ") Z "));
	/* A zombie's exit_code is its wait status. */
	char f[PP_FIELDS_MAX][32];
	const char *comm;
	size_t comm_len;
	assert_int_equal(stat_split(pp_text, f, &comm, &comm_len), STAT_FIELD_COUNT);
	assert_int_equal(atoi(f[52]), ZOMBIE_STATUS);
	p->state = PROC_ALIVE;
	pp_free(p);
}

/* FS-084: each argument with its NUL, empty ones too; none before any execve. */
static void test_fs_084_cmdline_list(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/echo");
	assert_int_equal(pp_run(procfs_pid_cmdline, p), 0);
	const char *argv[] = { "/bin/echo", "", "hello world" };
	pp_args(p, argv, 3);
	size_t n = pp_run(procfs_pid_cmdline, p);
	assert_int_equal(n, sizeof("/bin/echo\0\0hello world"));
	assert_memory_equal(pp_text, "/bin/echo\0\0hello world", n);
	pp_free(p);
}

/* FS-084: fork shares the list; a later execve in the parent leaves the child's alone; a zombie's is empty. */
static void test_fs_084_cmdline_fork_exec_zombie(void **state)
{
	(void)state;
	setup();
	process_t *parent = pp_process(NULL, "/bin/sh");
	const char *sh[] = { "sh", "-c", "x" };
	pp_args(parent, sh, 3);
	process_t *child = pp_process(parent, "/bin/sh");
	proc_cmdline_share(child, parent);
	const char *ls[] = { "ls", "-l" };
	pp_args(parent, ls, 2);
	size_t n = pp_run(procfs_pid_cmdline, child);
	assert_int_equal(n, sizeof("sh\0-c\0x"));
	assert_memory_equal(pp_text, "sh\0-c\0x", n);
	n = pp_run(procfs_pid_cmdline, parent);
	assert_int_equal(n, sizeof("ls\0-l"));
	assert_memory_equal(pp_text, "ls\0-l", n);
	child->state = PROC_ZOMBIE;
	assert_int_equal(pp_run(procfs_pid_cmdline, child), 0);
	assert_int_equal(procfs_pid_cmdline(NULL, pp_text, sizeof(pp_text)), 0);
	child->state = PROC_ALIVE;
	pp_free(child);
	pp_free(parent);
}

/* FS-084: the list is cut at PROC_CMDLINE_MAX bytes. */
static void test_fs_084_cmdline_cut(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/big");
	static char a[BIG_ARG + 1], b[BIG_ARG + 1];
	memset(a, 'a', BIG_ARG);
	memset(b, 'b', BIG_ARG);
	const char *argv[] = { a, b, "c" };
	pp_args(p, argv, 3);
	size_t n = pp_run(procfs_pid_cmdline, p);
	assert_int_equal(n, PROC_CMDLINE_MAX);
	assert_int_equal(pp_text[BIG_ARG], '\0');
	assert_int_equal(pp_text[BIG_ARG + 1], 'b');
	assert_int_equal(pp_text[PROC_CMDLINE_MAX - 1], 'b');
	pp_free(p);
}

/* FS-080: for every generator and every buffer size, the length is the whole text's, the cut a terminated prefix. */
static void test_fs_080_generators_cut_at_small_buffers(void **state)
{
	(void)state;
	setup();
	process_t *p = pp_process(NULL, "/bin/cut");
	p->uvm = uvm_new();
	uvm_map_anon(p->uvm, 0x400000, PG, RW);
	assert_int_equal(uvm_stack_setup(p->uvm, STACK_TOP, 4 * PG, 16 * PG), 0);
	const char *argv[] = { "cut", "-d", ":" };
	pp_args(p, argv, 3);
	size_t count;
	const procfs_pid_file_t *files = procfs_pid_files(&count);
	assert_int_equal(count, 4);
	static char full[PP_TEXT_MAX], small[PP_TEXT_MAX];
	for (size_t i = 0; i < count; i++) {
		size_t len = files[i].generate(p, full, sizeof(full));
		assert_true(len > 0);
		for (size_t cap = 0; cap <= len + 1; cap++) {
			memset(small, CANARY, sizeof(small));
			assert_int_equal(files[i].generate(p, small, cap), len);
			size_t kept = cap ? (cap - 1 < len ? cap - 1 : len) : 0;
			if (cap) {
				assert_memory_equal(small, full, kept);
				assert_int_equal(small[kept], '\0');
			}
			assert_int_equal((unsigned char)small[cap], CANARY); /* nothing past the buffer */
		}
		/* A missing process: the empty text. */
		memset(small, CANARY, 2);
		assert_int_equal(files[i].generate(NULL, small, 2), 0);
		assert_int_equal(small[0], '\0');
	}
	pp_free(p);
}

/* FS-087: the process itself, the same user and group in all three IDs, else no (set-ID targets included). */
static void test_fs_087_read_rule(void **state)
{
	(void)state;
	setup();
	process_t *a = pp_process(NULL, "/bin/a");
	process_t *b = pp_process(a, "/bin/b");
	a->cred = (cred_t){ UID_R, UID_R, UID_R, GID_R, GID_R, GID_R, 0, { 0 } };
	b->cred = a->cred;
	assert_true(procfs_pid_may_read(a, a));
	assert_true(procfs_pid_may_read(a, b));
	assert_true(procfs_pid_may_read(b, a));
	b->cred.euid = 0; /* b runs a set-user-ID program on a's behalf */
	assert_false(procfs_pid_may_read(a, b));
	assert_true(procfs_pid_may_read(b, b));
	b->cred = a->cred;
	b->cred.sgid = GID_S; /* a set-group-ID program kept its saved group */
	assert_false(procfs_pid_may_read(a, b));
	b->cred = a->cred;
	b->cred.ruid = UID_E;
	assert_false(procfs_pid_may_read(a, b));
	/* uid 0 is not special: only the PROC_READ capability would be, and no one holds it yet. */
	a->cred = (cred_t){ 0, 0, 0, 0, 0, 0, 0, { 0 } };
	assert_false(procfs_pid_may_read(a, b));
	assert_false(procfs_pid_cap_read(a));
	assert_false(procfs_pid_may_read(NULL, b));
	assert_false(procfs_pid_may_read(a, NULL));
	/* maps is guarded, the other three are not. */
	size_t count;
	const procfs_pid_file_t *files = procfs_pid_files(&count);
	for (size_t i = 0; i < count; i++)
		assert_int_equal(files[i].guarded, strcmp(files[i].name, "maps") == 0);
	pp_free(b);
	pp_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fs_081_status_fields_and_values),
		cmocka_unit_test(test_fs_081_status_memory_where_kept),
		cmocka_unit_test(test_fs_081_status_name_escaped),
		cmocka_unit_test(test_fs_083_stat_fields),
		cmocka_unit_test(test_fs_083_stat_comm),
		cmocka_unit_test(test_fs_083_stat_field_count_matches_host_linux),
		cmocka_unit_test(test_fs_083_stat_parsed_as_busybox_ps_does),
		cmocka_unit_test(test_fs_082_state),
		cmocka_unit_test(test_fs_084_cmdline_list),
		cmocka_unit_test(test_fs_084_cmdline_fork_exec_zombie),
		cmocka_unit_test(test_fs_084_cmdline_cut),
		cmocka_unit_test(test_fs_080_generators_cut_at_small_buffers),
		cmocka_unit_test(test_fs_087_read_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
