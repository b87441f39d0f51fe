/*
 * execve: replace the calling process's program.
 *
 * Everything that can fail for a reason the caller should see (bad
 * pointers, too many or too long arguments, no such program, no permission,
 * a malformed ELF image) fails before the old program is touched, so the
 * caller gets an error and keeps running.  Then the point of no return:
 * where the platform pages user memory the new address space, already built
 * and filled, replaces the old one; in the sim the platform starts the host
 * image (if that fails the process is gone and is reported killed).  After
 * that: close-on-exec descriptors close, caught signals reset, set-ID bits
 * apply, and the capability set is recomputed from the policy for the
 * program's real path (PID 1's first program: from init's, CAP-062).
 */
#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/image_note.h>
#include <aegis/signal.h>
#include <aegis/sim_channel.h>

#include "cap/cap_policy_load.h"
#include "cap/cap_proc_first.h"
#include "core/kstring.h"
#include "core/log.h"
#include "core/rng.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "mm/uvm.h"
#include "mm/vmm.h"
#include "proc/elf.h"
#include "proc/elf_note.h"
#include "proc/exec_stack.h"
#include "proc/proc_cmdline.h"
#include "proc/proc_internal.h"
#include "proc/program.h"
#include "proc/usercopy.h"
#include "proc/wait_status.h"
#include "syscall/handlers.h"

#define EXEC_PATH_MAX 4096u
/* exec_run's answer when the host program vanished after the point of no return (sim). */
#define EXEC_PROCESS_GONE 1
/* The user stack: top of the lower half minus a guard gap, up to RL_STACK below it. */
#define EXEC_STACK_TOP 0x00007FFFFFFFE000ull
#define EXEC_STACK_INITIAL (128u * 1024u)
#define EXEC_STACK_DEFAULT_MAX (8ull << 20)
/* ELF header fields checked for host images (the ELF64 layout). */
#define ELF_MAGIC_LEN 4u
#define ELF_CLASS_OFFSET 4u
#define ELF_DATA_OFFSET 5u
#define ELF_IDENT_VERSION 6u
#define ELF_CLASS_64 2u
#define ELF_DATA_LE 1u
#define ELF_TYPE_OFFSET 16u
#define ELF_MACHINE_OFFSET 18u
#define ELF_PHOFF_OFFSET 32u
#define ELF_PHENTSIZE_OFFSET 54u
#define ELF_PHNUM_OFFSET 56u
#define ELF_TYPE_EXEC 2u
#define ELF_TYPE_DYN 3u
#define ELF_MACHINE_X86_64 62u

typedef struct {
	char *blob;            /* all strings, NUL-terminated, back to back */
	size_t used;
	exec_string_t *strs;   /* argc + envc */
	char **ptrs;           /* argv..., NULL, envp..., NULL: for the host platform */
	size_t argc, envc;
} exec_args_t;

static void exec_args_free(exec_args_t *a)
{
	kfree(a->blob);
	kfree(a->strs);
	kfree(a->ptrs);
}

/* Count the pointers of a NULL-terminated user array (NULL array: 0). */
static int64_t exec_count(process_t *p, uint64_t array)
{
	if (!array)
		return 0;
	for (size_t n = 0; n <= EXEC_STRINGS_MAX; n++) {
		uint64_t ptr;
		if (copy_from_user(p, &ptr, array + n * sizeof(ptr), sizeof(ptr)) != 0)
			return -EFAULT;
		if (!ptr)
			return (int64_t)n;
	}
	return -E2BIG;
}

static int exec_copy_list(process_t *p, exec_args_t *a, uint64_t array, size_t count, size_t first)
{
	for (size_t i = 0; i < count; i++) {
		uint64_t ptr;
		if (copy_from_user(p, &ptr, array + i * sizeof(ptr), sizeof(ptr)) != 0)
			return -EFAULT;
		int64_t len = copy_string_from_user(p, a->blob + a->used, EXEC_STACK_MAX - a->used, ptr);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return (int)len;
		a->strs[first + i] = (exec_string_t){ a->blob + a->used, (size_t)len };
		a->used += (size_t)len + 1;
	}
	return 0;
}

