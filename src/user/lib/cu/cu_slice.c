/*
 * Counting and copying a slice of an input (see cu_slice.h).
 */
#include "cu/cu_slice.h"

#include <aegis/errno.h>
#include <aegis/fcntl.h>

#include <string.h>

#include "cu/cu_msg.h"
#include "glue/glue.h"

#define CU_SLICE_BUF 65536

static char cu_slice_mem[CU_SLICE_MEM_MAX];

long cu_slice_open(cu_slice_src_t *s, int fd, bool need_count)
{
	s->fd = fd;
	s->in_memory = false;
	s->mem_len = 0;
	s->start = sys_lseek(fd, 0, AEGIS_SEEK_CUR);
	if (!need_count || s->start >= 0)
		return 0;
	s->in_memory = true;
	for (;;) {
		if (s->mem_len == sizeof(cu_slice_mem))
			return -EFBIG;
		long n = sys_read(fd, cu_slice_mem + s->mem_len, sizeof(cu_slice_mem) - s->mem_len);
		if (n == -EINTR)
			continue;
		if (n < 0)
			return n;
		if (n == 0)
			return 0;
		s->mem_len += (size_t)n;
	}
}

/* The next block of the input: its length (0 at the end) or -errno. */
static long cu_slice_next(cu_slice_src_t *s, size_t *pos, const char **data)
{
	static char buf[CU_SLICE_BUF];

	if (s->in_memory) {
		*data = cu_slice_mem + *pos;
		long n = (long)(s->mem_len - *pos);
		*pos = s->mem_len;
		return n;
	}
	long n;
	do
		n = sys_read(s->fd, buf, sizeof(buf));
	while (n == -EINTR);
	*data = buf;
	return n;
}

static long cu_slice_rewind(cu_slice_src_t *s, size_t *pos)
{
	*pos = 0;
	if (s->in_memory || s->start < 0)
		return 0;
	long r = sys_lseek(s->fd, s->start, AEGIS_SEEK_SET);
	return r < 0 ? r : 0;
}

long cu_slice_count(cu_slice_src_t *s, bool by_lines, uint64_t *count)
{
	size_t pos;
	long r = cu_slice_rewind(s, &pos);
	uint64_t n = 0;
	char last = '\n';
	const char *data;

	if (r < 0)
		return r;
	while ((r = cu_slice_next(s, &pos, &data)) > 0) {
		if (!by_lines) {
			n += (uint64_t)r;
			continue;
		}
		for (long i = 0; i < r; i++)
			n += data[i] == '\n';
		last = data[r - 1];
	}
	if (r < 0)
		return r;
	*count = n + (by_lines && last != '\n');
	return cu_slice_rewind(s, &pos);
}

long cu_slice_emit(cu_slice_src_t *s, bool by_lines, uint64_t skip, uint64_t take, cu_out_t *out)
{
	size_t pos = 0;
	const char *data;
	long r = 0;

	while (take > 0 && (r = cu_slice_next(s, &pos, &data)) > 0) {
		size_t i = 0, len = (size_t)r;
		if (!by_lines) {
			uint64_t drop = skip < len ? skip : len;
			skip -= drop;
			i = (size_t)drop;
			size_t give = (uint64_t)(len - i) < take ? len - i : (size_t)take;
			cu_out_write(out, data + i, give);
			take -= give;
			continue;
		}
		for (; i < len && skip > 0; i++)
			skip -= data[i] == '\n';
		size_t from = i;
		for (; i < len && take > 0; i++)
			take -= data[i] == '\n';
		cu_out_write(out, data + from, i - from);
	}
	return take > 0 && r < 0 ? r : 0;
}

int cu_slice_run(const char *prog, char **names, int n, bool quiet, bool verbose, cu_slice_fn fn, void *ctx)
{
	static char *stdin_only[] = {"-"};
	cu_out_t out;
	int status = CU_EXIT_OK;
	bool first = true;

	if (n == 0) {
		names = stdin_only;
		n = 1;
	}
	bool headers = verbose || (n > 1 && !quiet);
	cu_out_init(&out, CU_STDOUT);
	for (int i = 0; i < n; i++) {
		bool is_stdin = strcmp(names[i], "-") == 0;
		const char *shown = is_stdin ? "standard input" : names[i];
		long fd = is_stdin ? CU_STDIN : sys_open(names[i], AEGIS_O_RDONLY | AEGIS_O_CLOEXEC, 0);
		if (fd < 0) {
			cu_msg_err(prog, fd, "cannot open '%s' for reading", names[i]);
			status = CU_EXIT_FAIL;
			continue;
		}
		if (headers)
			cu_out_printf(&out, "%s==> %s <==\n", first ? "" : "\n", shown);
		first = false;
		long r = fn(ctx, (int)fd, &out);
		if (r < 0) {
			cu_out_flush(&out);
			cu_msg_err(prog, r, "error reading '%s'", shown);
			status = CU_EXIT_FAIL;
		}
		if (!is_stdin)
			sys_close((int)fd);
	}
	long w = cu_out_flush(&out);
	if (w < 0) {
		cu_msg_err(prog, w, "error writing 'standard output'");
		status = CU_EXIT_FAIL;
	}
	return status;
}
