# ccsim: contact-center capacity simulator and planner.
#
#   make            build build/ccsim and build/libccsim.a (needs a C17 compiler,
#                   pkg-config and the libraries below; nothing is installed)
#   make deps       install missing Debian packages (as root; otherwise prints
#                   the command); `run`, `test` and the other tiers call it
#   make run        simulate the default scenario
#   make test       unit tests (cmocka) and CLI tests, the fast tier
#   make MPI=1      the same build/ccsim with Open MPI (libopenmpi-dev): under
#                   mpirun the tasks of run, sweep and plan spread over the ranks
#   make test-mpi   builds with MPI=1 and runs tests/mpi/ under mpirun -np 2 and 3
#   make test-slow  the statistical tier (long simulations against theory)
#   make sanitize   the tests again under ASan + UBSan
#   make valgrind   the unit tests under valgrind
#   make check-layers  the pipeline's include rules and the exported-symbol prefix
#   make bench      benchmark table (events/s, solves/s, peak memory)
#   make bench-scale  48-point x 10-replication sweep: 1 thread, 2 threads,
#                   mpirun -np 2 (with an MPI=1 build): speed-up, efficiency
#   make fuzz       libFuzzer over the scenario loader (FUZZ_SECONDS=60); also
#                   FUZZ=run (load and simulate), FUZZ=compare (summary JSON),
#                   FUZZ=set (--set overrides)
#   make install    binary, static library, headers, ccsim.pc, ccsim.1 under
#                   PREFIX=/usr/local, DESTDIR honoured; make uninstall
#
# Variables: CC, BUILD, PREFIX, DESTDIR, SANITIZE=address,undefined, V=1, MPI=1.
# Local overrides go in config.mak (not tracked).

CC ?= cc
PKG_CONFIG ?= pkg-config
BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
SCENARIO ?= scenarios/ecommerce-week.yaml
FUZZ_SECONDS ?= 60

-include config.mak

PKGS := gsl yaml-0.1 jansson glpk
DEB_PKGS := libgsl-dev libyaml-dev libcmocka-dev libjansson-dev libglpk-dev libcsv-dev pkg-config jq

WARN := -Wall -Wextra -Werror -pedantic -Wstrict-prototypes -Wmissing-prototypes \
	-Wshadow -Wwrite-strings -Wvla -Wpointer-arith -Wformat=2 \
	-Wold-style-definition -fno-common
OPT ?= -O2 -g
# No contraction into FMA: results must be bit-identical across builds of the same
# source on the same platform.
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE $(OPT) -ffp-contract=off -fopenmp $(WARN) -MMD -MP
ifdef SANITIZE
BASE_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_LDFLAGS := -fsanitize=$(SANITIZE)
endif

# pkg-config is evaluated lazily so that `make deps` can run before the
# libraries exist.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(filter-out glpk,$(PKGS)) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(filter-out glpk,$(PKGS)) 2>/dev/null) -lglpk -lcsv
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# MPI=1: Open MPI for the task farm over ranks (src/stats/task_mpi.c alone uses it).
ifeq ($(MPI),1)
MPI_CFLAGS = $(shell $(PKG_CONFIG) --cflags ompi-c 2>/dev/null) -DCC_WITH_MPI
MPI_LIBS = $(shell $(PKG_CONFIG) --libs ompi-c 2>/dev/null)
endif