static int exec_copy_args(process_t *p, uint64_t argv, uint64_t envp, exec_args_t *a)
{
	kmemset(a, 0, sizeof(*a));
	int64_t argc = exec_count(p, argv);
	int64_t envc = exec_count(p, envp);
	if (argc < 0)
		return (int)argc;
	if (envc < 0)
		return (int)envc;
	if ((size_t)(argc + envc) > EXEC_STRINGS_MAX)
		return -E2BIG;
	a->argc = (size_t)argc;
	a->envc = (size_t)envc;
	a->blob = kmalloc(EXEC_STACK_MAX);
	a->strs = kcalloc(a->argc + a->envc + 1, sizeof(exec_string_t));
	a->ptrs = kcalloc(a->argc + a->envc + 2, sizeof(char *));
	if (!a->blob || !a->strs || !a->ptrs)
		return -ENOMEM;
	int r = exec_copy_list(p, a, argv, a->argc, 0);
	if (r == 0)
		r = exec_copy_list(p, a, envp, a->envc, a->argc);
	if (r != 0)
		return r;
	for (size_t i = 0; i < a->argc; i++)
		a->ptrs[i] = (char *)a->strs[i].data;
	for (size_t i = 0; i < a->envc; i++)
		a->ptrs[a->argc + 1 + i] = (char *)a->strs[a->argc + i].data;
	return 0;
}

/*
 * Where programs are host images (sim) the kernel checks the ELF header
 * itself, so that every image it hands to the host would at least be read
 * as an x86_64 executable: magic, 64-bit, little-endian, version 1, an
 * executable or PIE type, 56-byte program headers that lie inside the file.
 */
static bool exec_is_host_image(const program_t *prog)
{
	static const uint8_t magic[ELF_MAGIC_LEN] = { 0x7f, 'E', 'L', 'F' };
	const uint8_t *b = prog->image;
	if (prog->size < ELF_EHDR_SIZE || kmemcmp(b, magic, ELF_MAGIC_LEN) != 0)
		return false;
	if (b[ELF_CLASS_OFFSET] != ELF_CLASS_64 || b[ELF_DATA_OFFSET] != ELF_DATA_LE || b[ELF_IDENT_VERSION] != 1)
		return false;
	uint64_t type = elf_load_le(b + ELF_TYPE_OFFSET, 2);
	uint64_t machine = elf_load_le(b + ELF_MACHINE_OFFSET, 2);
	uint64_t phoff = elf_load_le(b + ELF_PHOFF_OFFSET, 8);
	uint64_t phentsize = elf_load_le(b + ELF_PHENTSIZE_OFFSET, 2);
	uint64_t phnum = elf_load_le(b + ELF_PHNUM_OFFSET, 2);
	if ((type != ELF_TYPE_EXEC && type != ELF_TYPE_DYN) || machine != ELF_MACHINE_X86_64)
		return false;
	if (phentsize != ELF_PHDR_SIZE || phnum == 0 || phnum > ELF_MAX_PHNUM)
		return false;
	return phoff <= prog->size && phnum * ELF_PHDR_SIZE <= prog->size - phoff;
}

/* A host image made for the sim: its glue's note names the channel version the simulator speaks (ELF-091). */
static bool exec_is_sim_program(const program_t *prog)
{
	const uint8_t *desc;
	uint32_t len;
	if (elf_note_find(prog->image, prog->size, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &len) != 0 ||
	    len != sizeof(uint32_t))
		return false;
	return elf_load_le(desc, sizeof(uint32_t)) == SIM_CHANNEL_VERSION;
}

static unsigned exec_prot(uint32_t elf_prot)
{
	unsigned prot = 0;
	if (elf_prot & ELF_PROT_READ)
		prot |= UVM_PROT_READ;
	if (elf_prot & ELF_PROT_WRITE)
		prot |= UVM_PROT_WRITE;
	if (elf_prot & ELF_PROT_EXEC)
		prot |= UVM_PROT_EXEC;
	return prot;
}

