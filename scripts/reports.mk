# SPDX-License-Identifier: MIT
# Rendering input/*.xml into output/, run by `make reports` after the build.
# For each plan, scripts/reports-deps.sh writes $(BUILD)/reports/<plan>.mk
# with the real output files as targets (from `planpress --list-outputs`),
# depending on the plan, the program and the --list-deps files.

HERE := $(dir $(lastword $(MAKEFILE_LIST)))
BUILD ?= build
PLANPRESS ?= $(BUILD)/planpress
INPUTS := $(wildcard input/*.xml)
DEPFILES := $(patsubst input/%.xml,$(BUILD)/reports/%.mk,$(INPUTS))

.PHONY: reports
reports:
	@true

$(BUILD)/reports/%.mk: input/%.xml $(PLANPRESS) $(HERE)reports-deps.sh
	@$(HERE)reports-deps.sh $(PLANPRESS) $< $@ $(if $(filter grouped-target,$(.FEATURES)),grouped,stamp)

include $(DEPFILES)
