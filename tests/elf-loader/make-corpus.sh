#!/bin/bash
# Regenerates the real static programs the elf-loader tests and the ELF fuzz
# corpus use (spec/elf-loader.md ELF-070, ELF-071).  Their outputs are
# committed, so tests never depend on a compiler at run time; rerun this only
# to refresh them.  Needs musl-gcc (Debian package musl-tools).
#   tests/elf-loader/data/hello-musl   musl -static hello, stripped (4 LOADs)
#   tests/elf-loader/data/tls-musl     musl -static with __thread data (PT_TLS)
#   fuzz/elf/corpus/real-mini-musl     a 624-byte -nostdlib program (1 R+X LOAD)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-static -Os -s -Wl,--build-id=none)

cat >"$work/hello.c" <<'C'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
C
cat >"$work/tls.c" <<'C'
#include <stdio.h>
static __thread int counter = 7;
int main(void) { counter++; printf("tls %d\n", counter); return 0; }
C
cat >"$work/mini.c" <<'C'
void _start(void) { for (;;) ; }
C

musl-gcc "${flags[@]}" -o "$root/tests/elf-loader/data/hello-musl" "$work/hello.c"
musl-gcc "${flags[@]}" -o "$root/tests/elf-loader/data/tls-musl" "$work/tls.c"
musl-gcc "${flags[@]}" -nostdlib -Wl,-z,noseparate-code -o "$root/fuzz/elf/corpus/real-mini-musl" "$work/mini.c"
ls -l "$root/tests/elf-loader/data" "$root/fuzz/elf/corpus/real-mini-musl"
