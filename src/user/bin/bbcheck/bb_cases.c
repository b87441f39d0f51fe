/*
 * The command lines bbcheck runs, with the output and status Linux gives for
 * the same busybox binary (spec/processes.md PROC-130..PROC-136).
 */
#include "bbcheck.h"

#define BB_SH(script) { "busybox", "sh", "-c", script, NULL }

static const bb_case_t bb_table[] = {
	{ "PROC-130", "busybox echo prints its arguments", { "busybox", "echo", "hello", "world", NULL },
	  "hello world\n", 0 },
	{ "PROC-130", "busybox true exits 0", { "busybox", "true", NULL }, "", 0 },
	{ "PROC-130", "busybox false exits 1", { "busybox", "false", NULL }, "", 1 },
	{ "PROC-131", "sh -c: a pipe between two processes", BB_SH("echo one two three | busybox wc -w"), "3\n", 0 },
	{ "PROC-131", "sh -c: a three-stage pipeline of exec'd applets",
	  BB_SH("busybox seq 5 | busybox sort -r | busybox head -n 2"), "5\n4\n", 0 },
	{ "PROC-132", "sh -c: output redirected to /dev/null and stderr to stdout",
	  BB_SH("echo hidden > /dev/null; echo err 1>&2"), "err\n", 0 },
	{ "PROC-132", "sh -c: input redirected from a file", BB_SH("busybox wc -c < /etc/initrd-release"), "30\n", 0 },
	{ "PROC-133", "sh -c: a for loop", BB_SH("for i in 1 2 3; do echo n$i; done"), "n1\nn2\nn3\n", 0 },
	{ "PROC-133", "sh -c: a while loop with arithmetic", BB_SH("i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i"),
	  "5\n", 0 },
	{ "PROC-134", "sh -c: exit status of a child and of the shell", BB_SH("busybox false; echo $?"), "1\n", 0 },
	{ "PROC-134", "sh -c: exit 7 reaches the parent", BB_SH("exit 7"), "", 7 },
	{ "PROC-134", "sh -c: command substitution", BB_SH("echo $(busybox echo inner)"), "inner\n", 0 },
	{ "PROC-134", "xargs forks and execs the command", BB_SH("echo a b | busybox xargs busybox echo x"), "x a b\n", 0 },
	{ "PROC-135", "cd and pwd", BB_SH("cd /dev && pwd"), "/dev\n", 0 },
	{ "PROC-135", "readlink /proc/self/exe names the program", { "busybox", "readlink", "/proc/self/exe", NULL },
	  "/bin/busybox\n", 0 },
	{ "PROC-135", "ls lists /dev", { "busybox", "ls", "/dev", NULL }, "console\nkbd\nmouse\nnull\nptmx\npts\nrandom\ntty\nurandom\nzero\n",
	  0 },
	{ "PROC-135", "head reads /proc/version", { "busybox", "head", "-c", "14", "/proc/version", NULL },
	  "Aegis version ", 0 },
	{ "PROC-135", "grep finds MemTotal in /proc/meminfo", { "busybox", "grep", "-c", "MemTotal", "/proc/meminfo", NULL },
	  "1\n", 0 },
	{ "FS-121", "mkdir -p, a redirected write and cat in /tmp",
	  BB_SH("busybox mkdir -p /tmp/bb/a/b && echo hi > /tmp/bb/a/b/f && busybox cat /tmp/bb/a/b/f && busybox rm -r /tmp/bb"),
	  "hi\n", 0 },
	{ "FS-121", "touch, cp, mv, ln -s, readlink and ls in /tmp",
	  BB_SH("cd /tmp && busybox mkdir w && cd w && busybox touch t && busybox cp /etc/initrd-release c && "
		"busybox mv c d && busybox ln -s d l && busybox readlink l && busybox wc -c < l && busybox ls && "
		"cd / && busybox rm -r /tmp/w"),
	  "d\n30\nd\nl\nt\n", 0 },
	{ "FS-121", "appending with >> and truncating with >", BB_SH("echo a > /tmp/ap; echo b >> /tmp/ap; busybox cat /tmp/ap; "
								     "echo c > /tmp/ap; busybox cat /tmp/ap; busybox rm /tmp/ap"),
	  "a\nb\nc\n", 0 },
	{ "FS-121", "dd writes 100 KiB of zeros into /tmp",
	  BB_SH("busybox dd if=/dev/zero of=/tmp/z bs=1024 count=100 2>/dev/null; busybox wc -c < /tmp/z; busybox rm /tmp/z"),
	  "102400\n", 0 },
	{ "FS-121", "stat shows /tmp's sticky mode", { "busybox", "stat", "-c", "%a %F", "/tmp", NULL }, "1777 directory\n", 0 },
	{ "FS-121", "rm of a missing file: the applet's error", { "busybox", "rm", "/tmp/no-such-file", NULL },
	  "rm: can't remove '/tmp/no-such-file': No such file or directory\n", 1 },
	{ "PROC-136", "a missing file: the applet's error and status 1", { "busybox", "cat", "/no/such/file", NULL },
	  "cat: can't open '/no/such/file': No such file or directory\n", 1 },
};

const bb_case_t *bb_cases(size_t *count)
{
	*count = sizeof(bb_table) / sizeof(bb_table[0]);
	return bb_table;
}
