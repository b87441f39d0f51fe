"""The boot oracle shared by the sim and QEMU drivers: which console lines are markers, and
whether expected markers appear in order (the original Aegis's rule: an ordered subsequence of
lines starting with '[', each matched as a prefix, gaps allowed)."""


def markers(lines):
    """Lines that start with '[' (the boot oracle's view of the console)."""
    return [l.rstrip("\r") for l in lines if l.startswith("[")]


def find_in_order(lines, expected):
    """Check that each expected prefix starts some line, in order (gaps allowed).
    Returns None on success, or a description of the first item not found."""
    i = 0
    for want in expected:
        while i < len(lines) and not lines[i].startswith(want):
            i += 1
        if i == len(lines):
            return "not found in order: %r" % want
        i += 1
    return None
