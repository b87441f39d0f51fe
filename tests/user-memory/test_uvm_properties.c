/*
 * Randomised property test of user address spaces: UVM-080 of
 * spec/user-memory.md (and with it the promises of UVM-010, UVM-014, UVM-015,
 * UVM-032, UVM-050 and UVM-060).
 *
 * Up to MAX_SPACES address spaces, each with a model of a window of WINDOW
 * pages that crosses a top-level (512 GiB) table boundary: per page whether
 * it is mapped, its protection and its bytes.  A seeded sequence of fixed
 * maps, unmaps, protects, faults, writes, reads, forks and destroys runs
 * against both; every result must agree with the model, and every
 * CHECK_EVERY steps every space's whole window is read back (forced) and
 * compared.  At the end everything is destroyed and the PMM must be back at
 * its starting count.  The seed comes from AEGIS_TEST_SEED and is printed.
 *
 * In every period of CHECK_EVERY steps, SQUEEZE_STEPS steps run with the PMM
 * drained to a few pages: then any operation that should succeed may instead
 * return -ENOMEM, and must then have changed nothing the model can see.
 */
#include "user-memory/uvm_fixture.h"

#define STEPS 40000u
#define CHECK_EVERY 250u
#define MAX_SPACES 4u
#define WINDOW 64u
#define BASE (0x0000100000000000ull - (WINDOW / 2) * MEM_PAGE)
#define MAX_RANGE 8u
#define MAX_COPY (2u * 4096u + 64u)
#define SQUEEZE_FROM 100u /* step within each CHECK_EVERY period */
#define SQUEEZE_STEPS 30u
#define SQUEEZE_KEEP 8u /* at most this many pages left free */

typedef struct {
	bool mapped;
	unsigned prot;
} model_page_t;

typedef struct {
	uvm_t *uvm;
	model_page_t pages[WINDOW];
	uint8_t bytes[WINDOW * 4096];
} space_t;

static space_t spaces[MAX_SPACES];
static unsigned space_count;
static mem_rng_t rng;
static uint8_t buf[MAX_COPY], back[MAX_COPY];
static bool squeezed;
static unsigned long enomem_count;

/* Check a result against the model's expectation; true when the operation took effect. */
static bool expect(int got, int want)
{
	if (squeezed && want == 0 && got == -ENOMEM) {
		enomem_count++;
		return false;
	}
	assert_int_equal(got, want);
	return want == 0;
}

static bool range_mapped(const space_t *s, unsigned first, unsigned count)
{
	for (unsigned i = first; i < first + count; i++)
		if (!s->pages[i].mapped)
			return false;
	return true;
}

static bool range_allows(const space_t *s, unsigned first, unsigned count, bool write)
{
	for (unsigned i = first; i < first + count; i++) {
		unsigned prot = s->pages[i].prot;
		if (prot == UVM_PROT_NONE || (write && !(prot & UVM_PROT_WRITE)))
			return false;
	}
	return true;
}

static unsigned random_prot(void)
{
	return (unsigned)mem_rng_below(&rng, 8);
}

static void op_map(space_t *s, unsigned first, unsigned count)
{
	unsigned prot = random_prot();
	uint64_t got = 0;
	if (!expect(uvm_map(s->uvm, BASE + first * PG, count * PG, prot, ANON | UVM_MAP_FIXED, NULL, 0, &got), 0))
		return;
	for (unsigned i = first; i < first + count; i++)
		s->pages[i] = (model_page_t){true, prot};
	memset(s->bytes + first * PG, 0, count * PG);
}

static void op_unmap(space_t *s, unsigned first, unsigned count)
{
	if (!expect(uvm_unmap(s->uvm, BASE + first * PG, count * PG), 0))
		return;
	for (unsigned i = first; i < first + count; i++)
		s->pages[i].mapped = false;
}

static void op_protect(space_t *s, unsigned first, unsigned count)
{
	unsigned prot = random_prot();
	bool ok = range_mapped(s, first, count);
	if (expect(uvm_protect(s->uvm, BASE + first * PG, count * PG, prot), ok ? 0 : -ENOMEM))
		for (unsigned i = first; i < first + count; i++)
			s->pages[i].prot = prot;
}

static void op_fault(space_t *s)
{
	unsigned page = (unsigned)mem_rng_below(&rng, WINDOW);
	unsigned access = 1u << mem_rng_below(&rng, 3);
	const model_page_t *m = &s->pages[page];
	bool ok = m->mapped && m->prot != UVM_PROT_NONE && (!(access & UVM_ACCESS_WRITE) || (m->prot & UVM_PROT_WRITE)) &&
	          (!(access & UVM_ACCESS_EXEC) || (m->prot & UVM_PROT_EXEC));
	expect(uvm_fault(s->uvm, BASE + page * PG + mem_rng_below(&rng, PG), access), ok ? 0 : -EFAULT);
}

