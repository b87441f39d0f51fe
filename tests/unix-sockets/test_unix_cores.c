/*
 * tests/unix-sockets: the pure cores (spec/unix-sockets.md): the connection's
 * two streams and shutdown (UNIX-030..UNIX-036, UNIX-040), the listener
 * queue (UNIX-020), addresses (UNIX-010, UNIX-013) and option encoding
 * (UNIX-050..UNIX-052).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <aegis/errno.h>

#include "net/unix_addr.h"
#include "net/unix_backlog.h"
#include "net/unix_conn.h"
#include "net/unix_peer.h"

#define T_BACKLOG 2
#define T_PID 42
#define T_UID 1000u
#define T_GID 100u

/* UNIX-001: the ABI's layouts and the Aegis option number clear of Linux's SO_* range */
static void test_unix_001_abi(void **state)
{
	(void)state;
	assert_int_equal(sizeof(aegis_sockaddr_un_t), 110);
	assert_int_equal(sizeof(aegis_ucred_t), 12);
	assert_int_equal(offsetof(aegis_peercaps_t, slots), 8);
	assert_true(AEGIS_SO_PEERCAPS > 0x100);
	assert_int_equal(AEGIS_SO_PEERCRED, 17);
}

/* UNIX-030, UNIX-032, UNIX-033, UNIX-036, UNIX-040 */
static void test_unix_030_conn_streams(void **state)
{
	(void)state;
	unix_conn_t *c = malloc(sizeof(*c));
	uint8_t buf[8];
	unix_conn_init(c);
	assert_int_equal(unix_conn_poll(c, 1), PIPE_POLLOUT);
	assert_int_equal(unix_conn_send(c, 0, (const uint8_t *)"abc", 3, false).count, 3);
	assert_int_equal(unix_conn_poll(c, 1), PIPE_POLLIN | PIPE_POLLOUT);
	assert_int_equal(unix_conn_recv(c, 0, buf, sizeof(buf), true).count, -EAGAIN);
	assert_int_equal(unix_conn_recv(c, 1, buf, sizeof(buf), true).count, 3);
	assert_memory_equal(buf, "abc", 3);
	assert_true(unix_conn_shutdown(c, 0, UNIX_SHUT_SEND) >= 0);
	assert_true(unix_conn_shutdown(c, 0, UNIX_SHUT_SEND) >= 0);
	pipe_result_t r = unix_conn_send(c, 0, (const uint8_t *)"x", 1, false);
	assert_int_equal(r.count, -EPIPE);
	assert_true(r.actions & PIPE_ACT_SIGPIPE);
	assert_int_equal(unix_conn_recv(c, 1, buf, sizeof(buf), false).count, 0);
	assert_int_equal(unix_conn_shutdown(c, 0, 0x4u), -EINVAL);
	assert_true(unix_conn_close(c, 1) >= 0);
	assert_true(unix_conn_poll(c, 0) & PIPE_POLLHUP);
	assert_int_equal(unix_conn_close(c, 1), -EINVAL);
	assert_false(unix_conn_released(c));
	assert_true(unix_conn_close(c, 0) >= 0);
	assert_true(unix_conn_released(c));
	assert_int_equal(unix_conn_poll(c, 2), 0);
	free(c);
}

/* UNIX-020 */
static void test_unix_020_backlog(void **state)
{
	(void)state;
	unix_backlog_t b;
	int x, y, z;
	unix_backlog_init(&b, T_BACKLOG);
	assert_int_equal(unix_backlog_clamp(0), 1);
	assert_int_equal(unix_backlog_clamp(-1), UNIX_BACKLOG_MAX);
	assert_int_equal(unix_backlog_clamp(1 << 20), UNIX_BACKLOG_MAX);
	assert_int_equal(unix_backlog_push(&b, NULL), -EINVAL);
	assert_int_equal(unix_backlog_push(&b, &x), 0);
	assert_int_equal(unix_backlog_push(&b, &y), 0);
	assert_int_equal(unix_backlog_push(&b, &z), -ECONNREFUSED);
	assert_ptr_equal(unix_backlog_pop(&b), &x);
	assert_ptr_equal(unix_backlog_pop(&b), &y);
	assert_null(unix_backlog_pop(&b));
}

