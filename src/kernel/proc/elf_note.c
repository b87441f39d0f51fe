/*
 * Finding a note in an ELF64 image (see elf_note.h).
 */
#include "proc/elf_note.h"

#include <aegis/errno.h>

#include "core/kstring.h"
#include "proc/elf.h"

#define ELF_NOTE_CLASS_OFFSET 4u
#define ELF_NOTE_DATA_OFFSET 5u
#define ELF_NOTE_CLASS_64 2u
#define ELF_NOTE_DATA_LE 1u
#define ELF_NOTE_PHOFF 32u
#define ELF_NOTE_PHENTSIZE 54u
#define ELF_NOTE_PHNUM 56u
#define ELF_NOTE_P_TYPE 0u
#define ELF_NOTE_P_OFFSET 8u
#define ELF_NOTE_P_FILESZ 32u
#define ELF_NOTE_P_ALIGN 48u
#define ELF_NOTE_ALIGN_WIDE 8u
#define ELF_NOTE_ALIGN 4u

/* n rounded up to align (a power of two), or UINT64_MAX when that overflows. */
static uint64_t note_round(uint64_t n, uint64_t align)
{
	if (n > UINT64_MAX - (align - 1))
		return UINT64_MAX;
	return (n + align - 1) & ~(align - 1);
}

/* Walk the notes of one segment [start, start + len). */
static int note_scan(const uint8_t *seg, uint64_t len, uint64_t align, const char *name, size_t name_size,
                     uint32_t type, const uint8_t **desc, uint32_t *desc_len)
{
	uint64_t at = 0;
	while (at < len) {
		if (len - at < ELF_NOTE_HEADER)
			return -ENOEXEC;
		uint64_t namesz = elf_load_le(seg + at, 4);
		uint64_t descsz = elf_load_le(seg + at + 4, 4);
		uint64_t ntype = elf_load_le(seg + at + 8, 4);
		/* Offsets from the segment start, as readelf counts them: the description
		 * and the next note start at the next multiple of the alignment. */
		uint64_t name_at = at + ELF_NOTE_HEADER;
		if (namesz > len - name_at)
			return -ENOEXEC;
		uint64_t desc_at = note_round(name_at + namesz, align);
		if (desc_at > len || descsz > len - desc_at)
			return -ENOEXEC;
		if (ntype == type && namesz == name_size && kmemcmp(seg + name_at, name, name_size) == 0) {
			*desc = seg + desc_at;
			*desc_len = (uint32_t)descsz;
			return 0;
		}
		at = note_round(desc_at + descsz, align);
	}
	return -ENOENT;
}

int elf_note_find(const uint8_t *image, size_t size, const char *name, uint32_t type, const uint8_t **desc,
                  uint32_t *desc_len)
{
	if (size < ELF_EHDR_SIZE || image[ELF_NOTE_CLASS_OFFSET] != ELF_NOTE_CLASS_64 ||
	    image[ELF_NOTE_DATA_OFFSET] != ELF_NOTE_DATA_LE)
		return -ENOEXEC;
	uint64_t phoff = elf_load_le(image + ELF_NOTE_PHOFF, 8);
	uint64_t phentsize = elf_load_le(image + ELF_NOTE_PHENTSIZE, 2);
	uint64_t phnum = elf_load_le(image + ELF_NOTE_PHNUM, 2);
	if (phentsize != ELF_PHDR_SIZE || phnum > ELF_MAX_PHNUM || phoff > size ||
	    phnum * ELF_PHDR_SIZE > size - phoff)
		return -ENOEXEC;
	size_t name_size = kstrlen(name) + 1u;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = image + phoff + i * ELF_PHDR_SIZE;
		if (elf_load_le(ph + ELF_NOTE_P_TYPE, 4) != ELF_PT_NOTE)
			continue;
		uint64_t off = elf_load_le(ph + ELF_NOTE_P_OFFSET, 8);
		uint64_t filesz = elf_load_le(ph + ELF_NOTE_P_FILESZ, 8);
		uint64_t align = elf_load_le(ph + ELF_NOTE_P_ALIGN, 8) == ELF_NOTE_ALIGN_WIDE ? ELF_NOTE_ALIGN_WIDE
		                                                                          : ELF_NOTE_ALIGN;
		if (off > size || filesz > size - off)
			return -ENOEXEC;
		int r = note_scan(image + off, filesz, align, name, name_size, type, desc, desc_len);
		if (r != -ENOENT)
			return r;
	}
	return -ENOENT;
}
