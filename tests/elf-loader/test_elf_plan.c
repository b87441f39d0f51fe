/*
 * elf_plan: the plan's contents, real static programs judged against
 * readelf, and robustness under truncation and seeded mutation
 * (spec/elf-loader.md ELF-060, ELF-061, ELF-070, ELF-071).
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "elf-loader/elf_builder.h"
#include "elf-loader/elf_plan_check.h"

#define DATA_DIR "tests/elf-loader/data/"
#define FUZZ_CORPUS_DIR "fuzz/elf/corpus"
#define MIN_FUZZ_SEEDS 4u
#define BUSYBOX_PATH "/bin/busybox"
#define DEFAULT_SEED 1u
#define MUTATION_ROUNDS 20000u
#define MAX_MUTATED_BYTES 4u
#define ELF_PHNUM_OFFSET 56u
#define READELF_MAX_LOADS 32u
#define READELF_MAX_TOKENS 16u
#define PATH_BUF 128u

/* ---- helpers ---------------------------------------------------------------- */

static uint8_t *read_whole_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		if (got == 0)
			break;
		len += got;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees any read past the end. */
	uint8_t *exact = malloc(len ? len : 1);
	assert_non_null(exact);
	memcpy(exact, buf, len);
	free(buf);
	*size = len;
	return exact;
}

/* What readelf -lW says about a program: the independent judge. */
typedef struct {
	uint64_t entry, phoff;
	unsigned phnum, load_count;
	struct {
		uint64_t offset, vaddr, filesz, memsz;
		uint32_t prot;
	} loads[READELF_MAX_LOADS];
	int tls_present;
	uint64_t tls_vaddr, tls_filesz, tls_memsz, tls_align;
} readelf_facts_t;

static uint32_t prot_from_readelf(const char *flags)
{
	uint32_t prot = 0;
	if (strchr(flags, 'R'))
		prot |= ELF_PROT_READ;
	if (strchr(flags, 'W'))
		prot |= ELF_PROT_WRITE;
	if (strchr(flags, 'E'))
		prot |= ELF_PROT_EXEC;
	return prot;
}

static int readelf_facts(const char *path, readelf_facts_t *facts)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "readelf -lW '%s' 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	memset(facts, 0, sizeof(*facts));
	char line[512];
	while (fgets(line, sizeof(line), p)) {
		if (sscanf(line, "Entry point 0x%" SCNx64, &facts->entry) == 1)
			continue;
		if (sscanf(line, "There are %u program headers, starting at offset %" SCNu64, &facts->phnum,
			   &facts->phoff) == 2)
			continue;
		/* A -W program header line: type, offset, vaddr, paddr, filesz, memsz, flags (1-3 words), align. */
		char *tok[READELF_MAX_TOKENS];
		unsigned n = 0;
		for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t && n < READELF_MAX_TOKENS;
		     t = strtok_r(NULL, " \t\n", &save))
			tok[n++] = t;
		if (n < 8 || strncmp(tok[1], "0x", 2) != 0)
			continue;
		char flags[16] = "";
		for (unsigned i = 6; i + 1 < n; i++)
			strncat(flags, tok[i], sizeof(flags) - strlen(flags) - 1);
		uint64_t off = strtoull(tok[1], NULL, 16), va = strtoull(tok[2], NULL, 16);
		uint64_t fs = strtoull(tok[4], NULL, 16), ms = strtoull(tok[5], NULL, 16);
		if (strcmp(tok[0], "LOAD") == 0 && facts->load_count < READELF_MAX_LOADS) {
			facts->loads[facts->load_count].offset = off;
			facts->loads[facts->load_count].vaddr = va;
			facts->loads[facts->load_count].filesz = fs;
			facts->loads[facts->load_count].memsz = ms;
			facts->loads[facts->load_count].prot = prot_from_readelf(flags);
			facts->load_count++;
		} else if (strcmp(tok[0], "TLS") == 0) {
			facts->tls_present = 1;
			facts->tls_vaddr = va;
			facts->tls_filesz = fs;
			facts->tls_memsz = ms;
			facts->tls_align = strtoull(tok[n - 1], NULL, 16);
		}
	}
	int status = pclose(p);
	return (status == 0 && facts->load_count > 0) ? 0 : -1;
}

