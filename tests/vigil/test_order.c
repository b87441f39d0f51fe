/*
 * Start and stop order: name ties, unknown names, cycles and the services
 * that wait for them, independence from input order (spec/vigil.md
 * VIG-060..063).  The shuffle test takes its seed from AEGIS_TEST_SEED.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "vigil/vigil_order.h"

#define REPORTS_MAX 16
#define SHUFFLE_ROUNDS 200
#define DEFAULT_SEED 20261122u

static vigil_service_t svcs[VIGIL_SERVICES_MAX + 1];
static size_t n_svcs;
static char reports[REPORTS_MAX][VIGIL_REPORT_MAX];
static size_t n_reports;

static void collect(const char *line, void *ctx)
{
	(void)ctx;
	if (n_reports < REPORTS_MAX)
		snprintf(reports[n_reports], sizeof(reports[0]), "%s", line);
	n_reports++;
}

/* add("name", "dep dep ...") */
static void add(const char *name, const char *after)
{
	vigil_service_t *s = &svcs[n_svcs++];
	char msg[VIGIL_MSG_MAX];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	assert_int_equal(vigil_after_parse(after, strlen(after), &s->after, msg), 0);
}

static void reset(void)
{
	n_svcs = 0;
	n_reports = 0;
}

/* The order as "a b c". */
static const char *order_text(const vigil_order_t *o)
{
	static char text[VIGIL_SERVICES_MAX * (VIGIL_NAME_MAX + 1) + 1];
	size_t at = 0;
	text[0] = '\0';
	for (size_t i = 0; i < o->count; i++)
		at += (size_t)snprintf(text + at, sizeof(text) - at, "%s%s", i ? " " : "", svcs[o->index[i]].name);
	return text;
}

static const char *start_order(int want_problems)
{
	vigil_order_t o;
	n_reports = 0;
	assert_int_equal(vigil_order_start(svcs, n_svcs, &o, collect, NULL), want_problems);
	assert_int_equal(n_reports, (size_t)want_problems);
	return order_text(&o);
}

/* VIG-060: dependencies first, ties by name, seeds' services */
static void test_vig060_order(void **state)
{
	(void)state;
	reset();
	add("httpd", "");
	add("getty", "");
	add("chronos", "dhcp");
	add("dhcp", "");
	add("bastion", "");
	assert_string_equal(start_order(0), "bastion dhcp chronos getty httpd");
	reset();
	add("c", "b");
	add("b", "a");
	add("a", "");
	add("d", "a c");
	add("aa", "d");
	assert_string_equal(start_order(0), "a b c d aa");
	reset();
	assert_string_equal(start_order(0), "");
}

/* VIG-060: the same set in any input order gives the same order (seeded shuffles) */
static void test_vig060_input_order_irrelevant(void **state)
{
	(void)state;
	const char *seed_text = getenv("AEGIS_TEST_SEED");
	unsigned seed = seed_text ? (unsigned)strtoul(seed_text, NULL, 0) : DEFAULT_SEED;
	char want[sizeof(reports[0])];

	printf("# AEGIS_TEST_SEED=%u\n", seed);
	srand(seed);
	reset();
	add("net", "");
	add("dhcp", "net");
	add("chronos", "dhcp net");
	add("httpd", "net");
	add("getty", "");
	add("x1", "y1");
	add("y1", "x1");
	add("z", "x1 ghost");
	snprintf(want, sizeof(want), "%s", start_order(4));
	assert_string_equal(want, "getty net dhcp chronos httpd");
	for (int round = 0; round < SHUFFLE_ROUNDS; round++) {
		for (size_t i = n_svcs - 1; i > 0; i--) {
			size_t j = (size_t)rand() % (i + 1);
			vigil_service_t t = svcs[i];
			svcs[i] = svcs[j];
			svcs[j] = t;
		}
		assert_string_equal(start_order(4), want);
		assert_string_equal(reports[0], "service 'z': after names unknown service 'ghost'; ignored");
		assert_string_equal(reports[1], "service 'x1' not started: dependency cycle x1 -> y1 -> x1");
		assert_string_equal(reports[2], "service 'y1' not started: dependency cycle y1 -> x1 -> y1");
		assert_string_equal(reports[3], "service 'z' not started: it starts after 'x1', which cannot start");
	}
}

