/*
 * What the kernel says it is: uname(2), /proc/version and the boot banner.
 */
#ifndef AEGIS_KERNEL_VERSION_H
#define AEGIS_KERNEL_VERSION_H

#define AEGIS_SYSNAME "Aegis"
#define AEGIS_RELEASE "0.3.0"
#define AEGIS_VERSION_TEXT "#1 Aegis capability kernel"
#define AEGIS_DEFAULT_HOSTNAME "aegis"

#endif
