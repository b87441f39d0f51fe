/*
 * Vigil library: filling a caller's message buffer (spec/vigil.md VIG-002).
 *
 * vigil_msg_set formats into msg (VIGIL_MSG_MAX bytes) with snprintf, then
 * replaces any byte below 0x20 with '?' so a message is always one printable
 * line even when it quotes hostile input.  msg may be NULL (no message wanted).
 */
#ifndef AEGIS_VIGIL_MSG_H
#define AEGIS_VIGIL_MSG_H

#include "vigil/vigil_limits.h"

void vigil_msg_set(char *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefix msg (already filled) with "service 'NAME': FILE: " in place. */
void vigil_msg_prefix(char *msg, const char *name, const char *file);

#endif
