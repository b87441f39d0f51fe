# make coverage: run the suite on the sim build, then lcov HTML and a per-directory summary.
# Thresholds: coverage/thresholds.txt.  Reports are build output under $(BUILD)/coverage/.
COVERAGE_DIR := $(BUILD)/coverage
LCOV_RC := --rc lcov_branch_coverage=1

.PHONY: coverage coverage-report
coverage: all $(CHECK_EXTRA)
	@find $(BUILD) -name '*.gcda' -delete
	-@$(PYTHON) tools/run-tests --build $(BUILD_ABS) >/dev/null
	@$(MAKE) --no-print-directory coverage-report

coverage-report:
	@mkdir -p $(COVERAGE_DIR)
	lcov -q $(LCOV_RC) --capture --directory $(BUILD)/sim --directory $(BUILD)/tests --base-directory . \
		--output-file $(COVERAGE_DIR)/all.info 2>$(COVERAGE_DIR)/lcov.log
	lcov -q $(LCOV_RC) --extract $(COVERAGE_DIR)/all.info '$(CURDIR)/src/*' '$(CURDIR)/sim/*' \
		--output-file $(COVERAGE_DIR)/project.info 2>>$(COVERAGE_DIR)/lcov.log
	genhtml -q $(LCOV_RC) --output-directory $(COVERAGE_DIR)/html $(COVERAGE_DIR)/project.info \
		2>>$(COVERAGE_DIR)/lcov.log
	@$(PYTHON) tools/coverage-summary --root $(CURDIR) --thresholds coverage/thresholds.txt $(COVERAGE_DIR)/project.info
	@echo "HTML report: $(COVERAGE_DIR)/html/index.html"
