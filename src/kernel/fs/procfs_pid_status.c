/*
 * /proc/<pid>/status (spec/filesystems.md FS-081, FS-082): Linux's field
 * names in Linux's order, for the fields Aegis keeps.
 */
#include "fs/procfs_pid.h"

#include "fs/procfs_text.h"
#include "mm/uvm.h"

#define PROCFS_KIB_SHIFT 10u
#define PROCFS_UMASK_DIGITS 4u
#define PROCFS_THREADS 1u

/* The name as Linux escapes it: a newline, tab or backslash cannot forge another field. */
static void procfs_status_name(procfs_text_t *t, const char *name)
{
	static const char plain[] = "\n\t\v\f\r\\";
	static const char *const escaped[] = { "\\n", "\\t", "\\v", "\\f", "\\r", "\\\\" };
	for (size_t i = 0; i < PROC_NAME_MAX && name[i]; i++) {
		size_t k = 0;
		while (plain[k] && plain[k] != name[i])
			k++;
		if (plain[k])
			procfs_text_printf(t, "%s", escaped[k]);
		else
			procfs_text_bytes(t, &name[i], 1);
	}
}

static void procfs_status_ids(procfs_text_t *t, const char *field, cred_id_t r, cred_id_t e, cred_id_t s)
{
	/* The file-system ID is the effective one: Aegis has no setfsuid. */
	procfs_text_printf(t, "%s:\t%u\t%u\t%u\t%u\n", field, (unsigned)r, (unsigned)e, (unsigned)s, (unsigned)e);
}

size_t procfs_pid_status(const process_t *p, char *buf, size_t cap)
{
	procfs_text_t t;
	procfs_text_init(&t, buf, cap);
	if (!p)
		return 0;
	const char *state_name;
	char state = procfs_pid_state(p, &state_name);
	procfs_text_printf(&t, "Name:\t");
	procfs_status_name(&t, p->name);
	procfs_text_printf(&t, "\nUmask:\t");
	procfs_text_octal(&t, p->umask, PROCFS_UMASK_DIGITS);
	procfs_text_printf(&t, "\nState:\t%c (%s)\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", state, state_name,
	                   p->pid, p->pid, p->parent ? p->parent->pid : 0);
	const cred_t *c = &p->cred;
	procfs_status_ids(&t, "Uid", c->ruid, c->euid, c->suid);
	procfs_status_ids(&t, "Gid", c->rgid, c->egid, c->sgid);
	procfs_text_printf(&t, "FDSize:\t%u\nGroups:\t", FDTABLE_MAX);
	for (uint32_t i = 0; i < c->ngroups && i < CRED_NGROUPS_MAX; i++)
		procfs_text_printf(&t, i ? " %u" : "%u", (unsigned)c->groups[i]);
	procfs_text_printf(&t, " \n");
	uint64_t vsize, rss_pages;
	if (procfs_pid_memory(p, &vsize, &rss_pages))
		procfs_text_printf(&t, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n", (unsigned long)(vsize >> PROCFS_KIB_SHIFT),
		                   (unsigned long)(rss_pages * UVM_PAGE_SIZE >> PROCFS_KIB_SHIFT));
	aegis_sigset_t ignored, caught;
	procfs_pid_sig_actions(p, &ignored, &caught);
	procfs_text_printf(&t, "Threads:\t%u\nSigPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
	                   PROCFS_THREADS, (unsigned long)p->sig_queue.set, (unsigned long)p->sig_blocked,
	                   (unsigned long)ignored, (unsigned long)caught);
	return t.len;
}
