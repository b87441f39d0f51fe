/*
 * Bringing up the capability subsystem at boot (CAP-091).  Call once from
 * kernel_main after the kernel virtual allocator is up (spec/boot-order.md
 * places [CAP] right after [KVA]).
 */
#ifndef AEGIS_KERNEL_CAP_INIT_H
#define AEGIS_KERNEL_CAP_INIT_H

void cap_subsystem_init(void);

#endif
