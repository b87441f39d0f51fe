/*
 * ELF64 executable validation and load planning (spec/elf-loader.md).
 *
 * Design: the image is untrusted, so nothing is ever cast to a structure.
 * Each field is read with an explicit little-endian load from a bounds-checked
 * offset into small host structs (elf_header_t, elf_phdr_t), and every sum of
 * two fields goes through elf_add() so overflow is a rejection, not a wrap.
 *
 * Validation runs in fixed stages, and the first failure wins, which keeps
 * the reason deterministic for one image:
 *   1. the ELF header (identity, type, machine, sizes, table bounds);
 *   2. one pass over the program headers: refused types, duplicates, and the
 *      checks of each PT_LOAD that need no load address (sizes, file bounds,
 *      alignment, W^X), recording the largest alignment for the PIE bias;
 *   3. a pass over the PT_LOAD segments placing them in memory (bias, user
 *      range, ascending order, no shared pages) and filling the plan;
 *   4. the entry point, the program-header address (AT_PHDR) and PT_TLS,
 *      all of which must land inside the segments placed in stage 3.
 * On any failure the plan is wiped, so callers never see a partial plan.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <aegis/errno.h>

#include "core/format.h"
#include "core/kstring.h"
#include "proc/elf.h"

/* e_ident bytes. */
#define ELF_EI_CLASS 4u
#define ELF_EI_DATA 5u
#define ELF_EI_VERSION 6u
#define ELF_EI_OSABI 7u
#define ELF_EI_ABIVERSION 8u
#define ELF_MAGIC_LEN 4u

#define ELF_CLASS64 2u
#define ELF_DATA2LSB 1u
#define ELF_EV_CURRENT 1u
#define ELF_OSABI_SYSV 0u
#define ELF_OSABI_GNU 3u
#define ELF_ET_EXEC 2u
#define ELF_ET_DYN 3u
#define ELF_EM_X86_64 62u

/* Field offsets in the ELF64 header. */
#define ELF_OFF_TYPE 16u
#define ELF_OFF_MACHINE 18u
#define ELF_OFF_VERSION 20u
#define ELF_OFF_ENTRY 24u
#define ELF_OFF_PHOFF 32u
#define ELF_OFF_EHSIZE 52u
#define ELF_OFF_PHENTSIZE 54u
#define ELF_OFF_PHNUM 56u

/* Field offsets in an ELF64 program header. */
#define ELF_PH_TYPE 0u
#define ELF_PH_FLAGS 4u
#define ELF_PH_OFFSET 8u
#define ELF_PH_VADDR 16u
#define ELF_PH_FILESZ 32u
#define ELF_PH_MEMSZ 40u
#define ELF_PH_ALIGN 48u

/* Program header types and flags this loader interprets. */
#define ELF_PT_LOAD 1u
#define ELF_PT_INTERP 3u
#define ELF_PT_PHDR 6u
#define ELF_PT_TLS 7u
#define ELF_PT_GNU_STACK 0x6474e551u
#define ELF_PF_X 0x1u
#define ELF_PF_W 0x2u
#define ELF_PF_R 0x4u

static const uint8_t elf_magic[ELF_MAGIC_LEN] = {0x7f, 'E', 'L', 'F'};

typedef struct {
	const uint8_t *bytes;
	uint64_t size;
	char *reason;
	size_t reason_len;
} elf_input_t;

typedef struct {
	uint16_t type;
	uint64_t entry;
	uint64_t phoff;
	uint16_t phnum;
	uint64_t table_size; /* phnum * ELF_PHDR_SIZE */
} elf_header_t;

typedef struct {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
} elf_phdr_t;

/* What stage 2 learns about the program header table as a whole. */
typedef struct {
	uint32_t load_count;
	uint64_t max_align;      /* largest PT_LOAD alignment, at least a page */
	uint32_t max_align_index;
	bool have_tls;
	elf_phdr_t tls;
	bool have_phdr;
	elf_phdr_t phdr;
	bool have_stack;
} elf_summary_t;

uint64_t elf_load_le(const uint8_t *p, unsigned width)
{
	uint64_t value = 0;
	for (unsigned i = width; i > 0; i--)
		value = (value << 8) | p[i - 1];
	return value;
}

/* a + b into *sum; false when it does not fit in 64 bits. */
static bool elf_add(uint64_t a, uint64_t b, uint64_t *sum)
{
	return !__builtin_add_overflow(a, b, sum);
}

