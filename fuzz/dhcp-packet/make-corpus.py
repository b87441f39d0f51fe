#!/usr/bin/python3
"""Crafted seeds for the DHCP packet harness (the dnsmasq-*.bin seeds are real replies,
captured with `dhcp-host --capture DIR` against dnsmasq 2.90 in a network namespace).

Each crafted seed exercises one rule of spec/dhcp-client.md: option overload (52) into
file and sname, options split across instances (RFC 3396), an infinite lease, a
client DISCOVER, an OFFER without server identifier or T1/T2 (as QEMU's slirp sends),
and a reply cut inside an option. Run from this folder: ./make-corpus.py
"""
import struct

COOKIE = bytes([99, 130, 83, 99])
MAC = bytes.fromhex("525400123456")


def header(op, xid, yiaddr=0, flags=0x8000):
    h = struct.pack("!BBBBIHHIIII", op, 1, 6, 0, xid, 0, flags, 0, yiaddr, 0, 0)
    return h + MAC + bytes(10) + bytes(64) + bytes(128)


def opt(tag, data):
    return bytes([tag, len(data)]) + data


def ip(a, b, c, d):
    return bytes([a, b, c, d])


def pad300(b):
    return b + bytes(max(0, 300 - len(b)))


def write(name, data):
    with open("corpus/" + name, "wb") as f:
        f.write(data)


offer_ip = struct.unpack("!I", ip(10, 0, 2, 15))[0]

# overload: main area says "both"; file holds lease and mask, sname holds the router
h = bytearray(header(2, 0x11223344, offer_ip))
file_opts = opt(51, struct.pack("!I", 86400)) + opt(1, ip(255, 255, 255, 0)) + b"\xff"
sname_opts = opt(3, ip(10, 0, 2, 2)) + b"\xff"
h[108:108 + len(file_opts)] = file_opts
h[44:44 + len(sname_opts)] = sname_opts
write("overload-both.bin", pad300(bytes(h) + COOKIE + opt(53, b"\x05") + opt(54, ip(10, 0, 2, 2)) +
                                  opt(52, b"\x03") + b"\xff"))

# split options: DNS list and lease time each in two pieces
write("split-options.bin", pad300(header(2, 0x55667788, offer_ip) + COOKIE + opt(53, b"\x05") +
                                  opt(6, ip(10, 0, 2, 3)) + opt(51, b"\x00\x00") + opt(6, ip(10, 0, 2, 4)) +
                                  opt(51, b"\x0e\x10") + opt(54, ip(10, 0, 2, 2)) + b"\xff"))

# infinite lease with a domain carrying trailing NULs
write("infinite-lease.bin", pad300(header(2, 0x01020304, offer_ip) + COOKIE + opt(53, b"\x05") +
                                   opt(54, ip(10, 0, 2, 2)) + opt(51, b"\xff\xff\xff\xff") +
                                   opt(15, b"example.org\x00\x00") + b"\xff"))

# slirp-style OFFER: no 54, no T1/T2, pads between options
write("slirp-offer.bin", pad300(header(2, 0x0a0b0c0d, offer_ip, 0) + COOKIE + opt(53, b"\x02") + b"\x00\x00" +
                                opt(1, ip(255, 255, 255, 0)) + opt(3, ip(10, 0, 2, 2)) + opt(6, ip(10, 0, 2, 3)) +
                                opt(51, struct.pack("!I", 86400)) + b"\xff"))

# a client DISCOVER as our builder writes it
write("client-discover.bin", pad300(header(1, 0x0badcafe) + COOKIE + opt(53, b"\x01") +
                                    opt(61, b"\x01" + MAC) + opt(55, bytes([1, 3, 6, 15, 51, 58, 59])) + b"\xff"))

# cut inside the lease option
write("truncated.bin", header(2, 0x0badf00d, offer_ip) + COOKIE + opt(53, b"\x05") + bytes([51, 4, 0, 0]))
