/*
 * The terminal ABI of Aegis: struct termios as the TCGETS/TCSETS ioctls pass it,
 * struct winsize, the flag bits, the c_cc indices and the ioctl numbers.
 *
 * Everything has the Linux x86_64 layout and values, so static Linux programs
 * (stty, a libc's tcgetattr) work unchanged.  The kernel's struct is the one the
 * Linux kernel copies (4 flag words, c_line, 19 control characters: 36 bytes),
 * not glibc's larger userland struct, so it is named aegis_termios_t to keep the
 * two apart in host builds.  The flag macros are guarded as a block, like
 * errno.h: a host <termios.h> included first defines the same values.
 */
#ifndef AEGIS_TERMIOS_H
#define AEGIS_TERMIOS_H

#include <stdint.h>

#define AEGIS_NCCS 19

typedef struct aegis_termios {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[AEGIS_NCCS];
} aegis_termios_t;

typedef struct aegis_winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
} aegis_winsize_t;

/* A control character of this value disables its function (_POSIX_VDISABLE). */
#define AEGIS_VDISABLE 0

#ifndef VINTR
/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define IGNPAR 0000004
#define PARMRK 0000010
#define INPCK 0000020
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IUCLC 0001000
#define IXON 0002000
#define IXANY 0004000
#define IXOFF 0010000
#define IMAXBEL 0020000
#define IUTF8 0040000

/* c_oflag */
#define OPOST 0000001
#define OLCUC 0000002
#define ONLCR 0000004
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040

/* c_cflag (stored only: the console has no line settings) */
#define CSIZE 0000060
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
#define CLOCAL 0004000
#define B38400 0000017

/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define XCASE 0000004
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE 0004000
#define FLUSHO 0010000
#define PENDIN 0040000
#define IEXTEN 0100000
#define EXTPROC 0200000

/* TCFLSH arguments */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2
#endif

#ifndef TCGETS
/* ioctl numbers */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCFLSH 0x540B
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#endif

#ifndef TIOCSCTTY
/* Controlling-terminal ioctls (spec/tty.md TTY-122, TTY-123, TTY-126). */
#define TIOCSCTTY 0x540E
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#endif

#ifndef TIOCGPTN
/* Pseudo-terminal master ioctls (spec/tty.md TTY-110, TTY-111). */
#define TIOCGPTN 0x80045430u
#define TIOCSPTLCK 0x40045431u
#define TIOCGPTLCK 0x80045439u
#endif

#endif