static bool elf_is_pow2_or_none(uint64_t align)
{
	return align <= 1 || (align & (align - 1)) == 0;
}

/* Round up to a power-of-two alignment; false on overflow. */
static bool elf_align_up(uint64_t value, uint64_t align, uint64_t *out)
{
	uint64_t sum;
	if (!elf_add(value, align - 1, &sum))
		return false;
	*out = sum & ~(align - 1);
	return true;
}

static uint64_t elf_page_down(uint64_t value)
{
	return value & ~(uint64_t)(ELF_PAGE_SIZE - 1);
}

__attribute__((format(printf, 2, 3))) static int elf_reject(const elf_input_t *in, const char *fmt, ...)
{
	if (in->reason_len > 0) {
		va_list ap;
		va_start(ap, fmt);
		kvsnprintf(in->reason, in->reason_len, fmt, ap);
		va_end(ap);
	}
	return -ENOEXEC;
}

/* ---- stage 1: the ELF header ------------------------------------------ */

static int elf_check_ident(const elf_input_t *in)
{
	const uint8_t *b = in->bytes;
	if (in->size < ELF_EHDR_SIZE)
		return elf_reject(in, "file too short for an ELF header (%llu bytes)", (unsigned long long)in->size);
	if (kmemcmp(b, elf_magic, ELF_MAGIC_LEN) != 0)
		return elf_reject(in, "not an ELF file (bad magic)");
	if (b[ELF_EI_CLASS] != ELF_CLASS64)
		return elf_reject(in, "not a 64-bit ELF (class %u)", b[ELF_EI_CLASS]);
	if (b[ELF_EI_DATA] != ELF_DATA2LSB)
		return elf_reject(in, "not little-endian (data encoding %u)", b[ELF_EI_DATA]);
	if (b[ELF_EI_VERSION] != ELF_EV_CURRENT)
		return elf_reject(in, "unsupported ELF version %u", b[ELF_EI_VERSION]);
	uint64_t version = elf_load_le(b + ELF_OFF_VERSION, 4);
	if (version != ELF_EV_CURRENT)
		return elf_reject(in, "unsupported ELF version %llu", (unsigned long long)version);
	if (b[ELF_EI_OSABI] != ELF_OSABI_SYSV && b[ELF_EI_OSABI] != ELF_OSABI_GNU)
		return elf_reject(in, "unsupported OS ABI %u", b[ELF_EI_OSABI]);
	if (b[ELF_EI_ABIVERSION] != 0)
		return elf_reject(in, "unsupported ABI version %u", b[ELF_EI_ABIVERSION]);
	return 0;
}

static int elf_read_header(const elf_input_t *in, elf_header_t *hdr)
{
	int rc = elf_check_ident(in);
	if (rc != 0)
		return rc;
	const uint8_t *b = in->bytes;
	hdr->type = (uint16_t)elf_load_le(b + ELF_OFF_TYPE, 2);
	if (hdr->type != ELF_ET_EXEC && hdr->type != ELF_ET_DYN)
		return elf_reject(in, "not an executable (type %u)", hdr->type);
	unsigned machine = (unsigned)elf_load_le(b + ELF_OFF_MACHINE, 2);
	if (machine != ELF_EM_X86_64)
		return elf_reject(in, "not an x86-64 program (machine %u)", machine);
	unsigned ehsize = (unsigned)elf_load_le(b + ELF_OFF_EHSIZE, 2);
	if (ehsize != ELF_EHDR_SIZE)
		return elf_reject(in, "bad ELF header size %u", ehsize);
	unsigned phentsize = (unsigned)elf_load_le(b + ELF_OFF_PHENTSIZE, 2);
	if (phentsize != ELF_PHDR_SIZE)
		return elf_reject(in, "bad program header size %u", phentsize);
	hdr->phnum = (uint16_t)elf_load_le(b + ELF_OFF_PHNUM, 2);
	if (hdr->phnum == 0)
		return elf_reject(in, "no program headers");
	if (hdr->phnum > ELF_MAX_PHNUM)
		return elf_reject(in, "too many program headers (%u, limit %u)", hdr->phnum, ELF_MAX_PHNUM);
	hdr->entry = elf_load_le(b + ELF_OFF_ENTRY, 8);
	hdr->phoff = elf_load_le(b + ELF_OFF_PHOFF, 8);
	hdr->table_size = (uint64_t)hdr->phnum * ELF_PHDR_SIZE;
	uint64_t table_end;
	if (!elf_add(hdr->phoff, hdr->table_size, &table_end) || table_end > in->size)
		return elf_reject(in, "program header table outside the file");
	if (hdr->phoff < ELF_EHDR_SIZE)
		return elf_reject(in, "program header table overlaps the ELF header");
	return 0;
}

