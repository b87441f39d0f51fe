"""Add set-ID copies of a program to a built initrd (cpio newc) for tests/credentials.

tools/mkinitrd writes every entry owned by 0:0 with plain modes; the credential checks need files
owned by other accounts with set-user-ID and set-group-ID bits, which the kernel takes from the
archive's uid, gid and mode fields (spec/credentials.md CRED-087).  add_entries copies an archive,
drops its trailer, appends a directory and files with the owners and modes given, and ends it
with a new trailer, within the kernel's rules (parents first, fresh inode numbers, zero padding).
"""
import os

MAGIC = b"070701"
HEADER_SIZE = 110
FIELDS = 13
FIELD_FILESIZE, FIELD_NAMESIZE = 6, 11
ALIGN = 4
TRAILER = "TRAILER!!!"
S_IFREG, S_IFDIR = 0o100000, 0o040000
DIR_MODE = 0o755
FIRST_INO = 100000


def _pad(n):
    return (ALIGN - n % ALIGN) % ALIGN


def _entry(ino, mode, uid, gid, nlink, name, data):
    raw = name.encode() + b"\0"
    fields = [ino, mode, uid, gid, nlink, 0, len(data), 0, 0, 0, 0, len(raw), 0]
    head = MAGIC + b"".join(b"%08X" % f for f in fields)
    return head + raw + b"\0" * _pad(HEADER_SIZE + len(raw)) + data + b"\0" * _pad(len(data))


def _trailer_offset(data):
    at = 0
    while True:
        head = data[at:at + HEADER_SIZE]
        if head[:len(MAGIC)] != MAGIC:
            raise ValueError("no newc header at offset %d" % at)
        field = lambda i: int(head[len(MAGIC) + 8 * i:len(MAGIC) + 8 * i + 8], 16)
        size, name_size = field(FIELD_FILESIZE), field(FIELD_NAMESIZE)
        name = data[at + HEADER_SIZE:at + HEADER_SIZE + name_size - 1].decode()
        if name == TRAILER:
            return at
        at += HEADER_SIZE + name_size + _pad(HEADER_SIZE + name_size)
        at += size + _pad(size)


def add_entries(src, dst, directory, files):
    """Copy src to dst with directory (0:0 0755) and files [(name, source, uid, gid, perm)] in it."""
    with open(src, "rb") as f:
        data = f.read()
    out = bytearray(data[:_trailer_offset(data)])
    ino = FIRST_INO
    out += _entry(ino, S_IFDIR | DIR_MODE, 0, 0, 2, directory, b"")
    for name, source, uid, gid, perm in files:
        ino += 1
        with open(source, "rb") as f:
            body = f.read()
        out += _entry(ino, S_IFREG | perm, uid, gid, 1, directory + "/" + name, body)
    out += _entry(0, 0, 0, 0, 1, TRAILER, b"")
    with open(dst, "wb") as f:
        f.write(out)
    return os.path.getsize(dst)
