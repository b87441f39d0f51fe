# The root file system image (src/rootfs/ -> $(BUILD)/rootfs.img), the first boot module.
ROOTFS_SRCS := $(shell find src/rootfs -type f | sort)
ROOTFS_IMAGE := $(BUILD)/rootfs.img

$(ROOTFS_IMAGE): $(ROOTFS_SRCS) tools/mkrootfs
	@mkdir -p $(@D)
	$(call say,ROOTFS,$@)
	$(Q)tools/mkrootfs src/rootfs $@

.PHONY: rootfs
rootfs: $(ROOTFS_IMAGE)

ALL_EXTRA += $(ROOTFS_IMAGE)
CHECK_EXTRA += $(ROOTFS_IMAGE)