static void elf_read_phdr(const elf_input_t *in, const elf_header_t *hdr, uint32_t index, elf_phdr_t *ph)
{
	const uint8_t *p = in->bytes + hdr->phoff + (uint64_t)index * ELF_PHDR_SIZE;
	ph->type = (uint32_t)elf_load_le(p + ELF_PH_TYPE, 4);
	ph->flags = (uint32_t)elf_load_le(p + ELF_PH_FLAGS, 4);
	ph->offset = elf_load_le(p + ELF_PH_OFFSET, 8);
	ph->vaddr = elf_load_le(p + ELF_PH_VADDR, 8);
	ph->filesz = elf_load_le(p + ELF_PH_FILESZ, 8);
	ph->memsz = elf_load_le(p + ELF_PH_MEMSZ, 8);
	ph->align = elf_load_le(p + ELF_PH_ALIGN, 8);
}

/* ---- stage 2: each program header on its own ---------------------------- */

static bool elf_file_range_ok(const elf_input_t *in, uint64_t offset, uint64_t length)
{
	uint64_t end;
	return elf_add(offset, length, &end) && end <= in->size;
}

static int elf_check_load_alone(const elf_input_t *in, uint32_t index, const elf_phdr_t *ph)
{
	if (ph->filesz > ph->memsz)
		return elf_reject(in, "segment %u: file size exceeds memory size", index);
	if (ph->memsz == 0)
		return elf_reject(in, "segment %u: empty LOAD segment", index);
	if (!elf_file_range_ok(in, ph->offset, ph->filesz))
		return elf_reject(in, "segment %u: file data outside the file", index);
	if (!elf_is_pow2_or_none(ph->align))
		return elf_reject(in, "segment %u: alignment not a power of two", index);
	uint64_t modulus = ph->align > ELF_PAGE_SIZE ? ph->align : ELF_PAGE_SIZE;
	if ((ph->offset & (modulus - 1)) != (ph->vaddr & (modulus - 1)))
		return elf_reject(in, "segment %u: offset and address not congruent modulo %llu", index,
				  (unsigned long long)modulus);
	if ((ph->flags & ELF_PF_W) && (ph->flags & ELF_PF_X))
		return elf_reject(in, "segment %u: writable and executable", index);
	return 0;
}

/* Record a singleton header (PT_TLS, PT_PHDR); refuse a second one. */
static int elf_take_single(const elf_input_t *in, const char *name, bool *seen, elf_phdr_t *slot, const elf_phdr_t *ph)
{
	if (*seen)
		return elf_reject(in, "duplicate %s program header", name);
	*seen = true;
	*slot = *ph;
	return 0;
}

static int elf_summarise(const elf_input_t *in, const elf_header_t *hdr, elf_summary_t *sum)
{
	sum->max_align = ELF_PAGE_SIZE;
	for (uint32_t i = 0; i < hdr->phnum; i++) {
		elf_phdr_t ph;
		elf_read_phdr(in, hdr, i, &ph);
		int rc = 0;
		switch (ph.type) {
		case ELF_PT_INTERP:
			return elf_reject(in, "dynamic executables are not supported (PT_INTERP)");
		case ELF_PT_TLS:
			rc = elf_take_single(in, "PT_TLS", &sum->have_tls, &sum->tls, &ph);
			break;
		case ELF_PT_PHDR:
			rc = elf_take_single(in, "PT_PHDR", &sum->have_phdr, &sum->phdr, &ph);
			if (rc == 0 && sum->load_count > 0)
				rc = elf_reject(in, "PT_PHDR after a LOAD segment");
			break;
		case ELF_PT_GNU_STACK:
			if (sum->have_stack)
				return elf_reject(in, "duplicate PT_GNU_STACK program header");
			sum->have_stack = true;
			if (ph.flags & ELF_PF_X)
				rc = elf_reject(in, "executable stack is not supported");
			break;
		case ELF_PT_LOAD:
			if (++sum->load_count > ELF_MAX_LOAD)
				return elf_reject(in, "too many LOAD segments (limit %u)", ELF_MAX_LOAD);
			rc = elf_check_load_alone(in, i, &ph);
			if (rc == 0 && ph.align > sum->max_align) {
				sum->max_align = ph.align;
				sum->max_align_index = i;
			}
			break;
		default:
			break; /* ELF-035: not ours to interpret */
		}
		if (rc != 0)
			return rc;
	}
	if (sum->load_count == 0)
		return elf_reject(in, "no LOAD segments");
	return 0;
}

