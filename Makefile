# SPDX-License-Identifier: MIT
# planpress: the two commands people need.
#   make reports   install missing packages, build, render input/*.xml into output/
#   make test      install missing packages, build, run every test (ctest)
# Others: make build | install | golden-update | format | clean | bench | gallery
#   and make test-sanitize | valgrind | fuzz (tests/hostile/README.md, fuzz/README.md)
#
# CI (CI=true) builds with -DPP_WERROR=ON; the commands are the same.

SHELL := bash
.SHELLFLAGS := -eo pipefail -c
BUILD ?= build
PLANPRESS := $(BUILD)/planpress
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release
ifeq ($(CI),true)
CMAKE_FLAGS += -DPP_WERROR=ON
endif
# Tests and golden updates see the pinned fonts, locale and date.
TEST_ENV := FONTCONFIG_FILE=$(CURDIR)/tests/fonts.conf LC_ALL=C.UTF-8 \
	SOURCE_DATE_EPOCH=1600000000 PP_SOURCE_DIR=$(CURDIR) PP_BUILD_DIR=$(CURDIR)/$(BUILD)

.PHONY: all reports test deps configure build program install golden-update format clean
all: reports

# The package check runs again only when the install script or the
# installed packages (dpkg's database) changed since it last passed, so a
# make with nothing to do stays instant.
DEPS_STAMP := $(BUILD)/.deps-ok
deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh tests/readers/package-lock.json $(wildcard /var/lib/dpkg/status)
	@scripts/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

# Configure once (every time in CI, so PP_WERROR is surely on), then let
# cmake's own dependency tracking decide what to rebuild. Under make -j the
# build shares make's job slots; alone it uses every core.
CMAKE_BUILD = cmake --build $(BUILD) $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(JOBS)) \
	$(1) -- --no-print-directory | { grep -v -e '^\[ *[0-9]*%\] Built target' \
	-e 'Consolidate compiler generated dependencies' || true; }

configure: deps
	@if [ ! -f $(BUILD)/CMakeCache.txt ] || [ "$(CI)" = true ]; then \
		cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null; fi

build: configure
	+@$(call CMAKE_BUILD)

# Reports need only the program, not the tests. cmake is asked to build it
# only when a source is newer than the program (a no-op cmake --build costs
# most of a second); cmake's own tracking then decides what to compile.
PROGRAM_SOURCES := CMakeLists.txt templates/default.xml \
	$(shell find src include schema cmake -type f 2>/dev/null)
program: $(PLANPRESS)
$(PLANPRESS): $(PROGRAM_SOURCES) | configure
	+@$(call CMAKE_BUILD,--target planpress)

# One sub-make renders: it reads per-input makefiles made from
# `planpress --list-outputs`, so only outputs older than their plan, the
# program or their templates are rendered, in parallel under make -j.
# A plan that cannot be rendered does not stop the others: its messages are
# printed once, it is noted in $(BUILD)/reports/failed/, and the run ends
# with the list of such plans and a non-zero status.
reports: program
	+@scripts/reports-run.sh $(BUILD) $(PLANPRESS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The program, its manual page, the templates and the schemas under PREFIX
# (bin/, share/man/man1/, share/planpress/); DESTDIR stages them elsewhere.
PREFIX ?= /usr/local
install: program
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)" | sed 's/^-- //'

golden-update: build
	@for c in tests/golden/*/*.xml; do \
		$(TEST_ENV) PLANPRESS=$(CURDIR)/$(PLANPRESS) PNGDIFF=$(CURDIR)/$(BUILD)/tests/golden/pngdiff \
		bash tests/golden/run.sh --update "$$c"; done
	@echo "Open every changed PNG before committing (git status tests/golden)."

format:
	@command -v clang-format >/dev/null || { echo "make format: install clang-format" >&2; exit 1; }
	@find src include tests -name '*.[ch]' -print0 | xargs -0 clang-format -i

# One plan in every shipped template, side by side: output/gallery/<template>.pdf
# and <template>-1.png ... (the first pages) to compare the looks.
GALLERY_PLAN ?= input/bolton-corporate-plan-2019-21-q1.xml
GALLERY_PAGES ?= 3
.PHONY: gallery
gallery: program
	@mkdir -p output/gallery
	@for t in templates/*.xml; do n=$$(basename $$t .xml); \
		$(PLANPRESS) -t $$n -f pdf --document $$(grep -o '<document id="[^"]*"' $(GALLERY_PLAN) | head -n 1 | cut -d'"' -f2) \
			-o output/gallery/$$n.pdf $(GALLERY_PLAN) && \
		pdftoppm -png -r 60 -l $(GALLERY_PAGES) output/gallery/$$n.pdf output/gallery/$$n && \
		echo "gallery: output/gallery/$$n.pdf" || exit 1; done

# The benchmark (bench/README.md): Release build, N = 20 ... 20,000
# progress reports; generated files and results under $(BUILD)/bench/.
# BENCH_ARGS passes options to bench/run, e.g. BENCH_ARGS="--n 20 200".
.PHONY: bench
bench: configure
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	+@$(call CMAKE_BUILD,--target planpress)
	@bench/run --planpress $(PLANPRESS) --out $(BUILD)/bench $(BENCH_ARGS)

# Hostile input (issue 6, fuzz/README.md, tests/hostile/README.md).
#   make test-sanitize  the whole suite built with ASan+UBSan in build-asan
#   make valgrind       the command over every input/*.xml under valgrind
#   make fuzz           each libFuzzer harness for FUZZ_SECONDS (clang)
.PHONY: test-sanitize valgrind fuzz
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 300
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-sanitize:
	+@$(MAKE) --no-print-directory configure build BUILD=$(ASAN_BUILD) \
		CMAKE_FLAGS="$(CMAKE_FLAGS) -DPP_SANITIZE=ON"
	@cd $(ASAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j$(JOBS)

valgrind: program
	@scripts/install-deps.sh --valgrind
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; fail=0; \
	for f in input/*.xml; do \
		echo "valgrind: $$f"; \
		$(TEST_ENV) valgrind -q --error-exitcode=99 --leak-check=full \
			--show-leak-kinds=definite --errors-for-leak-kinds=definite \
			--suppressions=tests/valgrind.supp \
			$(PLANPRESS) -O "$$out" "$$f" >/dev/null || { echo "valgrind: $$f FAILED" >&2; fail=1; }; \
	done; exit $$fail

fuzz: deps
	@scripts/install-deps.sh --fuzz
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPP_FUZZ=ON \
		-DPP_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) >/dev/null
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FONTCONFIG_FILE=$(CURDIR)/tests/fonts.conf LC_ALL=C.UTF-8 \
		fuzz/run $(FUZZ_BUILD)

clean:
	rm -rf $(BUILD)
	find output -mindepth 1 ! -name README.md -delete
