/*
 * /proc/<pid>/maps (spec/filesystems.md FS-085): one line per region of the
 * address space in Linux's format; empty where the kernel keeps no address
 * space (the sim runs programs as host processes) and for a zombie.
 */
#include "fs/procfs_pid.h"

#include "fs/procfs_text.h"
#include "mm/uvm.h"

#define PROCFS_MAPS_LINE_MAX 128u /* one line: two addresses, perms, offset, device, inode, a name */
#define PROCFS_MAPS_NAME_COLUMN 73u /* Linux pads to 25 + 6 * sizeof(void *) - 1, then a space */

static const char *procfs_maps_name(uvm_kind_t kind)
{
	if (kind == UVM_KIND_HEAP)
		return "[heap]";
	if (kind == UVM_KIND_STACK)
		return "[stack]";
	return NULL;
}

/* One region's line into line (PROCFS_MAPS_LINE_MAX bytes): its length. */
static size_t procfs_maps_line(const uvm_vma_info_t *v, char *line)
{
	procfs_text_t t;
	procfs_text_init(&t, line, PROCFS_MAPS_LINE_MAX);
	uint64_t offset = v->kind == UVM_KIND_FILE ? v->offset : 0;
	procfs_text_printf(&t, "%08lx-%08lx %c%c%cp %08lx 00:00 0 ", (unsigned long)v->start, (unsigned long)v->end,
	                   (v->prot & UVM_PROT_READ) ? 'r' : '-', (v->prot & UVM_PROT_WRITE) ? 'w' : '-',
	                   (v->prot & UVM_PROT_EXEC) ? 'x' : '-', (unsigned long)offset);
	const char *name = procfs_maps_name(v->kind);
	if (name) {
		procfs_text_pad(&t, 0, PROCFS_MAPS_NAME_COLUMN);
		procfs_text_printf(&t, "%s", name);
	}
	procfs_text_printf(&t, "\n");
	return t.len;
}

size_t procfs_pid_maps(const process_t *p, char *buf, size_t cap)
{
	procfs_text_t t;
	procfs_text_init(&t, buf, cap);
	if (!p || p->state == PROC_ZOMBIE || !p->uvm)
		return 0;
	char line[PROCFS_MAPS_LINE_MAX];
	uvm_vma_info_t v;
	for (uint64_t at = 0; uvm_vma_query(p->uvm, at, &v) == 0; at = v.end) {
		size_t n = procfs_maps_line(&v, line);
		if (t.len + n >= PROCFS_PID_TEXT_MAX)
			break; /* only whole lines, and the text and its NUL fit the bound */
		procfs_text_bytes(&t, line, n);
	}
	return t.len;
}