/* ---- stage 3: placing the PT_LOAD segments ------------------------------ */

static uint32_t elf_prot_from_flags(uint32_t flags)
{
	uint32_t prot = 0;
	if (flags & ELF_PF_R)
		prot |= ELF_PROT_READ;
	if (flags & ELF_PF_W)
		prot |= ELF_PROT_WRITE;
	if (flags & ELF_PF_X)
		prot |= ELF_PROT_EXEC;
	return prot;
}

static int elf_choose_bias(const elf_input_t *in, const elf_header_t *hdr, const elf_summary_t *sum, elf_plan_t *plan)
{
	if (hdr->type != ELF_ET_DYN)
		return 0;
	if (!elf_align_up(ELF_PIE_BASE, sum->max_align, &plan->load_bias) || plan->load_bias >= ELF_USER_LIMIT)
		return elf_reject(in, "segment %u: address range outside user space", sum->max_align_index);
	return 0;
}

static int elf_place_load(const elf_input_t *in, uint32_t index, const elf_phdr_t *ph, elf_plan_t *plan)
{
	uint64_t start, end, map_end;
	if (!elf_add(ph->vaddr, plan->load_bias, &start) || !elf_add(start, ph->memsz, &end) ||
	    !elf_align_up(end, ELF_PAGE_SIZE, &map_end) || start < ELF_USER_MIN || map_end > ELF_USER_LIMIT)
		return elf_reject(in, "segment %u: address range outside user space", index);
	uint64_t map_start = elf_page_down(start);
	if (plan->segment_count > 0) {
		const elf_segment_t *prev = &plan->segments[plan->segment_count - 1];
		if (start < prev->copy_vaddr)
			return elf_reject(in, "segment %u: LOAD segments not in ascending address order", index);
		if (map_start < prev->map_end)
			return elf_reject(in, "segment %u: shares a page with the previous LOAD segment", index);
	}
	elf_segment_t *seg = &plan->segments[plan->segment_count++];
	seg->map_start = map_start;
	seg->map_end = map_end;
	seg->copy_vaddr = start;
	seg->copy_offset = ph->offset;
	seg->copy_size = ph->filesz;
	seg->zero_size = ph->memsz - ph->filesz;
	seg->prot = elf_prot_from_flags(ph->flags);
	seg->phindex = index;
	plan->brk_start = map_end;
	return 0;
}

