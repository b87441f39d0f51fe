"""Reading a built initrd (cpio newc) from tests: how many entries the kernel will register,
so a test's expected [INITRD] line follows what the build put into the archive."""

NEWC_MAGIC = b"070701"
NEWC_HEADER_SIZE = 110
NEWC_TRAILER = "TRAILER!!!"


def _field(header, index):
    """The index-th 8-digit hex field after the magic."""
    start = len(NEWC_MAGIC) + 8 * index
    return int(header[start:start + 8], 16)


def entry_names(path):
    """Every entry name in the archive, without '.' and the trailer."""
    with open(path, "rb") as f:
        data = f.read()
    names, at = [], 0
    while True:
        header = data[at:at + NEWC_HEADER_SIZE]
        if len(header) < NEWC_HEADER_SIZE or header[:6] != NEWC_MAGIC:
            raise ValueError("%s: no newc header at offset %d" % (path, at))
        file_size, name_size = _field(header, 6), _field(header, 11)
        name = data[at + NEWC_HEADER_SIZE:at + NEWC_HEADER_SIZE + name_size - 1].decode()
        if name == NEWC_TRAILER:
            return names
        if name not in (".", ""):
            names.append(name)
        at = (at + NEWC_HEADER_SIZE + name_size + 3) & ~3
        at = (at + file_size + 3) & ~3


def registered_line(path):
    """The [INITRD] OK line the kernel prints for this archive."""
    return "[INITRD] OK: %d files registered" % len(entry_names(path))
