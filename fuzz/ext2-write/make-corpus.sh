#!/bin/sh
# Writes the ext2-write fuzz seeds (fuzz/ext2-write/corpus/): the same small
# mke2fs images as fuzz/ext2/ but with 48 inodes, so the write script has
# room for new files.
# Run from the repository root.
set -eu
exec fuzz/ext2/make-corpus.sh fuzz/ext2-write/corpus 48
