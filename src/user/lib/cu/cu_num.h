/*
 * Counts on the command line (spec/coreutils.md CU-340, CU-350): a decimal
 * number with GNU's multiplier suffixes, as head and tail take them
 * (`-n 5`, `-c 2K`, `-c 1MB`): b 512, kB 1000, K/KiB 1024, MB 1000^2,
 * M/MiB 1024^2, GB 1000^3, G/GiB 1024^3.
 */
#ifndef AEGIS_CU_NUM_H
#define AEGIS_CU_NUM_H

#include <stdint.h>

/* The count in text into *out; -EINVAL for anything else, -ERANGE beyond 64 bits. */
long cu_num_parse(const char *text, uint64_t *out);

/*
 * The old `-N` form of head and tail (`head -5`): when argv[1] is a dash and
 * digits, rewrite it as "-nN" in buf (size bytes) so the option parser reads it.
 */
void cu_num_legacy(int argc, char **argv, char *buf, unsigned size);

#endif
