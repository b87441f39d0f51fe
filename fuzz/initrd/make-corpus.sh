#!/bin/sh
# Writes the initrd fuzz seeds (fuzz/initrd/corpus/) with tools/mkinitrd: a
# file, a nested tree with an executable and a symlink, the empty archive
# (only the root and the trailer) and one padded to 512 bytes as GNU cpio
# pads.  Run from the repository root.
set -eu
out=fuzz/initrd/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out" "$tmp/tree/bin" "$tmp/empty"
printf 'NAME="Aegis initrd"\n' > "$tmp/release"
printf 'hi\n' > "$tmp/tree/bin/hello"
chmod 755 "$tmp/tree/bin/hello"
ln -s bin/hello "$tmp/tree/init"
/usr/bin/python3 tools/mkinitrd "$out/one-file" /etc/initrd-release="$tmp/release"
/usr/bin/python3 tools/mkinitrd "$out/tree-link" --dir "$tmp/tree"
/usr/bin/python3 tools/mkinitrd "$out/empty" --dir "$tmp/empty"
cp "$out/one-file" "$out/padded-512"
size=$(wc -c < "$out/padded-512")
truncate -s $(( (size + 511) / 512 * 512 )) "$out/padded-512"
