/*
 * fscrash's file contents and names (fscrash.h): one rule shared by the
 * writer, the reader and, rewritten in Python, the host-side test.
 *
 * Byte at offset o of file (r, i) is (o*31 + r*17 + i*101 + o/1024) mod 256:
 * the o/1024 term makes every 1 KiB block differ from its neighbours, so a
 * block written to the wrong place does not read back as the right one.
 * The sizes cover one byte past a block, several blocks, single indirect
 * and (from round 3) double indirect blocks on a 1 KiB-block image.
 */
#include <stdio.h>

#include "fscrash.h"

#define FC_MUL_OFFSET 31u
#define FC_MUL_ROUND 17u
#define FC_MUL_INDEX 101u
#define FC_BLOCK_SHIFT 10u
#define FC_BYTE_MASK 0xFFu

/* Base size and growth per round of each file index. */
static const uint64_t fc_base[FC_FILES] = { 1025u, 6000u, 40000u, 150000u };
static const uint64_t fc_step[FC_FILES] = { 37u, 1111u, 9000u, 60000u };

uint64_t fc_file_size(unsigned round, unsigned index)
{
	return index < FC_FILES ? fc_base[index] + (uint64_t)round * fc_step[index] : 0;
}

void fc_fill(unsigned round, unsigned index, uint64_t at, unsigned char *buf, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		uint64_t o = at + k;
		buf[k] = (unsigned char)((o * FC_MUL_OFFSET + round * FC_MUL_ROUND + index * FC_MUL_INDEX +
		                          (o >> FC_BLOCK_SHIFT)) & FC_BYTE_MASK);
	}
}

void fc_round_dir(unsigned round, char *out, size_t cap)
{
	snprintf(out, cap, "%s/r%u", FC_ROOT, round);
}

void fc_file_path(unsigned round, unsigned index, char *out, size_t cap)
{
	snprintf(out, cap, "%s/r%u/f%u", FC_ROOT, round, index);
}
