/*
 * /dev/pts (spec/tty.md TTY-111): the directory of pseudo-terminal slaves,
 * one character device per pair whose master is open, listed and looked up
 * through tty/pty.h.  devfs.c lists it as /dev/pts.
 */
#ifndef AEGIS_FS_DEVPTS_H
#define AEGIS_FS_DEVPTS_H

#include "fs/vnode.h"

#define DEVPTS_NAME "pts"

/* The /dev/pts directory node with inode ino (a new reference); NULL when memory is short. */
vnode_t *devpts_dir(uint64_t ino);

#endif
