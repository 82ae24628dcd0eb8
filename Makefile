# Thin wrapper over CMake presets. Every target that builds first makes sure the Debian packages
# are installed (scripts/install-deps.sh is idempotent and silent when nothing is missing).
.PHONY: deps build demo test bench asan fuzz format format-check clean

JOBS ?= $(shell nproc)
WERROR := $(if $(CI),-DACCRUE_WERROR=ON,)

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake --preset release $(WERROR) >/dev/null
	@cmake --build --preset release -j $(JOBS)

demo: build
	@./scripts/demo.sh

test: build
	@ctest --preset release

bench: build
	@./bench/run_all.sh

asan: deps
	@cmake --preset asan-ubsan $(WERROR) >/dev/null
	@cmake --build --preset asan-ubsan -j $(JOBS)
	@ctest --preset asan-ubsan

FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@for f in build/fuzz/test/fuzz/*_fuzz; do \
	  echo "fuzzing $$f for $(FUZZ_SECONDS)s"; \
	  mkdir -p build/fuzz/corpus/$$(basename $$f); \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 build/fuzz/corpus/$$(basename $$f) || exit 1; \
	done

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf build
