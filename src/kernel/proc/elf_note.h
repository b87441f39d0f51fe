/*
 * Finding a note in an ELF64 image's PT_NOTE segments (spec/elf-loader.md
 * ELF-090..).  A parser of untrusted bytes: every size is checked against the
 * image before it is used, and the walk is bounded by the image size.
 */
#ifndef AEGIS_KERNEL_PROC_ELF_NOTE_H
#define AEGIS_KERNEL_PROC_ELF_NOTE_H

#include <stddef.h>
#include <stdint.h>

#define ELF_PT_NOTE 4u
#define ELF_NOTE_HEADER 12u /* namesz, descsz, type */

/*
 * Look for a note whose name is `name` (compared with its NUL) and whose type
 * is `type`.  0 with *desc pointing into the image and *desc_len set;
 * -ENOENT when no such note exists; -ENOEXEC when the ELF header, the
 * program header table, a PT_NOTE segment or a note in it does not fit in
 * the image (notes are 4-byte aligned, or 8 in a segment aligned to 8).
 */
int elf_note_find(const uint8_t *image, size_t size, const char *name, uint32_t type, const uint8_t **desc,
                  uint32_t *desc_len);

#endif
