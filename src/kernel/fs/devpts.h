/*
 * /dev/pts (spec/tty.md TTY-111): the directory of pseudo-terminal slaves,
 * one character device per pair whose master is open, listed and looked up
 * through tty/pty.h.  devfs.c grafts it as /dev/pts.
 */
#ifndef AEGIS_FS_DEVPTS_H
#define AEGIS_FS_DEVPTS_H

#include "fs/vnode.h"

#define DEVPTS_NAME "pts"

/* The /dev/pts node under dev (made once, then cached); NULL when memory is short. */
vnode_t *devpts_dir(vnode_t *dev, uint64_t ino);

#endif