/* Plan a real program and compare every figure with readelf's. */
static void check_real_program(const char *path, int expect_tls, uint64_t bias)
{
	size_t size;
	uint8_t *img = read_whole_file(path, &size);
	assert_non_null(img);
	readelf_facts_t facts;
	if (readelf_facts(path, &facts) != 0) {
		free(img);
		fail_msg("readelf could not describe %s", path);
	}
	elf_plan_t plan;
	char reason[ELF_REASON_MAX];
	int rc = elf_plan(img, size, &plan, reason, sizeof(reason));
	print_message("# %s: %zu bytes, rc %d, reason '%s', %u segments, entry 0x%" PRIx64 "\n", path, size, rc, reason,
		      plan.segment_count, plan.entry);
	free(img);
	assert_int_equal(rc, 0);
	assert_null(elf_plan_check(&plan, size));
	assert_int_equal(plan.entry, facts.entry + bias);
	assert_int_equal(plan.phnum, facts.phnum);
	assert_int_equal(plan.load_bias, bias);
	assert_int_equal(plan.segment_count, facts.load_count);
	for (unsigned i = 0; i < facts.load_count; i++) {
		const elf_segment_t *s = &plan.segments[i];
		assert_int_equal(s->copy_offset, facts.loads[i].offset);
		assert_int_equal(s->copy_vaddr, facts.loads[i].vaddr + bias);
		assert_int_equal(s->copy_size, facts.loads[i].filesz);
		assert_int_equal(s->zero_size, facts.loads[i].memsz - facts.loads[i].filesz);
		assert_int_equal(s->prot, facts.loads[i].prot);
	}
	/* These linkers put the headers at the start of the first segment. */
	assert_int_equal(facts.loads[0].offset, 0);
	assert_int_equal(plan.phdr_vaddr, facts.loads[0].vaddr + facts.phoff + bias);
	assert_int_equal(plan.tls.present, expect_tls);
	assert_int_equal(plan.tls.present, facts.tls_present);
	if (expect_tls) {
		assert_int_equal(plan.tls.vaddr, facts.tls_vaddr + bias);
		assert_int_equal(plan.tls.filesz, facts.tls_filesz);
		assert_int_equal(plan.tls.memsz, facts.tls_memsz);
		assert_int_equal(plan.tls.align, facts.tls_align);
	}
}

/* ---- ELF-060 / ELF-061: the plan itself ---------------------------------------- */

/* ELF-060: every segment's mapping, copy, zero fill and protection. */
static void test_ELF_060_segments(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segment_count, 3);
	const elf_segment_t want[3] = {
		{ELFB_BASE, ELFB_BASE + ELFB_PAGE, ELFB_BASE, 0, 0x200, 0, ELF_PROT_READ, 0},
		{ELFB_BASE + ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE, ELFB_BASE + ELFB_PAGE, ELFB_PAGE, ELFB_TEXT_SIZE, 0,
		 ELF_PROT_READ | ELF_PROT_EXEC, 1},
		{ELFB_BASE + 2 * ELFB_PAGE, ELFB_BASE + 4 * ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE, 2 * ELFB_PAGE,
		 ELFB_DATA_FILESZ, ELFB_DATA_MEMSZ - ELFB_DATA_FILESZ, ELF_PROT_READ | ELF_PROT_WRITE, 2},
	};
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(plan.segments[i].map_start, want[i].map_start);
		assert_int_equal(plan.segments[i].map_end, want[i].map_end);
		assert_int_equal(plan.segments[i].copy_vaddr, want[i].copy_vaddr);
		assert_int_equal(plan.segments[i].copy_offset, want[i].copy_offset);
		assert_int_equal(plan.segments[i].copy_size, want[i].copy_size);
		assert_int_equal(plan.segments[i].zero_size, want[i].zero_size);
		assert_int_equal(plan.segments[i].prot, want[i].prot);
		assert_int_equal(plan.segments[i].phindex, want[i].phindex);
	}
	assert_null(elf_plan_check(&plan, b.file_size));
}