CFLAGS_ALL = $(BASE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = -fopenmp $(SAN_LDFLAGS) $(LDFLAGS)
LIBS_ALL = $(PKG_LIBS) $(MPI_LIBS) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The library's stages, in pipeline order (see src/README.md); cli/ is the program.
STAGES := util scenario analytics engine stats plan forecast report tools
LIB_SRC := $(foreach d,$(STAGES),$(sort $(wildcard src/$(d)/*.c)))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
SLOW_SRC := $(sort $(wildcard tests/slow/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SLOW_BIN := $(SLOW_SRC:tests/slow/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
LIB := $(BUILD)/libccsim.a
# The program's own modules (all but main), linked into tests of the CLI layer.
CLI_LIB := $(BUILD)/libccsim-cli.a
BIN := $(BUILD)/ccsim

.PHONY: all deps run test test-slow test-mpi sanitize bench bench-scale bench-forecast fuzz install uninstall \
	clean valgrind check-baselines update-baselines check-layers FORCE

all: $(BIN) $(LIB)

# ---- Debian packages --------------------------------------------------------
# Installs what is missing when run as root; otherwise prints the exact command.
deps:
	@if $(PKG_CONFIG) --exists gsl yaml-0.1 jansson cmocka 2>/dev/null && \
	  printf '#include <glpk.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && \
	  printf '#include <csv.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && \
	  command -v jq >/dev/null 2>&1; then exit 0; fi; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "missing libraries; install GSL, libyaml, jansson, GLPK, libcsv, cmocka, pkg-config and jq"; \
	  exit 1; fi; \
	missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# ---- library and CLI --------------------------------------------------------
# The program sees the public headers and its own folder only.
$(BUILD)/obj/src/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -Iinclude -Isrc/cli -c $< -o $@

$(BUILD)/obj/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -Iinclude -Isrc -c $< -o $@

# The MPI switch rebuilds the one file it changes whenever it flips.
$(BUILD)/obj/src/stats/task_mpi.o: CFLAGS_ALL += $(MPI_CFLAGS)
$(BUILD)/obj/src/stats/task_mpi.o: $(BUILD)/mpi.flag
$(BUILD)/mpi.flag: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MPI)' | cmp -s - $@ || echo '$(MPI)' >$@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(CLI_LIB): $(filter-out %/main.o,$(CLI_OBJ))
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS_ALL) $(CLI_OBJ) $(LIB) $(LIBS_ALL) -o $@

# ---- tests ------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(CLI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) $(CMOCKA_CFLAGS) -MF $@.d -Iinclude -Isrc -Itests $< $(CLI_LIB) $(LIB) \
		$(LDFLAGS_ALL) $(CMOCKA_LIBS) $(LIBS_ALL) -o $@

$(BUILD)/tests/%: tests/slow/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) $(CMOCKA_CFLAGS) -MF $@.d -Iinclude -Isrc -Itests $< $(LIB) \
		$(LDFLAGS_ALL) $(CMOCKA_LIBS) $(LIBS_ALL) -o $@

test: deps
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@CCSIM=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

# The MPI build under mpirun (tests/mpi/): identical results for 1 process,
# -np 2 and -np 3, and a rank killed mid-run ending the job with nothing written.
test-mpi: deps
	@command -v mpirun >/dev/null && $(PKG_CONFIG) --exists ompi-c || \
	  { echo "Open MPI missing; run: sudo apt-get install -y openmpi-bin libopenmpi-dev"; exit 1; }
	@$(MAKE) --no-print-directory MPI=1 $(BIN) $(LIB)
	@sh tests/check-layers.sh $(LIB)
	@CCSIM_CLI_DIR=tests/mpi CCSIM=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/run.sh

# Long statistical checks (tests/slow/): full-size workloads against exact
# queueing theory with narrow confidence intervals.
test-slow: deps
	@$(MAKE) --no-print-directory $(SLOW_BIN)
	@CCSIM_NO_CLI=1 BUILD=$(BUILD) sh tests/run.sh $(SLOW_BIN)

# Include rules between the stages and the exported-symbol prefix.
check-layers: $(LIB)
	@sh tests/check-layers.sh $(LIB)

# The same tests, built separately with ASan + UBSan (leak checking included).
sanitize: deps
	@CCSIM_SKIP_BROWSER=1 CCSIM_SANITIZE=address,undefined $(MAKE) --no-print-directory BUILD=build/san \
		SANITIZE=address,undefined OPT='-O1 -g' test

valgrind: deps
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@VALGRIND=1 CCSIM=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

# ---- running ----------------------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory $(BIN)
	$(BIN) run $(SCENARIO)

# ---- baselines ----------------------------------------------------------------
# Each shipped scenario's summary.json at a fixed seed lives in results/baselines/;
# check-baselines re-runs them and fails on a statistical regression.
BASELINE_SCENARIOS := $(sort $(wildcard scenarios/*.yaml))
BASELINE_ARGS := --seed 20261122 --replications 10

check-baselines: deps
	@$(MAKE) --no-print-directory $(BIN)
	@status=0; passed=0; failed=0; for s in $(BASELINE_SCENARIOS); do \
	  name=$$(basename $$s .yaml); \
	  if [ ! -f results/baselines/$$name/summary.json ]; then \
	    echo "baseline missing for $$name (run 'make update-baselines')"; \
	    status=1; failed=$$((failed + 1)); continue; fi; \
	  $(BIN) run $$s $(BASELINE_ARGS) --out $(BUILD)/baselines/$$name >/dev/null || \
	    { status=1; failed=$$((failed + 1)); continue; }; \
	  if $(BIN) compare $(BUILD)/baselines/$$name results/baselines/$$name > $(BUILD)/baselines/$$name/compare.txt; \
	  then echo "ok    baseline $$name ($$(tail -1 $(BUILD)/baselines/$$name/compare.txt))"; \
	    passed=$$((passed + 1)); \
	  else echo "FAIL  baseline $$name"; cat $(BUILD)/baselines/$$name/compare.txt; \
	    status=1; failed=$$((failed + 1)); fi; \
	done; echo "baselines: $$passed passed, $$failed failed"; exit $$status

update-baselines: deps
	@$(MAKE) --no-print-directory $(BIN)
	@for s in $(BASELINE_SCENARIOS); do \
	  name=$$(basename $$s .yaml); \
	  $(BIN) run $$s $(BASELINE_ARGS) --out $(BUILD)/baselines/$$name >/dev/null || exit 1; \
	  mkdir -p results/baselines/$$name; \
	  cp $(BUILD)/baselines/$$name/summary.json results/baselines/$$name/summary.json; \
	  echo "updated results/baselines/$$name/summary.json"; \
	done

# ---- benchmarks -------------------------------------------------------------
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -MF $@.d -Iinclude -Isrc $< $(LIB) $(LDFLAGS_ALL) $(LIBS_ALL) -o $@

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_BIN)
	@for b in $(BENCH_BIN); do $$b || exit 1; done

bench-scale: deps
	@$(MAKE) --no-print-directory $(BIN)
	@CCSIM=$(BIN) sh bench/sweep_scale.sh

# Forecast accuracy and speed on the shared real data (../shared/data), when present.
FORECAST_DATA ?= ../shared/data
bench-forecast: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_forecast
	@$(BUILD)/bench/bench_forecast $(FORECAST_DATA)

# ---- fuzzing (clang + libFuzzer) -----------------------------------------------
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fopenmp
ifeq ($(FUZZ),)
fuzz: deps
	@command -v clang >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; } || \
	  { echo "clang missing; run: sudo apt-get install -y clang libclang-rt-14-dev"; exit 1; }
	@mkdir -p $(BUILD)/fuzz $(BUILD)/fuzz/corpus
	clang $(FUZZ_CFLAGS) $(PKG_CFLAGS) -Iinclude -Isrc fuzz/fuzz_scenario.c $(LIB_SRC) \
		$(PKG_LIBS) -lm -o $(BUILD)/fuzz/fuzz_scenario
	cp scenarios/*.yaml tests/data/scenarios/*/*.yaml $(BUILD)/fuzz/corpus/ 2>/dev/null || true
	$(BUILD)/fuzz/fuzz_scenario -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=10 -rss_limit_mb=2048 $(BUILD)/fuzz/corpus fuzz/corpus
endif

# FUZZ=run|compare|set: the other harnesses; findings are kept in fuzz/corpus-NAME.
ifneq ($(FUZZ),)
fuzz: deps
	@mkdir -p $(BUILD)/fuzz/corpus-$(FUZZ) fuzz/corpus-$(FUZZ)
	clang $(FUZZ_CFLAGS) $(PKG_CFLAGS) -Iinclude -Isrc fuzz/fuzz_$(FUZZ).c $(LIB_SRC) \
		$(PKG_LIBS) -lm -o $(BUILD)/fuzz/fuzz_$(FUZZ)
	$(BUILD)/fuzz/fuzz_$(FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=10 -rss_limit_mb=2048 $(BUILD)/fuzz/corpus-$(FUZZ) fuzz/corpus-$(FUZZ)
endif

# ---- install ----------------------------------------------------------------
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PUBLIC_HEADERS := $(sort $(wildcard include/*.h))

# ccsim.pc is written at install time so that it names the PREFIX installed to.
install: $(BIN) $(LIB)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR)/ccsim $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ccsim
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libccsim.a
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(INCLUDEDIR)/ccsim/
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))' \
	  'includedir=$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))' '' \
	  'Name: ccsim' 'Description: contact-center capacity simulator and planner' \
	  "Version: $$(sed -n 's/.*CC_VERSION_STRING \"\(.*\)\"/\1/p' include/cc_version.h)" \
	  'Requires: gsl yaml-0.1 jansson' \
	  'Cflags: -I$${includedir}/ccsim -fopenmp' \
	  'Libs: -L$${libdir} -lccsim -lglpk -lcsv -fopenmp -lm' >$(DESTDIR)$(LIBDIR)/pkgconfig/ccsim.pc
	install -m 644 doc/ccsim.1 $(DESTDIR)$(MANDIR)/man1/ccsim.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ccsim $(DESTDIR)$(LIBDIR)/libccsim.a \
		$(DESTDIR)$(LIBDIR)/pkgconfig/ccsim.pc $(DESTDIR)$(MANDIR)/man1/ccsim.1
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/ccsim/,$(notdir $(PUBLIC_HEADERS)))
	-rmdir $(DESTDIR)$(INCLUDEDIR)/ccsim 2>/dev/null

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(SLOW_BIN:=.d) $(BENCH_BIN:=.d)
