/* Exit statuses and the `caps` text (spec/shell.md SH-030, SH-060). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <aegis/errno.h>

#include "shell/sh_caps.h"
#include "shell/sh_status.h"

/* SH-030: exit codes, 128 + signal for a signal or a stop. */
static void test_sh_030_wait_status(void **state)
{
	assert_int_equal(sh_status_of_wait(0), 0);
	assert_int_equal(sh_status_of_wait(3 << 8), 3);
	assert_int_equal(sh_status_of_wait(2), 130);
	assert_int_equal(sh_status_signal(9), 9);
	assert_int_equal(sh_status_of_wait(9 | 0x80), 137);
	assert_int_equal(sh_status_stopped((20 << 8) | 0x7f), 1);
	assert_int_equal(sh_status_signal((20 << 8) | 0x7f), 0);
	assert_int_equal(sh_status_of_wait((20 << 8) | 0x7f), 148);
	assert_int_equal(sh_status_signal(1 << 8), 0);
}

/* SH-060: one line per kind held, rights as rwx. */
static void test_sh_060_caps_text(void **state)
{
	cap_slot_t slots[CAP_TABLE_SLOTS] = { 0 };
	char out[512];

	slots[CAP_KIND_VFS_READ - 1] = (cap_slot_t){ CAP_KIND_VFS_READ, CAP_RIGHTS_READ };
	slots[CAP_KIND_AUTH - 1] = (cap_slot_t){ CAP_KIND_AUTH, 0 };
	slots[CAP_KIND_CAP_GRANT - 1] = (cap_slot_t){ CAP_KIND_CAP_GRANT, CAP_RIGHTS_READ | CAP_RIGHTS_EXEC };
	slots[CAP_KIND_POWER - 1] = (cap_slot_t){ CAP_KIND_POWER, CAP_RIGHTS_ALL };
	slots[20] = (cap_slot_t){ 40, CAP_RIGHTS_WRITE };
	long n = sh_caps_format(slots, CAP_TABLE_SLOTS, out, sizeof(out));
	assert_string_equal(out, "VFS_READ r--\nCAP_GRANT r-x\nPOWER rwx\nKIND40 -w-\n");
	assert_int_equal(n, (long)strlen(out));
	assert_int_equal(sh_caps_format(slots, CAP_TABLE_SLOTS, out, 20), -E2BIG);
	assert_int_equal(sh_caps_format(slots, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(sh_caps_format(slots, 0, out, 0), -E2BIG);
	for (uint32_t k = 1; k <= CAP_KIND_MAX; k++)
		assert_non_null(sh_cap_kind_name(k));
	assert_null(sh_cap_kind_name(CAP_KIND_MAX + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sh_030_wait_status),
		cmocka_unit_test(test_sh_060_caps_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