/* ELF-060: a data segment that starts mid-page, as musl's does, maps whole pages around it. */
static void test_ELF_060_unaligned_data(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	b.ph[2].offset = 2 * ELFB_PAGE + 0xfc0 - 0x1000; /* 0x1fc0: congruent with ...2fc0 */
	b.ph[2].vaddr = ELFB_BASE + 2 * ELFB_PAGE + 0xfc0;
	elfb_expect_accept(&b, &plan);
	const elf_segment_t *s = &plan.segments[2];
	assert_int_equal(s->map_start, ELFB_BASE + 2 * ELFB_PAGE);
	assert_int_equal(s->map_end, ELFB_BASE + 5 * ELFB_PAGE); /* 0x402fc0 + 0x1800 = 0x4047c0 */
	assert_int_equal(s->copy_vaddr, ELFB_BASE + 2 * ELFB_PAGE + 0xfc0);
	assert_int_equal(s->copy_offset, 0x1fc0);
	assert_int_equal(plan.brk_start, ELFB_BASE + 5 * ELFB_PAGE);
	/* A segment without any permission is mapped with none. */
	b.ph[0].flags = 0;
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.segments[0].prot, 0);
}

/* ELF-061: entry, auxiliary-vector facts, bias and brk. */
static void test_ELF_061_plan_facts(void **state)
{
	(void)state;
	elfb_t b;
	elf_plan_t plan;
	elfb_default(&b);
	elfb_expect_accept(&b, &plan);
	assert_int_equal(plan.entry, ELFB_BASE + ELFB_PAGE + 0x10);
	assert_int_equal(plan.phent, ELF_PHDR_SIZE);
	assert_int_equal(plan.phnum, ELFB_DEFAULT_PHNUM);
	assert_int_equal(plan.phdr_vaddr, ELFB_BASE + ELF_EHDR_SIZE);
	assert_int_equal(plan.load_bias, 0);
	assert_int_equal(plan.brk_start, ELFB_BASE + 4 * ELFB_PAGE);
	assert_false(plan.tls.present);
}

/* ---- ELF-070: real programs ------------------------------------------------------ */

/* ELF-070 */
static void test_ELF_070_musl_hello(void **state)
{
	(void)state;
	check_real_program(DATA_DIR "hello-musl", 0, 0);
}

/* ELF-070 */
static void test_ELF_070_musl_tls(void **state)
{
	(void)state;
	check_real_program(DATA_DIR "tls-musl", 1, 0);
}

/* ELF-070 */
static void test_ELF_070_busybox_static(void **state)
{
	(void)state;
	FILE *f = fopen(BUSYBOX_PATH, "rb");
	if (f == NULL) {
		print_message("# " BUSYBOX_PATH " is absent (Debian package busybox-static not installed)\n");
		skip();
	}
	fclose(f);
	check_real_program(BUSYBOX_PATH, 1, 0);
}

/*
 * ELF-050, ELF-070: a glibc static PIE built here and now (too big to commit),
 * placed at ELF_PIE_BASE; skips with the reason when the host cannot build one.
 */