static void op_copy(space_t *s, bool write)
{
	uint64_t off = mem_rng_below(&rng, WINDOW * PG);
	uint64_t len = 1 + mem_rng_below(&rng, MAX_COPY);
	if (off + len > WINDOW * PG)
		len = WINDOW * PG - off;
	bool force = mem_rng_below(&rng, 4) == 0;
	unsigned first = (unsigned)(off / PG), count = (unsigned)((off + len - 1) / PG - first + 1);
	bool ok = range_mapped(s, first, count) && (force || range_allows(s, first, count, write));
	if (write) {
		for (uint64_t i = 0; i < len; i++)
			buf[i] = (uint8_t)mem_rng_next(&rng);
		if (expect(uvm_write(s->uvm, BASE + off, buf, len, force), ok ? 0 : -EFAULT))
			memcpy(s->bytes + off, buf, len);
	} else {
		if (expect(uvm_read(s->uvm, BASE + off, back, len, force), ok ? 0 : -EFAULT))
			assert_memory_equal(back, s->bytes + off, len);
	}
}

static void op_fork(space_t *s)
{
	if (space_count == MAX_SPACES)
		return;
	space_t *c = &spaces[space_count];
	c->uvm = NULL;
	if (!expect(uvm_fork(s->uvm, &c->uvm), 0)) {
		assert_null(c->uvm);
		return;
	}
	memcpy(c->pages, s->pages, sizeof(c->pages));
	memcpy(c->bytes, s->bytes, sizeof(c->bytes));
	space_count++;
}

static void op_destroy(unsigned index)
{
	if (space_count == 1)
		return;
	uvm_destroy(spaces[index].uvm);
	space_count--;
	if (index != space_count) {
		spaces[index].uvm = spaces[space_count].uvm;
		memcpy(spaces[index].pages, spaces[space_count].pages, sizeof(spaces[index].pages));
		memcpy(spaces[index].bytes, spaces[space_count].bytes, sizeof(spaces[index].bytes));
	}
}

static void check_space(space_t *s)
{
	uvm_stats_t st;
	uvm_stats(s->uvm, &st);
	uint64_t mapped = 0;
	for (unsigned i = 0; i < WINDOW; i++) {
		if (!s->pages[i].mapped) {
			assert_int_equal(uvm_frame(s->uvm, BASE + i * PG), 0);
			continue;
		}
		mapped += PG;
		assert_int_equal(uvm_read(s->uvm, BASE + i * PG, back, PG, true), 0);
		assert_memory_equal(back, s->bytes + i * PG, PG);
		unsigned flags = uvm_pte_flags(s->uvm, BASE + i * PG);
		unsigned prot = s->pages[i].prot;
		assert_int_equal(!!(flags & VMM_USER), prot != UVM_PROT_NONE);
		assert_int_equal(!!(flags & VMM_EXEC), !!(prot & UVM_PROT_EXEC));
		if (flags & VMM_WRITE) {
			assert_true(prot & UVM_PROT_WRITE);
			assert_int_equal(pageref_owners(uvm_frame(s->uvm, BASE + i * PG)), 1);
		}
	}
	assert_int_equal(st.mapped_bytes, mapped);
	assert_true(st.resident_pages <= WINDOW);
}

static void test_UVM_080_random_model(void **state)
{
	(void)state;
	uvm_machine();
	rng.state = mem_seed();
	uint64_t free0 = pmm_free_pages();
	memset(spaces, 0, sizeof(spaces));
	spaces[0].uvm = uvm_new();
	space_count = 1;
	unsigned long counts[9] = {0};
	for (unsigned step = 1; step <= STEPS; step++) {
		if (step % CHECK_EVERY == SQUEEZE_FROM) {
			uvm_exhaust((size_t)mem_rng_below(&rng, SQUEEZE_KEEP + 1));
			squeezed = true;
		} else if (squeezed && step % CHECK_EVERY == SQUEEZE_FROM + SQUEEZE_STEPS) {
			uvm_restore();
			squeezed = false;
		}
		space_t *s = &spaces[mem_rng_below(&rng, space_count)];
		unsigned first = (unsigned)mem_rng_below(&rng, WINDOW);
		unsigned count = 1 + (unsigned)mem_rng_below(&rng, MAX_RANGE);
		if (first + count > WINDOW)
			count = WINDOW - first;
		unsigned op = (unsigned)mem_rng_below(&rng, 100);
		if (op < 15) {
			op_map(s, first, count);
			counts[0]++;
		} else if (op < 25) {
			op_unmap(s, first, count);
			counts[1]++;
		} else if (op < 35) {
			op_protect(s, first, count);
			counts[2]++;
		} else if (op < 55) {
			op_fault(s);
			counts[3]++;
		} else if (op < 75) {
			op_copy(s, true);
			counts[4]++;
		} else if (op < 93) {
			op_copy(s, false);
			counts[5]++;
		} else if (op < 97) {
			op_fork(s);
			counts[6]++;
		} else {
			op_destroy((unsigned)(s - spaces));
			counts[7]++;
		}
		if (step % CHECK_EVERY == 0)
			for (unsigned i = 0; i < space_count; i++)
				check_space(&spaces[i]);
	}
	printf("# ops: map %lu unmap %lu protect %lu fault %lu write %lu read %lu fork %lu destroy %lu, %lu refused for memory\n",
	       counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], enomem_count);
	assert_true(enomem_count > 0);
	if (squeezed)
		uvm_restore();
	while (space_count)
		uvm_destroy(spaces[--space_count].uvm);
	assert_int_equal(pmm_free_pages(), free0);
}

int main(void)
{
	mem_log_capture();
	mem_seed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_UVM_080_random_model),
	};
	return cmocka_run_group_tests_name("user-memory: properties", tests, NULL, NULL);
}
