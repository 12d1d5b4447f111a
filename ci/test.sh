#!/usr/bin/env bash
# The project's whole test suite, as CI runs it: firmware core, model and simulated board
# under sanitizers (CTest), the Cortex-M3 compile check, a bounded fuzz run of the context
# decoder, then every Java module (unit + integration tests with real socat, ser2net, QEMU,
# the simulated board and headless Chromium for the HTML report).
#
# Run as root, it installs the Debian packages the tests need; otherwise it names the
# missing ones and stops (exit 2) rather than skipping tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(socat ser2net qemu-system-arm qemu-system-x86 gcc-arm-none-eabi libnewlib-arm-none-eabi
          binutils-arm-none-eabi cmake ninja-build clang libclang-rt-14-dev gcc make python3 python3-pexpect chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}   (or run this script as root)" >&2
    exit 2
  fi
fi

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== firmware: plain build (the simulated board the Java tests drive)"
cmake -S firmware -B firmware/build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLLEXT_HIL_REQUIRE_ARM=ON >/dev/null  # same generator as ./llext-hil
cmake --build firmware/build -j"$jobs"

echo "== firmware: sanitizer build + CTest (ASan + UBSan)"
cmake -S firmware -B firmware/build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLLEXT_HIL_SANITIZE=ON -DLLEXT_HIL_REQUIRE_ARM=ON >/dev/null
cmake --build firmware/build-asan -j"$jobs"
ctest --test-dir firmware/build-asan --output-on-failure -j"$jobs"

echo "== firmware: portable core compiles for Cortex-M3 and fits its footprint budget"
firmware/tests/core/arm-compile-check.sh "$PWD/firmware/build/arm-check"
# the build options that trade features for flash (docs/firmware-core.md), each under its own limit
for config in field small-flash; do
  HIL_CONFIG=$config firmware/tests/core/arm-compile-check.sh "$PWD/firmware/build/arm-check-$config" | grep 'footprint'
done

echo "== firmware: bounded fuzz runs of the context decoder (${FUZZ_SECONDS}s) and the ELF reader"
firmware/fuzz/run.sh "$FUZZ_SECONDS"

echo "== host: all Java modules (unit and integration tests; report.html is checked in headless Chromium)"
mvn -B -q -ntp verify

echo "== report.html in a real browser: screenshots kept as build artifacts"
# ReportInBrowserIT (host/cli) loads a passing and a failing run's report.html in headless chromium,
# fails on console errors and on hidden or overlapping key elements, and leaves these for people to look at
ls -1 host/cli/target/browser-check/*.png

echo "== benchmark suite, short mode (proves it runs; no thresholds: docs/performance.md)"
ci/bench.sh --short

echo "== all tests passed"