static void test_ELF_070_glibc_static_pie(void **state)
{
	(void)state;
	char dir[] = "/tmp/aegis-elf-pie-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char src[PATH_BUF], exe[PATH_BUF], cmd[3 * PATH_BUF];
	snprintf(src, sizeof(src), "%s/hello.c", dir);
	snprintf(exe, sizeof(exe), "%s/pie", dir);
	FILE *f = fopen(src, "w");
	assert_non_null(f);
	fputs("#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gcc -static-pie -O2 -o '%s' '%s' >/dev/null 2>&1", exe, src);
	int built = system(cmd) == 0;
	if (built)
		check_real_program(exe, 1, ELF_PIE_BASE);
	unlink(exe);
	unlink(src);
	rmdir(dir);
	if (!built) {
		print_message("# gcc -static-pie is not available here (needs gcc and glibc's static-pie support)\n");
		skip();
	}
}

/* ---- ELF-071: robustness ---------------------------------------------------------- */

/* Run one image; whatever it holds, the result must be 0 with a sound plan or -ENOEXEC with a reason. */
static int judge_image(const uint8_t *img, size_t size)
{
	elf_plan_t plan;
	char reason[2 * ELF_REASON_MAX]; /* larger than promised, so an over-long reason shows */
	int rc = elf_plan(img, size, &plan, reason, sizeof(reason));
	assert_true(strlen(reason) < ELF_REASON_MAX);
	if (rc == 0) {
		const char *wrong = elf_plan_check(&plan, size);
		if (wrong != NULL)
			fail_msg("accepted image of %zu bytes has a bad plan: %s", size, wrong);
		assert_string_equal(reason, "");
	} else {
		assert_int_equal(rc, -ENOEXEC);
		assert_true(reason[0] != '\0');
		assert_null(strchr(reason, '\n'));
		assert_true(elfb_plan_is_zero(&plan));
	}
	return rc;
}

/*
 * Every prefix.  Each one is placed at the very end of one heap buffer, so
 * a read past the prefix is a read past the allocation and ASan reports it,
 * without one allocation per prefix.
 */
static unsigned judge_prefixes(const uint8_t *img, size_t size)
{
	unsigned accepted = 0;
	uint8_t *buf = malloc(size ? size : 1);
	assert_non_null(buf);
	for (size_t len = 0; len <= size; len++) {
		uint8_t *prefix = buf + (size - len);
		memcpy(prefix, img, len);
		if (judge_image(prefix, len) == 0)
			accepted++;
	}
	free(buf);
	return accepted;
}

/* ELF-071: truncations of a builder image and a real program. */
static void test_ELF_071_every_prefix(void **state)
{
	(void)state;
	elfb_t b;
	elfb_default(&b);
	uint8_t *img = elfb_emit(&b);
	unsigned accepted = judge_prefixes(img, b.file_size);
	free(img);
	/* Only the whole image is complete: every segment's file data ends at the end. */
	assert_int_equal(accepted, 1);
	size_t size;
	img = read_whole_file(DATA_DIR "tls-musl", &size);
	assert_non_null(img);
	accepted = judge_prefixes(img, size);
	free(img);
	print_message("# tls-musl: %zu prefixes, %u accepted\n", size + 1, accepted);
	assert_true(accepted >= 1);
}

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64*: small, and the same sequence on every host. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static void mutate(uint8_t *img, size_t size, size_t hot, uint64_t *rng)
{
	static const uint8_t interesting[] = {0x00, 0x01, 0x02, 0x03, 0x07, 0x10, 0x38, 0x40, 0x7f, 0x80, 0xff};
	unsigned count = 1 + (unsigned)(rng_next(rng) % MAX_MUTATED_BYTES);
	for (unsigned i = 0; i < count; i++) {
		/* Most changes go to the headers, where they matter. */
		size_t range = (rng_next(rng) % 8) ? hot : size;
		size_t at = (size_t)(rng_next(rng) % range);
		uint64_t pick = rng_next(rng);
		img[at] = (pick & 1) ? interesting[(pick >> 1) % sizeof(interesting)] : (uint8_t)(pick >> 8);
	}
}

