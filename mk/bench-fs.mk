# mk/bench-fs.mk - the file-system benchmark in the sim and in QEMU
# (spec/filesystems.md FS-150..FS-153).
#
#   bench-fs  runs /bin/fsbench as PID 1 once in the sim (ext2 on a fresh
#             disk image on /mnt, ramfs on /tmp) and once in QEMU (ext2 as
#             the root image, ramfs on /tmp) through tools/bench-fs, and
#             prints throughput and create/unlink rates; no pass or fail on speed
# fsbench itself is an ordinary program (src/user/bin/fsbench), built by
# mk/userbin.mk; this file only adds the entry point.

.PHONY: bench-fs
# Phony targets as prerequisites: the files' variables are set by mk files read after this one.
bench-fs: kernel rootfs user-progs $(AEGIS_SIM)
	$(PYTHON) tools/bench-fs --build $(BUILD_ABS)
