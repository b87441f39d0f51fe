/*
 * The ELF note that marks a program built for the simulator: a host program
 * whose glue talks to aegis-sim over the process channel.  The sim's execve
 * runs only images that carry it (with the channel version it speaks as the
 * 4-byte description), so a QEMU (musl) binary, which would make raw Linux
 * system calls on the host, is refused with ENOEXEC instead of run.
 */
#ifndef AEGIS_IMAGE_NOTE_H
#define AEGIS_IMAGE_NOTE_H

#include <stdint.h>

#define AEGIS_NOTE_NAME "Aegis"
#define AEGIS_NOTE_NAME_SIZE 6u /* with its NUL */
#define AEGIS_NOTE_SIM_PROGRAM 0x4d495341u /* "ASIM" */

/* The note as the glue lays it out (name padded to 8 bytes, a 4-byte description). */
typedef struct {
	uint32_t namesz;
	uint32_t descsz;
	uint32_t type;
	char name[8];
	uint32_t desc;
} aegis_image_note_t;

#endif
