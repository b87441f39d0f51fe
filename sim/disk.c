/*
 * Disks for the simulator: each --disk FILE[,fail-after=K] is a block device
 * of 512-byte sectors whose reads and writes are pread/pwrite on FILE, with no
 * cache, so the file holds every completed write (PLAT-011).  fail-after=K
 * lets the first K writes through and fails every later one with -EIO without
 * touching the file, to test what a crash after the K-th write leaves (PLAT-012).
 * blockdev_read/blockdev_write check ranges before these operations run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/blockdev.h"
#include "platform.h"
#include "sim.h"

#define SIM_DISK_NAME_MAX 16u
#define SIM_DISK_OPT_FAIL_AFTER "fail-after="
#define DECIMAL 10

typedef struct {
	blockdev_t dev;
	int fd;
	bool limited;        /* fail-after was given */
	uint64_t fail_after; /* writes allowed when limited */
	uint64_t writes;     /* writes asked for so far */
	char name[SIM_DISK_NAME_MAX];
} sim_disk_t;

static sim_disk_t disks[SIM_DISKS_MAX];
static unsigned disk_count;

/* Move len bytes between buf and the file at offset, retrying short transfers: 0 or -EIO. */
static int sim_disk_transfer(int fd, void *buf, size_t len, uint64_t offset, bool write)
{
	uint8_t *p = buf;
	while (len > 0) {
		ssize_t n = write ? pwrite(fd, p, len, (off_t)offset) : pread(fd, p, len, (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
		offset += (uint64_t)n;
	}
	return 0;
}

static int sim_disk_read(blockdev_t *dev, uint64_t lba, uint32_t count, void *buf)
{
	sim_disk_t *d = dev->priv;
	return sim_disk_transfer(d->fd, buf, (size_t)count * SIM_DISK_SECTOR_SIZE, lba * SIM_DISK_SECTOR_SIZE, false);
}

static int sim_disk_write(blockdev_t *dev, uint64_t lba, uint32_t count, const void *buf)
{
	sim_disk_t *d = dev->priv;
	d->writes++;
	if (d->limited && d->writes > d->fail_after)
		return -EIO;
	return sim_disk_transfer(d->fd, (void *)buf, (size_t)count * SIM_DISK_SECTOR_SIZE,
	                         lba * SIM_DISK_SECTOR_SIZE, true);
}

static const blockdev_ops_t sim_disk_ops = {
	.read = sim_disk_read,
	.write = sim_disk_write,
};

blockdev_t *platform_disk_get(unsigned index)
{
	return index < disk_count ? &disks[index].dev : NULL;
}

void sim_disk_reset(void)
{
	for (unsigned i = 0; i < disk_count; i++)
		close(disks[i].fd);
	memset(disks, 0, sizeof(disks));
	disk_count = 0;
}

/* The text after the comma: "fail-after=K" with K a decimal number of at most 64 bits. */
static int sim_disk_parse_option(const char *opt, sim_disk_t *d, char *why, size_t why_len)
{
	size_t prefix = strlen(SIM_DISK_OPT_FAIL_AFTER);
	if (strncmp(opt, SIM_DISK_OPT_FAIL_AFTER, prefix) != 0) {
		snprintf(why, why_len, "--disk: unknown option '%s' (known: fail-after=K)", opt);
		return -EINVAL;
	}
	const char *text = opt + prefix;
	char *end;
	errno = 0;
	unsigned long long k = strtoull(text, &end, DECIMAL);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0) {
		snprintf(why, why_len, "--disk: fail-after wants a decimal number of writes, got '%s'", text);
		return -EINVAL;
	}
	d->limited = true;
	d->fail_after = k;
	return 0;
}

/* Open path for reading and writing and size the disk from it. */
static int sim_disk_open(const char *path, sim_disk_t *d, char *why, size_t why_len)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		snprintf(why, why_len, "--disk: cannot open %s for reading and writing: %s", path, strerror(err));
		return -err;
	}
	struct stat st;
	int r = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_len, "--disk: %s is not a regular file", path);
		r = -EINVAL;
	} else if ((uint64_t)st.st_size < SIM_DISK_SECTOR_SIZE) {
		snprintf(why, why_len, "--disk: %s holds less than one %u-byte sector", path, SIM_DISK_SECTOR_SIZE);
		r = -EINVAL;
	}
	if (r != 0) {
		close(fd);
		return r;
	}
	d->fd = fd;
	d->dev.sector_count = (uint64_t)st.st_size / SIM_DISK_SECTOR_SIZE;
	return 0;
}

int sim_disk_add(const char *spec, char *why, size_t why_len)
{
	if (disk_count == SIM_DISKS_MAX) {
		snprintf(why, why_len, "at most %u --disk options", SIM_DISKS_MAX);
		return -ENOSPC;
	}
	sim_disk_t d = {0};
	/* "FILE" or "FILE,OPTION": split at the last comma unless a '/' follows it. */
	const char *comma = strrchr(spec, ',');
	if (comma != NULL && strchr(comma, '/') != NULL)
		comma = NULL;
	size_t path_len = comma != NULL ? (size_t)(comma - spec) : strlen(spec);
	if (path_len == 0) {
		snprintf(why, why_len, "--disk wants FILE[,fail-after=K], got '%s'", spec);
		return -EINVAL;
	}
	int r = comma != NULL ? sim_disk_parse_option(comma + 1, &d, why, why_len) : 0;
	if (r != 0)
		return r;
	char *path = strndup(spec, path_len);
	if (path == NULL) {
		snprintf(why, why_len, "--disk: out of memory");
		return -ENOMEM;
	}
	r = sim_disk_open(path, &d, why, why_len);
	free(path);
	if (r != 0)
		return r;
	sim_disk_t *slot = &disks[disk_count];
	*slot = d;
	snprintf(slot->name, sizeof(slot->name), "disk%u", disk_count);
	slot->dev.name = slot->name;
	slot->dev.sector_size = SIM_DISK_SECTOR_SIZE;
	slot->dev.read_only = false;
	slot->dev.ops = &sim_disk_ops;
	slot->dev.priv = slot;
	disk_count++;
	return 0;
}