/* Build and fill the new address space; nothing of the caller's changes. */
static int exec_build_space(process_t *p, const program_t *prog, const elf_plan_t *plan, const exec_args_t *a,
                            const char *path, const cred_t *cred, uvm_t **out, uint64_t *rsp)
{
	uvm_t *uvm;
	int r = uvm_create(&uvm);
	if (r != 0)
		return r;
	for (uint32_t i = 0; i < plan->segment_count && r == 0; i++) {
		const elf_segment_t *s = &plan->segments[i];
		uint64_t at;
		r = uvm_map(uvm, s->map_start, s->map_end - s->map_start, exec_prot(s->prot),
		            UVM_MAP_PRIVATE | UVM_MAP_ANONYMOUS | UVM_MAP_FIXED, NULL, 0, &at);
		if (r == 0 && s->copy_size)
			r = uvm_write(uvm, s->copy_vaddr, prog->image + s->copy_offset, (size_t)s->copy_size, true);
	}
	if (r == 0)
		r = uvm_set_brk_base(uvm, plan->brk_start);
	rlimit_t stack_limit;
	uint64_t stack_max = EXEC_STACK_DEFAULT_MAX;
	if (rlimit_get(&p->rlimits, RL_STACK, &stack_limit) == 0 && stack_limit.cur < stack_max)
		stack_max = stack_limit.cur < EXEC_STACK_INITIAL ? EXEC_STACK_INITIAL : stack_limit.cur;
	if (r == 0)
		r = uvm_stack_setup(uvm, EXEC_STACK_TOP, EXEC_STACK_INITIAL, stack_max);
	exec_stack_args_t sa;
	kmemset(&sa, 0, sizeof(sa));
	sa.argv = a->strs;
	sa.argc = a->argc;
	sa.envp = a->strs + a->argc;
	sa.envc = a->envc;
	sa.execfn = (exec_string_t){ path, kstrlen(path) };
	rng_bytes(sa.random, sizeof(sa.random));
	exec_stack_use_plan(&sa, plan);
	sa.uid = cred->ruid;
	sa.euid = cred->euid;
	sa.gid = cred->rgid;
	sa.egid = cred->egid;
	sa.secure = cred->euid != cred->ruid || cred->egid != cred->rgid;
	size_t size = 0;
	if (r == 0)
		r = exec_stack_size(&sa, EXEC_STACK_INITIAL, &size);
	if (r == 0) {
		uint8_t *buf = kmalloc(size);
		exec_stack_image_t img;
		r = buf ? exec_stack_build(&sa, EXEC_STACK_TOP, EXEC_STACK_INITIAL, buf, size, &img) : -ENOMEM;
		if (r == 0)
			r = uvm_write(uvm, img.rsp, buf, img.size, true);
		if (r == 0)
			*rsp = img.rsp;
		kfree(buf);
	}
	if (r != 0) {
		uvm_destroy(uvm);
		return r;
	}
	*out = uvm;
	(void)prog;
	return 0;
}

/*
 * Set-ID bits, close-on-exec, signal reset, capabilities, the argument list: the new program's identity.
 * PID 1's first program (first) starts from init's capabilities, not from an old table (CAP-062).
 */
static void exec_commit_identity(process_t *p, const program_t *prog, const cred_t *cred, const exec_args_t *a,
                                 bool first)
{
	p->cred = *cred;
	fdtable_exec(&p->fds);
	signal_actions_exec(&p->sig_actions);
	signal_altstack_init(&p->sig_altstack);
	const cap_policy_t *policy = cap_policy_match(cap_policy_boot_db(), prog->path, prog->uid, prog->mode);
	if (first)
		(void)cap_proc_exec_first(&p->caps, policy);
	else
		(void)cap_proc_exec(&p->caps, policy);
	proc_set_name(p, prog->path);
	(void)proc_cmdline_set(p, a->strs, a->argc); /* on -ENOMEM the list is empty (FS-084) */
}

/*
 * Everything after the arguments are in the kernel: 0 (the new program is in
 * place), -errno, or EXEC_PROCESS_GONE (the caller frees its buffers and ends
 * the process).
 */
