# SPDX-License-Identifier: MIT
# Rendering input/*.xml into output/, run by `make reports` after the build.
# scripts/reports-deps.sh lists the plans into $(BUILD)/reports/plans.mk
# (the shell lists them: make would split a name at its spaces) and, for
# each plan, writes $(BUILD)/reports/<plan>.mk with the real output files
# as targets (from `planpress --list-outputs`), depending on the plan, the
# program and the --list-deps files. Names from plans and templates reach
# make only escaped and the shell only quoted (reports-deps.sh).

HERE := $(dir $(lastword $(MAKEFILE_LIST)))
BUILD ?= build
PLANPRESS ?= $(BUILD)/planpress
RULES := $(if $(filter grouped-target,$(.FEATURES)),grouped,stamp)
PLANS_MK := $(BUILD)/reports/plans.mk

.PHONY: reports
reports:
	@true

# Listed again at every run (a glob and a few lines): never stale when a
# plan is added, removed or renamed.
# make starts again after writing a rules file (MAKE_RESTARTS counts): the
# rules of plans that failed are thrown away only on the first start.
PLANS_LISTED := $(shell $(HERE)reports-deps.sh plans $(PLANS_MK) $(if $(MAKE_RESTARTS),,fresh) >&2; echo $$?)
ifneq ($(PLANS_LISTED),0)
$(error make reports: cannot list input/*.xml into $(PLANS_MK))
endif
include $(PLANS_MK)