static int elf_place_loads(const elf_input_t *in, const elf_header_t *hdr, elf_plan_t *plan)
{
	for (uint32_t i = 0; i < hdr->phnum; i++) {
		elf_phdr_t ph;
		elf_read_phdr(in, hdr, i, &ph);
		if (ph.type != ELF_PT_LOAD)
			continue;
		int rc = elf_place_load(in, i, &ph, plan);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* ---- stage 4: what must land inside the placed segments ----------------- */

/* The segment whose file-backed memory holds [addr, addr + length), or NULL. */
static const elf_segment_t *elf_find_backed(const elf_plan_t *plan, uint64_t addr, uint64_t length)
{
	uint64_t end;
	if (!elf_add(addr, length, &end))
		return NULL;
	for (uint32_t i = 0; i < plan->segment_count; i++) {
		const elf_segment_t *seg = &plan->segments[i];
		if (addr >= seg->copy_vaddr && end <= seg->copy_vaddr + seg->copy_size)
			return seg;
	}
	return NULL;
}

static int elf_check_entry(const elf_input_t *in, const elf_header_t *hdr, elf_plan_t *plan)
{
	/* Wrapping is harmless here: a wrapped address lies in no segment. */
	uint64_t entry = hdr->entry + plan->load_bias;
	const elf_segment_t *seg = elf_find_backed(plan, entry, 1);
	if (seg == NULL || !(seg->prot & ELF_PROT_EXEC))
		return elf_reject(in, "entry point 0x%llx not in an executable segment", (unsigned long long)entry);
	plan->entry = entry;
	return 0;
}

/* Where the program headers sit in memory: the segment whose file bytes hold them. */
static int elf_locate_phdrs(const elf_input_t *in, const elf_header_t *hdr, const elf_summary_t *sum,
			    elf_plan_t *plan)
{
	plan->phent = ELF_PHDR_SIZE;
	plan->phnum = hdr->phnum;
	for (uint32_t i = 0; i < plan->segment_count; i++) {
		const elf_segment_t *seg = &plan->segments[i];
		if (hdr->phoff >= seg->copy_offset && hdr->phoff - seg->copy_offset <= seg->copy_size &&
		    seg->copy_size - (hdr->phoff - seg->copy_offset) >= hdr->table_size) {
			plan->phdr_vaddr = seg->copy_vaddr + (hdr->phoff - seg->copy_offset);
			break;
		}
	}
	if (!sum->have_phdr)
		return 0;
	const elf_phdr_t *ph = &sum->phdr;
	uint64_t vaddr;
	if (plan->phdr_vaddr == 0 || !elf_add(ph->vaddr, plan->load_bias, &vaddr) || vaddr != plan->phdr_vaddr ||
	    ph->offset != hdr->phoff || ph->filesz != hdr->table_size || ph->memsz != hdr->table_size)
		return elf_reject(in, "PT_PHDR does not match the loaded program headers");
	return 0;
}

static int elf_check_tls(const elf_input_t *in, const elf_summary_t *sum, elf_plan_t *plan)
{
	if (!sum->have_tls)
		return 0;
	const elf_phdr_t *ph = &sum->tls;
	if (ph->filesz > ph->memsz)
		return elf_reject(in, "TLS segment: file size exceeds memory size");
	if (!elf_is_pow2_or_none(ph->align))
		return elf_reject(in, "TLS segment: alignment not a power of two");
	if (!elf_file_range_ok(in, ph->offset, ph->filesz))
		return elf_reject(in, "TLS segment: file data outside the file");
	uint64_t start, end;
	if (!elf_add(ph->vaddr, plan->load_bias, &start) || !elf_add(start, ph->memsz, &end) || start < ELF_USER_MIN ||
	    end > ELF_USER_LIMIT)
		return elf_reject(in, "TLS segment: address range outside user space");
	if (elf_find_backed(plan, start, ph->filesz) == NULL)
		return elf_reject(in, "TLS segment: template not inside a loaded segment");
	plan->tls.present = true;
	plan->tls.vaddr = start;
	plan->tls.filesz = ph->filesz;
	plan->tls.memsz = ph->memsz;
	plan->tls.align = ph->align;
	return 0;
}

/* ---- the whole ---------------------------------------------------------- */

static int elf_plan_stages(const elf_input_t *in, elf_plan_t *plan)
{
	elf_header_t hdr;
	elf_summary_t sum;
	kmemset(&hdr, 0, sizeof(hdr));
	kmemset(&sum, 0, sizeof(sum));
	int rc = elf_read_header(in, &hdr);
	if (rc == 0)
		rc = elf_summarise(in, &hdr, &sum);
	if (rc == 0)
		rc = elf_choose_bias(in, &hdr, &sum, plan);
	if (rc == 0)
		rc = elf_place_loads(in, &hdr, plan);
	if (rc == 0)
		rc = elf_check_entry(in, &hdr, plan);
	if (rc == 0)
		rc = elf_locate_phdrs(in, &hdr, &sum, plan);
	if (rc == 0)
		rc = elf_check_tls(in, &sum, plan);
	return rc;
}

int elf_plan(const void *image, size_t size, elf_plan_t *plan, char *reason, size_t reason_len)
{
	elf_input_t in = {.bytes = image, .size = size, .reason = reason, .reason_len = reason_len};
	if (reason == NULL)
		in.reason_len = 0;
	if (in.reason_len > 0)
		reason[0] = '\0';
	if (plan == NULL || (image == NULL && size > 0)) {
		if (in.reason_len > 0)
			kstrlcpy(reason, "invalid arguments", in.reason_len);
		return -EINVAL;
	}
	kmemset(plan, 0, sizeof(*plan));
	int rc = elf_plan_stages(&in, plan);
	if (rc != 0)
		kmemset(plan, 0, sizeof(*plan));
	return rc;
}
