# The front door. Every target installs what it needs (scripts/bootstrap) and builds with CMake
# presets into build/.
.PHONY: all bootstrap build build-asan build-cortex-m3 test test-host test-asan test-firmware demo \
        bench firmware format format-check tidy clean

JOBS ?= $(shell nproc)

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset host >/dev/null
	@cmake --build --preset host -j $(JOBS)

build-asan: bootstrap
	@cmake --preset host-asan >/dev/null
	@cmake --build --preset host-asan -j $(JOBS)

build-cortex-m3: bootstrap
	@cmake --preset cortex-m3 >/dev/null
	@cmake --build --preset cortex-m3 -j $(JOBS)
	@scripts/size-report build/cortex-m3

# Every test: the host suite (unit, vectors, integration), then the ASan+UBSan suite with the
# bounded fuzzing runs, then the firmware self-tests under QEMU. The Cortex-M cross build is one of
# the host tests.
test: test-host test-asan test-firmware

test-host: build
	@ctest --preset host

test-asan: build-asan
	@ctest --preset host-asan

demo: build
	@echo "make demo: the SmartDroneBox demo arrives with the platform (issue 6)."
	@echo "Meanwhile, the VM on an example container:"
	@build/host/cli/tcctl build sdk/examples/fibonacci.c -o build/host/fibonacci.tcx
	@build/host/cli/tcctl ebpf run build/host/fibonacci.tcx

bench: build
	@build/host/bench/tc-bench-vm
	@build/host/bench/tc-bench-agent
	@build/host/bench/tc-bench-suit
	@bench/gateway/run.sh build/host

# The firmware for both QEMU boards (docs/firmware.md) into build/firmware/<board>/, then its size
# report. The self-test containers are built with the host's tcctl, so that comes first.
FIRMWARE_BOARDS := lm3s6965evb mps2-an386

firmware: bootstrap
	@cmake --preset host >/dev/null
	@cmake --build --preset host --target tcctl -j $(JOBS)
	@for board in $(FIRMWARE_BOARDS); do \
	  cmake --preset firmware-$$board >/dev/null && \
	  cmake --build --preset firmware-$$board -j $(JOBS) || exit 1; \
	done
	@scripts/firmware-size-report build/firmware/lm3s6965evb

# The firmware self-tests under QEMU on both boards (ctest label "firmware").
test-firmware: firmware
	@for board in $(FIRMWARE_BOARDS); do \
	  ctest --preset firmware-$$board || exit 1; \
	done

format:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format --dry-run -Werror

tidy: build
	@git ls-files 'runtime/*.cpp' 'cli/*.cpp' 'host/*.cpp' 'gateway/*.cpp' 'platform/*.cpp' | xargs clang-tidy -p build/host --quiet

clean:
	rm -rf build
