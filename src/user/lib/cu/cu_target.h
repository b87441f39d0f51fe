/*
 * The operand rules cp, mv and ln share (spec/coreutils.md CU-200..220):
 * `SOURCE DEST`, or `SOURCE... DIRECTORY` where each source lands in the
 * directory under its last component, with GNU's messages for a missing
 * operand (`cp: missing file operand`, `... missing destination file operand
 * after 'a'`) and a last operand that is not a directory
 * (`cp: target 'x' is not a directory`).
 */
#ifndef AEGIS_CU_TARGET_H
#define AEGIS_CU_TARGET_H

#include <stdbool.h>

/* Do one source: true when it went well (the callback reports its own failures). */
typedef bool (*cu_target_fn)(void *ctx, const char *src, const char *dst);

/*
 * Run fn for each of the n operands in ops (the last is the target).
 * no_deref_target (ln -n) treats a symbolic link to a directory as a
 * file.  Returns the exit status: 0 when every call went well, else 1
 * (usage errors print `Try '<prog> --help' ...`).
 */
int cu_target_each(const char *prog, int n, char **ops, bool no_deref_target, cu_target_fn fn, void *ctx);

#endif
