/*
 * procbench's entry (see procbench.h): the exec target mode, which build
 * this is, the iteration counts for it, and the four operations in order.
 *
 * The counts for QEMU were picked by measuring under TCG (no KVM) so that
 * the whole run stays a few seconds; the sim's are small, since its clock stands still
 * while programs run and every call there is a round trip to aegis-sim.
 */
#include <string.h>

#include <aegis/errno.h>

#include "glue/glue.h"
#include "procbench.h"
#include "uio/uio.h"

#define PB_USAGE_CODE 2
#define PB_NS_PER_MS 1000000u

/* Under TCG these take about 0.25, 0.2, 0.7 and 1 s (warm-ups add a tenth): 2.5 s in all. */
static const pb_counts_t qemu_counts = { .getpid = 200000, .fork = 500, .exec = 200, .pipe = 5000 };
static const pb_counts_t sim_counts = { .getpid = 2000, .fork = 20, .exec = 10, .pipe = 200 };

typedef struct pb_op {
	const char *name;
	pb_op_fn run;
	unsigned count;
} pb_op_t;

/* The sim's programs are host processes: the kernel does not page their memory and brk says so. */
static bool pb_is_sim(void)
{
	return sys_brk(NULL) == -ENOSYS;
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1) {
		if (strcmp(argv[1], PB_EXIT_ARG) == 0)
			sys_exit(0);
		uio_printf(2, "usage: procbench [%s]\n", PB_EXIT_ARG);
		sys_exit(PB_USAGE_CODE);
	}
	bool sim = pb_is_sim();
	const pb_counts_t *c = sim ? &sim_counts : &qemu_counts;
	pb_env_t env = { .self = argc > 0 && argv[0][0] == '/' ? argv[0] : "/bin/procbench", .envp = envp };
	pb_op_t ops[] = {
		{ "getpid", pb_op_getpid, c->getpid },
		{ "fork_exit_wait", pb_op_fork_exit_wait, c->fork },
		{ "fork_execve_wait", pb_op_fork_execve_wait, c->exec },
		{ "pipe_pingpong", pb_op_pipe_pingpong, c->pipe },
	};
	uio_printf(1, "procbench: build %s, clock %s, exec %s %s\n", sim ? "sim" : "qemu",
		   sim ? "virtual" : "monotonic", env.self, PB_EXIT_ARG);
	uint64_t start = pb_now_ns();
	bool ok = true;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		uint64_t elapsed = 0;
		if (ops[i].run(ops[i].name, ops[i].count, &env, &elapsed))
			pb_report(ops[i].name, ops[i].count, elapsed);
		else
			ok = false;
	}
	uio_printf(1, "procbench: done in %llu ms\n", (unsigned long long)((pb_now_ns() - start) / PB_NS_PER_MS));
	sys_exit(ok ? 0 : 1);
}