/* UNIX-010, UNIX-013 */
static void test_unix_010_addresses(void **state)
{
	(void)state;
	aegis_sockaddr_un_t raw = { .sun_family = AEGIS_AF_UNIX };
	unix_addr_t a;
	memcpy(raw.sun_path, "/run/x", 6);
	assert_int_equal(unix_addr_parse(&raw, 1, &a), -EINVAL);
	assert_int_equal(unix_addr_parse(&raw, sizeof(raw) + 1, &a), -EINVAL);
	assert_int_equal(unix_addr_parse(&raw, 2, &a), -EOPNOTSUPP);
	assert_int_equal(unix_addr_parse(&raw, 2 + 4, &a), 0);
	assert_string_equal(a.path, "/run");
	assert_int_equal(unix_addr_parse(&raw, sizeof(raw), &a), 0);
	assert_string_equal(a.path, "/run/x");
	aegis_sockaddr_un_t out;
	assert_int_equal(unix_addr_encode(&a, &out), 2 + 6 + 1);
	assert_string_equal(out.sun_path, "/run/x");
	raw.sun_family = AEGIS_AF_INET;
	assert_int_equal(unix_addr_parse(&raw, sizeof(raw), &a), -EINVAL);
	size_t copy;
	assert_int_equal(unix_out_len(-1, 4, &copy), -EINVAL);
	assert_int_equal(unix_out_len(2, 4, &copy), 0);
	assert_int_equal(copy, 2);
}

/* UNIX-050, UNIX-051, UNIX-052 */
static void test_unix_050_peer_options(void **state)
{
	(void)state;
	cred_t cred;
	cap_proc_t caps;
	unix_peer_t peer;
	unix_option_value_t v;
	memset(&caps, 0, sizeof(caps));
	cred_init(&cred, 0, 0);
	cred.euid = T_UID;
	cred.egid = T_GID;
	cap_table_set_baseline(&caps.held);
	caps.authenticated = true;
	unix_peer_take(&peer, T_PID, &cred, &caps);
	assert_int_equal(unix_peer_option(&peer, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &v), sizeof(aegis_ucred_t));
	assert_int_equal(v.cred.pid, T_PID);
	assert_int_equal(v.cred.uid, T_UID);
	assert_int_equal(v.cred.gid, T_GID);
	assert_int_equal(unix_peer_option(&peer, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCAPS, &v), sizeof(aegis_peercaps_t));
	assert_int_equal(v.caps.flags, AEGIS_PEERCAPS_AUTHENTICATED);
	assert_int_equal(v.caps.count, CAP_TABLE_SLOTS);
	assert_int_equal(v.caps.slots[CAP_KIND_IPC - 1].rights, CAP_RIGHTS_READ);
	assert_int_equal(unix_peer_option(NULL, AEGIS_SOL_SOCKET, AEGIS_SO_PEERCRED, &v), -ENOTCONN);
	assert_int_equal(unix_peer_option(NULL, AEGIS_SOL_SOCKET, AEGIS_SO_TYPE, &v), sizeof(int32_t));
	assert_int_equal(v.type, AEGIS_SOCK_STREAM);
	assert_int_equal(unix_peer_option(&peer, AEGIS_SOL_SOCKET + 1, AEGIS_SO_TYPE, &v), -ENOPROTOOPT);
	assert_int_equal(unix_peer_option(&peer, AEGIS_SOL_SOCKET, -1, &v), -ENOPROTOOPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_001_abi),
		cmocka_unit_test(test_unix_030_conn_streams),
		cmocka_unit_test(test_unix_020_backlog),
		cmocka_unit_test(test_unix_010_addresses),
		cmocka_unit_test(test_unix_050_peer_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