static int exec_run(process_t *p, const char *path, exec_args_t *a, bool first)
{
	program_t prog;
	kmemset(&prog, 0, sizeof(prog));
	/* The namespace resolves the name (relative paths, symlinks, /proc/self/exe); the loader reads the file. */
	dentry_t *start = vfs_cwd(p), *found = NULL;
	int r = start ? vfs_resolve(p, start, path, 0, &found) : -ENOENT;
	dentry_put(start);
	if (r == 0 && !vnode_is_regular(found->node))
		r = -EACCES;
	if (r == 0) {
		char *canon = kmalloc(sizeof(prog.path));
		long len = canon ? dentry_path(found, canon, sizeof(prog.path)) : -ENOMEM;
		r = len < 0 ? (int)len : program_load_node(found->node, canon, &prog);
		kfree(canon);
	}
	dentry_put(found);
	if (r == 0 && cred_dac_check(&p->cred, prog.uid, prog.gid, prog.mode, CRED_ACCESS_X, false) != 0)
		r = -EACCES;
	cred_t cred = p->cred;
	if (r == 0)
		r = cred_exec(&cred, prog.uid, prog.gid, prog.mode, false);
	if (r == 0 && platform_layout()->user_paged) {
		elf_plan_t plan;
		char reason[ELF_REASON_MAX];
		uvm_t *uvm = NULL;
		uint64_t rsp = 0;
		r = elf_plan(prog.image, prog.size, &plan, reason, sizeof(reason));
		if (r == -ENOEXEC)
			printk("[EXEC] WARN: %s: %s\n", path, reason);
		if (r == 0)
			r = exec_build_space(p, &prog, &plan, a, path, &cred, &uvm, &rsp);
		if (r == 0) {
			/* Point of no return. */
			uvm_t *old = p->uvm;
			p->uvm = uvm;
			p->task->space_root = uvm_root(uvm);
			vmm_activate(uvm_root(uvm));
			if (old)
				uvm_destroy(old);
			platform_user_start(p->user, plan.entry, rsp);
			exec_commit_identity(p, &prog, &cred, a, first);
		}
	} else if (r == 0) {
		if (!exec_is_host_image(&prog)) {
			printk("[EXEC] WARN: %s: not an x86_64 ELF64 image\n", path);
			r = -ENOEXEC;
		} else if (!exec_is_sim_program(&prog)) {
			printk("[EXEC] WARN: %s: not a program built for the simulator (no Aegis note for channel version %u)\n",
			       path, (unsigned)SIM_CHANNEL_VERSION);
			r = -ENOEXEC;
		} else {
			r = platform_user_exec_image(p->user, prog.image, prog.size, a->ptrs, a->ptrs + a->argc + 1);
			if (r == 0) {
				exec_commit_identity(p, &prog, &cred, a, first);
			} else if (r == -ENOEXEC && p->pid != PROC_INIT_PID) {
				printk("[EXEC] WARN: %s: the host image did not start; pid %d is gone\n", path, p->pid);
				r = EXEC_PROCESS_GONE; /* the caller frees what it holds, then ends the process */
			}
		}
	}
	program_release(&prog);
	return r;
}

SYSCALL_HANDLER(execve)
{
	char *path = kmalloc(EXEC_PATH_MAX);
	if (!path)
		return -ENOMEM;
	int64_t plen = copy_string_from_user(p, path, EXEC_PATH_MAX, args->a[0]);
	exec_args_t a;
	kmemset(&a, 0, sizeof(a));
	int r = plen < 0 ? (int)plen : (plen == 0 ? -ENOENT : 0);
	if (r == 0)
		r = exec_copy_args(p, args->a[1], args->a[2], &a);
	if (r == 0)
		r = exec_run(p, path, &a, false);
	exec_args_free(&a);
	kfree(path);
	if (r == EXEC_PROCESS_GONE)
		proc_exit_current(wait_status_killed(SIGKILL, false));
	return r;
}

/* The environment PID 1 starts with. */
static const char *const EXEC_INIT_ENV[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin" };

int proc_exec_initial(process_t *p, const char *path)
{
	exec_args_t a;
	kmemset(&a, 0, sizeof(a));
	size_t envc = sizeof(EXEC_INIT_ENV) / sizeof(EXEC_INIT_ENV[0]);
	a.argc = 1;
	a.envc = envc;
	a.strs = kcalloc(a.argc + a.envc, sizeof(exec_string_t));
	a.ptrs = kcalloc(a.argc + a.envc + 2, sizeof(char *));
	int r = (a.strs && a.ptrs) ? 0 : -ENOMEM;
	if (r == 0) {
		a.strs[0] = (exec_string_t){ path, kstrlen(path) };
		a.ptrs[0] = (char *)path;
		for (size_t i = 0; i < envc; i++) {
			a.strs[1 + i] = (exec_string_t){ EXEC_INIT_ENV[i], kstrlen(EXEC_INIT_ENV[i]) };
			a.ptrs[2 + i] = (char *)EXEC_INIT_ENV[i];
		}
		r = exec_run(p, path, &a, true);
	}
	exec_args_free(&a);
	if (r == EXEC_PROCESS_GONE)
		proc_exit_current(wait_status_killed(SIGKILL, false));
	return r;
}
