/*
 * Notes in ELF images (spec/elf-loader.md ELF-090, ELF-091): elf_note_find
 * over hand-built images (found, wrong name or type, 8-byte alignment, every
 * kind of overrun), and the real programs: a sim build carries the Aegis note
 * with the channel version, a musl build does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aegis/image_note.h>
#include <aegis/sim_channel.h>

#include "proc/elf_note.h"

#define NT_IMAGE_SIZE 512u
#define NT_PHOFF 64u
#define NT_NOTES_AT 128u
#define NT_FILE_MAX (16u << 20)

typedef struct {
	uint8_t bytes[NT_IMAGE_SIZE];
	size_t notes_len;
} nt_image_t;

static void put(uint8_t *at, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		at[i] = (uint8_t)(v >> (8 * i));
}

/* An ELF64 header with one PT_NOTE program header covering the notes added so far. */
static void nt_start(nt_image_t *img)
{
	memset(img, 0, sizeof(*img));
	memcpy(img->bytes, "\x7f" "ELF", 4);
	img->bytes[4] = 2; /* ELFCLASS64 */
	img->bytes[5] = 1; /* little-endian */
	img->bytes[6] = 1;
	put(img->bytes + 16, 2, 2);  /* ET_EXEC */
	put(img->bytes + 18, 62, 2); /* x86-64 */
	put(img->bytes + 32, NT_PHOFF, 8);
	put(img->bytes + 54, 56, 2);
	put(img->bytes + 56, 1, 2);
	uint8_t *ph = img->bytes + NT_PHOFF;
	put(ph, ELF_PT_NOTE, 4);
	put(ph + 8, NT_NOTES_AT, 8);
	put(ph + 48, 4, 8);
}

static void nt_finish(nt_image_t *img)
{
	put(img->bytes + NT_PHOFF + 32, img->notes_len, 8);
}

static void nt_add(nt_image_t *img, const char *name, uint32_t type, const void *desc, uint32_t desc_len,
                   unsigned align)
{
	uint8_t *at = img->bytes + NT_NOTES_AT + img->notes_len;
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	put(at, namesz, 4);
	put(at + 4, desc_len, 4);
	put(at + 8, type, 4);
	memcpy(at + 12, name, namesz);
	size_t desc_at = (12 + namesz + align - 1) & ~(size_t)(align - 1);
	memcpy(at + desc_at, desc, desc_len);
	img->notes_len += (desc_at + desc_len + align - 1) & ~(size_t)(align - 1);
	nt_finish(img);
}

/* ELF-090: the first matching note is found with its description; others are skipped. */
static void test_find_ELF_090(void **state)
{
	(void)state;
	nt_image_t img;
	nt_start(&img);
	uint32_t other = 7, mine = SIM_CHANNEL_VERSION;
	nt_add(&img, "GNU", 3, "\x01\x02\x03\x04\x05", 5, 4);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM + 1, &other, 4, 4);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &mine, 4, 4);
	const uint8_t *desc = NULL;
	uint32_t len = 0;
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &len),
	                 0);
	assert_int_equal(len, 4);
	assert_memory_equal(desc, &mine, 4);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), "Aegi", AEGIS_NOTE_SIM_PROGRAM, &desc, &len),
	                 -ENOENT);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 99, &desc, &len), -ENOENT);
}

/* ELF-090: a segment aligned to 8 pads names and descriptions to 8. */
static void test_wide_alignment_ELF_090(void **state)
{
	(void)state;
	nt_image_t img;
	nt_start(&img);
	put(img.bytes + NT_PHOFF + 48, 8, 8);
	uint32_t mine = SIM_CHANNEL_VERSION;
	nt_add(&img, "GNU", 5, "\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc", 12, 8);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &mine, 4, 8);
	const uint8_t *desc = NULL;
	uint32_t len = 0;
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &len),
	                 0);
	assert_memory_equal(desc, &mine, 4);
}

/* ELF-090: overruns anywhere are -ENOEXEC, never a read outside the image. */
static void test_overruns_ELF_090(void **state)
{
	(void)state;
	const uint8_t *desc;
	uint32_t len;
	nt_image_t img;
	uint32_t mine = SIM_CHANNEL_VERSION;
	nt_start(&img);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &mine, 4, 4);
	/* The image cut inside the note. */
	assert_int_equal(elf_note_find(img.bytes, NT_NOTES_AT + 10, AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	/* A name size that runs past the segment, and one that would overflow when rounded. */
	put(img.bytes + NT_NOTES_AT, 1000, 4);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	put(img.bytes + NT_NOTES_AT, UINT32_MAX, 4);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	/* A description size past the segment. */
	nt_start(&img);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &mine, 4, 4);
	put(img.bytes + NT_NOTES_AT + 4, 64, 4);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	/* The segment itself outside the file, and a huge offset. */
	nt_start(&img);
	nt_add(&img, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &mine, 4, 4);
	put(img.bytes + NT_PHOFF + 32, NT_IMAGE_SIZE, 8);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	put(img.bytes + NT_PHOFF + 8, UINT64_MAX, 8);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	/* A program header table past the end, a wrong entry size, a 32-bit or big-endian header. */
	nt_start(&img);
	put(img.bytes + 32, NT_IMAGE_SIZE - 8, 8);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	nt_start(&img);
	put(img.bytes + 54, 64, 2);
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	nt_start(&img);
	img.bytes[4] = 1;
	assert_int_equal(elf_note_find(img.bytes, sizeof(img.bytes), AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
	assert_int_equal(elf_note_find(img.bytes, 40, AEGIS_NOTE_NAME, 1, &desc, &len), -ENOEXEC);
}

static uint8_t *nt_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	uint8_t *buf = malloc(NT_FILE_MAX);
	assert_non_null(buf);
	*size = fread(buf, 1, NT_FILE_MAX, f);
	fclose(f);
	assert_true(*size > 0 && *size < NT_FILE_MAX);
	return buf;
}

/* ELF-091: the sim build of a program carries the note with the channel version; a musl build does not. */
static void test_real_programs_ELF_091(void **state)
{
	(void)state;
	const char *build = getenv("AEGIS_BUILD");
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/user/sim/proctest", build ? build : "build");
	size_t size;
	uint8_t *image = nt_read_file(path, &size);
	const uint8_t *desc = NULL;
	uint32_t len = 0;
	assert_int_equal(elf_note_find(image, size, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &len), 0);
	assert_int_equal(len, 4);
	uint32_t version;
	memcpy(&version, desc, sizeof(version));
	assert_int_equal(version, SIM_CHANNEL_VERSION);
	free(image);
	image = nt_read_file("tests/elf-loader/data/hello-musl", &size);
	assert_int_equal(elf_note_find(image, size, AEGIS_NOTE_NAME, AEGIS_NOTE_SIM_PROGRAM, &desc, &len), -ENOENT);
	free(image);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_ELF_090),
		cmocka_unit_test(test_wide_alignment_ELF_090),
		cmocka_unit_test(test_overruns_ELF_090),
		cmocka_unit_test(test_real_programs_ELF_091),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
