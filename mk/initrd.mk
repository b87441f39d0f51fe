# The initrd (spec/initrd.md): $(BUILD)/initrd.cpio, a cpio newc archive
# written by tools/mkinitrd from INITRD_FILES, loaded by GRUB as the module
# named "initrd" next to the root image.
#
# INITRD_FILES holds DEST=SOURCE pairs.  Any mk file adds to it:
#
#     INITRD_FILES += /bin/init=$(BUILD)/user/init
#
# mk files are included in name order and plain prerequisites are expanded
# when a rule is read, so a pair appended by a file included after this one
# (kernel.mk, simproc.mk, ...) would be missing from a plain prerequisite
# list.  The archive rule therefore reads INITRD_FILES through secondary
# expansion ($$ below): its prerequisites are expanded again after every mk
# file has been read, and its recipe, like every recipe, runs with the final
# value.  Appending with += is all another mk file has to do; it must not
# reassign INITRD_FILES with := or =.

INITRD_IMAGE := $(BUILD)/initrd.cpio
INITRD_FILES += /etc/initrd-release=src/initrd/etc/initrd-release

# The SOURCE half of each pair.
initrd_sources = $(foreach pair,$(INITRD_FILES),$(word 2,$(subst =, ,$(pair))))

.SECONDEXPANSION:
# Any mk file may add files, so a change to one rebuilds the archive.
$(INITRD_IMAGE): $$(call initrd_sources) tools/mkinitrd $(wildcard mk/*.mk)
	@mkdir -p $(@D)
	$(call say,INITRD,$@)
	$(Q)$(PYTHON) tools/mkinitrd $@ $(foreach pair,$(INITRD_FILES),'$(pair)')

.PHONY: initrd
initrd: $(INITRD_IMAGE)

ALL_EXTRA += $(INITRD_IMAGE)
CHECK_EXTRA += $(INITRD_IMAGE)
