# mk/kernel.mk - the freestanding kernel, its GRUB ISOs and QEMU entry points.
#
#   kernel      $(BUILD)/kernel/aegis.elf: src/kernel + src/arch/x86_64, linked
#               by src/arch/x86_64/linker.ld, checked with grub-file
#   iso         $(BUILD)/aegis.iso       (qemu/grub.cfg: graphical/text/debug)
#   iso-test    $(BUILD)/aegis-test.iso  (qemu/grub-test.cfg: boot=text test=boot)
#   run         boot aegis.iso in QEMU, serial on this terminal
#   bench-boot  time PVH and ISO boots (tools/bench-boot)
# Objects go to $(BUILD)/kernel/obj/, apart from the sim's $(BUILD)/sim/.

ARCH_DIR := src/arch/x86_64
KERNEL_DIR := $(BUILD)/kernel
KERNEL_OBJ_DIR := $(KERNEL_DIR)/obj
KERNEL_ELF := $(KERNEL_DIR)/aegis.elf
KERNEL_LDSCRIPT := $(ARCH_DIR)/linker.ld
ARCH_CFLAGS := $(KERNEL_CFLAGS) -I$(ARCH_DIR)
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T $(KERNEL_LDSCRIPT)

KERNEL_OBJS := $(patsubst %.c,$(KERNEL_OBJ_DIR)/%.o,$(KERNEL_SRCS)) \
	$(patsubst %.c,$(KERNEL_OBJ_DIR)/%.o,$(ARCH_C_SRCS)) \
	$(patsubst %.asm,$(KERNEL_OBJ_DIR)/%.o,$(ARCH_ASM_SRCS))

$(KERNEL_OBJ_DIR)/src/kernel/%.o: src/kernel/%.c
	@mkdir -p $(@D)
	$(call say,KCC,$<)
	$(Q)gcc $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(KERNEL_OBJ_DIR)/$(ARCH_DIR)/%.o: $(ARCH_DIR)/%.c
	@mkdir -p $(@D)
	$(call say,KCC,$<)
	$(Q)gcc $(ARCH_CFLAGS) -MMD -MP -c $< -o $@

$(KERNEL_OBJ_DIR)/$(ARCH_DIR)/%.o: $(ARCH_DIR)/%.asm
	@mkdir -p $(@D)
	$(call say,NASM,$<)
	$(Q)nasm -f elf64 -Werror -MD $(@:.o=.d) -MP -o $@ $<

$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_LDSCRIPT)
	@mkdir -p $(@D)
	$(call say,KLD,$@)
	$(Q)ld $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS)
	@grub-file --is-x86-multiboot2 $@ || { echo "$@: no valid Multiboot2 header" >&2; rm -f $@; exit 1; }

# ---- GRUB ISOs -----------------------------------------------------------------
ISO_IMAGE := $(BUILD)/aegis.iso
ISO_TEST_IMAGE := $(BUILD)/aegis-test.iso

# $(call make_iso,grub.cfg,output): a staging tree with the kernel and the config,
# removed afterwards (a name ending in .d would be read as a dependency file).
define make_iso
	@rm -rf $(2).root && mkdir -p $(2).root/boot/grub
	$(call say,ISO,$(2))
	$(Q)cp $(KERNEL_ELF) $(2).root/boot/aegis.elf
	$(Q)cp $(BUILD)/rootfs.img $(2).root/boot/rootfs.img
	$(Q)cp $(BUILD)/initrd.cpio $(2).root/boot/initrd.cpio
	$(Q)cp $(1) $(2).root/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $(2) $(2).root >$(2).log 2>&1 || { cat $(2).log >&2; rm -rf $(2) $(2).root; exit 1; }
	@rm -rf $(2).root
endef

$(ISO_IMAGE): $(KERNEL_ELF) $(BUILD)/rootfs.img $(BUILD)/initrd.cpio qemu/grub.cfg
	$(call make_iso,qemu/grub.cfg,$@)

$(ISO_TEST_IMAGE): $(KERNEL_ELF) $(BUILD)/rootfs.img $(BUILD)/initrd.cpio qemu/grub-test.cfg
	$(call make_iso,qemu/grub-test.cfg,$@)

# ---- entry points ----------------------------------------------------------------
.PHONY: kernel iso iso-test run bench-boot

kernel: $(KERNEL_ELF)
iso: $(ISO_IMAGE)
iso-test: $(ISO_TEST_IMAGE)

# Boot the ISO with serial on this terminal; GRUB's menu is on the QEMU window
# (headless without $DISPLAY: GRUB then boots the default entry after 3 s).
QEMU_DISPLAY ?= $(if $(DISPLAY),gtk,none)
run: $(ISO_IMAGE)
	$(PYTHON) qemu/aegis_qemu.py --iso $(ISO_IMAGE) --display $(QEMU_DISPLAY) --interactive

BENCH_RUNS ?= 5
bench-boot: $(KERNEL_ELF) $(ISO_TEST_IMAGE)
	$(PYTHON) tools/bench-boot --build $(BUILD_ABS) --runs $(BENCH_RUNS)

ALL_EXTRA += $(KERNEL_ELF) $(ISO_TEST_IMAGE) $(ISO_IMAGE)
CHECK_EXTRA += $(KERNEL_ELF) $(ISO_TEST_IMAGE) $(ISO_IMAGE)
