/*
 * PROC-116: aegis_sysinfo_t is Linux's x86_64 struct sysinfo, field by
 * field, judged against the host's <sys/sysinfo.h> (glibc copies the
 * kernel's layout).  What the kernel puts in it is checked by proctest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/sysinfo.h>

#include <cmocka.h>

#include <aegis/linux_abi.h>

#define SAME_FIELD(f)                                                                              \
	do {                                                                                       \
		assert_int_equal(offsetof(aegis_sysinfo_t, f), offsetof(struct sysinfo, f));       \
		assert_int_equal(sizeof(((aegis_sysinfo_t *)0)->f), sizeof(((struct sysinfo *)0)->f)); \
	} while (0)

/* PROC-116: same size, and every field at the same offset with the same width. */
static void test_proc_116_sysinfo_layout_is_linux(void **state)
{
	(void)state;
	assert_int_equal(sizeof(aegis_sysinfo_t), sizeof(struct sysinfo));
	SAME_FIELD(uptime);
	SAME_FIELD(loads);
	SAME_FIELD(totalram);
	SAME_FIELD(freeram);
	SAME_FIELD(sharedram);
	SAME_FIELD(bufferram);
	SAME_FIELD(totalswap);
	SAME_FIELD(freeswap);
	SAME_FIELD(procs);
	SAME_FIELD(pad);
	SAME_FIELD(totalhigh);
	SAME_FIELD(freehigh);
	SAME_FIELD(mem_unit);
	assert_int_equal(AEGIS_SYSINFO_LOAD_SHIFT, SI_LOAD_SHIFT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proc_116_sysinfo_layout_is_linux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
