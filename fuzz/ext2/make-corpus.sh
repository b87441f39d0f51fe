#!/bin/sh
# Writes the ext2 fuzz seeds (fuzz/ext2/corpus/): real mke2fs images of a tiny
# tree (file, subdirectory, fast and slow symlink) at 1 and 2 KiB blocks,
# 128 KiB each but cut after their last non-zero byte (the harness pads the
# input with zeros back to 128 KiB), and a revision-0 image without the
# filetype feature.  Run from the repository root; needs mke2fs and python3.
# Arguments: another output folder and inode count (fuzz/ext2-write/ makes
# the same seeds with room for new files).
set -eu
out=${1:-fuzz/ext2/corpus}
inodes=${2:-16}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/sub" "$out"
echo hi > "$tmp/src/a"
echo world > "$tmp/src/sub/b"
ln -s a "$tmp/src/link"
ln -s xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "$tmp/src/slow"
seed() { # name, mke2fs options
	truncate -s 128K "$tmp/img"
	mke2fs -q -F -t ext2 -N $inodes -m 0 $2 -d "$tmp/src" "$tmp/img"
	/usr/bin/python3 -c 'import sys; d=open(sys.argv[1],"rb").read().rstrip(b"\0"); open(sys.argv[2],"wb").write(d)' \
		"$tmp/img" "$out/$1"
	rm -f "$tmp/img"
}
seed tiny-1k "-b 1024 -O ^resize_inode,^dir_index,^ext_attr"
seed tiny-2k "-b 2048 -O ^resize_inode,^dir_index,^ext_attr"
seed tiny-rev0 "-b 1024 -r 0"