/* ELF-071: seeded random mutations; the seed comes from AEGIS_TEST_SEED and is printed. */
static void test_ELF_071_seeded_mutations(void **state)
{
	(void)state;
	const char *env = getenv("AEGIS_TEST_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : DEFAULT_SEED;
	print_message("# AEGIS_TEST_SEED=%" PRIu64 "\n", seed);
	uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 1; /* never 0, which xorshift cannot leave */
	elfb_t b;
	elfb_default(&b);
	elfb_add(&b, elfb_phdr(ELFB_PT_TLS, ELFB_PF_R, 2 * ELFB_PAGE, ELFB_BASE + 2 * ELFB_PAGE, 8, 16, 8));
	uint8_t *bases[2];
	size_t sizes[2];
	bases[0] = elfb_emit(&b);
	sizes[0] = b.file_size;
	bases[1] = read_whole_file(DATA_DIR "hello-musl", &sizes[1]);
	assert_non_null(bases[1]);
	unsigned accepted = 0;
	for (unsigned round = 0; round < MUTATION_ROUNDS; round++) {
		unsigned which = round & 1;
		uint8_t *copy = malloc(sizes[which]);
		assert_non_null(copy);
		memcpy(copy, bases[which], sizes[which]);
		/* The ELF header and the real program header table (both bases keep it at 64). */
		size_t hot = ELF_EHDR_SIZE + (size_t)(bases[which][ELF_PHNUM_OFFSET] | bases[which][ELF_PHNUM_OFFSET + 1] << 8) * ELF_PHDR_SIZE;
		mutate(copy, sizes[which], hot < sizes[which] ? hot : sizes[which], &rng);
		if (judge_image(copy, sizes[which]) == 0)
			accepted++;
		free(copy);
	}
	free(bases[0]);
	free(bases[1]);
	print_message("# %u mutated images, %u accepted\n", MUTATION_ROUNDS, accepted);
	/* Both outcomes must occur, or the mutations tested nothing. */
	assert_true(accepted > 0 && accepted < MUTATION_ROUNDS);
}

/* ELF-071: every fuzz seed is an accepted image, so AFL++ starts from inputs that reach every stage. */
static void test_ELF_071_fuzz_seeds_accepted(void **state)
{
	(void)state;
	DIR *dir = opendir(FUZZ_CORPUS_DIR);
	assert_non_null(dir);
	unsigned seeds = 0;
	struct dirent *entry;
	while ((entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof(path), FUZZ_CORPUS_DIR "/%s", entry->d_name);
		size_t size;
		uint8_t *img = read_whole_file(path, &size);
		assert_non_null(img);
		elf_plan_t plan;
		char reason[ELF_REASON_MAX];
		int rc = elf_plan(img, size, &plan, reason, sizeof(reason));
		free(img);
		if (rc != 0) {
			closedir(dir);
			fail_msg("fuzz seed %s refused: %s", path, reason);
		}
		assert_null(elf_plan_check(&plan, size));
		seeds++;
	}
	closedir(dir);
	print_message("# %u fuzz seeds accepted\n", seeds);
	assert_true(seeds >= MIN_FUZZ_SEEDS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ELF_060_segments),
		cmocka_unit_test(test_ELF_060_unaligned_data),
		cmocka_unit_test(test_ELF_061_plan_facts),
		cmocka_unit_test(test_ELF_070_musl_hello),
		cmocka_unit_test(test_ELF_070_musl_tls),
		cmocka_unit_test(test_ELF_070_busybox_static),
		cmocka_unit_test(test_ELF_070_glibc_static_pie),
		cmocka_unit_test(test_ELF_071_every_prefix),
		cmocka_unit_test(test_ELF_071_seeded_mutations),
		cmocka_unit_test(test_ELF_071_fuzz_seeds_accepted),
	};
	return cmocka_run_group_tests_name("elf-loader plan", tests, NULL, NULL);
}