/* VIG-061: unknown names are reported and dropped; the service starts */
static void test_vig061_unknown(void **state)
{
	(void)state;
	reset();
	add("chronos", "dhcp");
	add("getty", "");
	assert_string_equal(start_order(1), "chronos getty");
	assert_string_equal(reports[0], "service 'chronos': after names unknown service 'dhcp'; ignored");
}

/* VIG-062: cycles, self-dependency, waiters, everyone else still starts */
static void test_vig062_cycles(void **state)
{
	(void)state;
	reset();
	add("a", "b");
	add("b", "c");
	add("c", "a");
	add("d", "c");
	add("e", "d");
	add("self", "self");
	add("getty", "");
	add("httpd", "getty");
	assert_string_equal(start_order(6), "getty httpd");
	assert_string_equal(reports[0], "service 'a' not started: dependency cycle a -> b -> c -> a");
	assert_string_equal(reports[1], "service 'b' not started: dependency cycle b -> c -> a -> b");
	assert_string_equal(reports[2], "service 'c' not started: dependency cycle c -> a -> b -> c");
	assert_string_equal(reports[3], "service 'd' not started: it starts after 'c', which cannot start");
	assert_string_equal(reports[4], "service 'e' not started: it starts after 'd', which cannot start");
	assert_string_equal(reports[5], "service 'self' not started: dependency cycle self -> self");

	/* the shortest cycle is named when a service sits on several */
	reset();
	add("a", "z b");
	add("b", "a");
	add("z", "y");
	add("y", "x");
	add("x", "a");
	start_order(5);
	assert_string_equal(reports[0], "service 'a' not started: dependency cycle a -> b -> a");
	assert_string_equal(reports[2], "service 'x' not started: dependency cycle x -> a -> z -> y -> x");

	/* duplicates: the first wins, the second is reported */
	reset();
	add("getty", "");
	add("getty", "nothing");
	assert_string_equal(start_order(1), "getty");
	assert_string_equal(reports[0], "service 'getty' defined twice; the second is ignored");

	/* a cycle through all 64 services is reported in full */
	reset();
	for (int i = 0; i < VIGIL_SERVICES_MAX; i++) {
		char name[16], dep[16];
		snprintf(name, sizeof(name), "s%02d", i);
		snprintf(dep, sizeof(dep), "s%02d", (i + 1) % VIGIL_SERVICES_MAX);
		add(name, dep);
	}
	start_order(VIGIL_SERVICES_MAX);
	assert_non_null(strstr(reports[0], "cycle s00 -> s01 -> s02"));
	assert_non_null(strstr(reports[0], "-> s62 -> s63 -> s00"));

	/* too many services */
	vigil_order_t o;
	assert_int_equal(vigil_order_start(svcs, VIGIL_SERVICES_MAX + 1, &o, NULL, NULL), -E2BIG);
	assert_int_equal(o.count, 0);
}

/* VIG-063: stop order is the start order reversed */
static void test_vig063_stop(void **state)
{
	(void)state;
	vigil_order_t start, stop;
	reset();
	add("chronos", "dhcp");
	add("dhcp", "net");
	add("net", "");
	add("getty", "");
	assert_int_equal(vigil_order_start(svcs, n_svcs, &start, NULL, NULL), 0);
	assert_string_equal(order_text(&start), "getty net dhcp chronos");
	vigil_order_stop(&start, &stop);
	assert_string_equal(order_text(&stop), "chronos dhcp net getty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vig060_order),
		cmocka_unit_test(test_vig060_input_order_irrelevant),
		cmocka_unit_test(test_vig061_unknown),
		cmocka_unit_test(test_vig062_cycles),
		cmocka_unit_test(test_vig063_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
