#!/bin/sh
# The benchmark suite (docs/performance.md): JMH for the hot paths, then the end-to-end
# measurements side by side, printed as one table with ratios. It reports; it never fails on a
# number. `ci/bench.sh --short` is what CI runs: it proves the suite works in about a minute.
#
#   ci/bench.sh [--short] [--qemu] [--only command,boot,suite,explore,fuzz] [--no-jmh]
#
# Needs what ./llext-hil needs (Java 17, Maven, cmake, gcc); the pexpect baseline runs when
# python3 and Debian's python3-pexpect are installed; --qemu adds the QEMU core board (needs
# qemu-system-arm and gcc-arm-none-eabi).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHORT=""
JMH=yes
ARGS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --short) SHORT=yes; ARGS="$ARGS --short" ;;
        --no-jmh) JMH="" ;;
        --qemu) ARGS="$ARGS --qemu" ;;
        --only) ARGS="$ARGS --only $2"; shift ;;
        *) echo "bench: unknown argument '$1'; use [--short] [--qemu] [--only LIST] [--no-jmh]" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -x firmware/build/sim/llext-hil-sim ]; then
    echo "== building the firmware (simulated board, sample extensions)"
    cmake -S firmware -B firmware/build >/dev/null
    cmake --build firmware/build -j2
fi
CP_FILE=host/bench/target/bench.classpath
if [ ! -f "$CP_FILE" ] || [ ! -f host/cli/target/llext-hil.jar ] || \
   [ -n "$(find host -path '*/target' -prune -o -type f -name '*.java' -newer "$CP_FILE" -print | head -n 1)" ]; then
    echo "== building the host and the benchmarks (Maven)"
    mvn -B -q -ntp -pl host/cli,host/bench -am package -DskipTests
fi
CP="host/bench/target/llext-hil-bench-0.1.0-SNAPSHOT.jar:$(cat "$CP_FILE")"

if [ -n "$JMH" ]; then
    echo "== JMH: console decoding, result-line parsing, twin predict (ns per operation)"
    if [ -n "$SHORT" ]; then
        java -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 1 -w 200ms -i 1 -r 300ms
    else
        java -cp "$CP" org.openjdk.jmh.Main -f 2 -wi 3 -w 2s -i 5 -r 2s
    fi
fi

echo "== end to end, side by side"
# shellcheck disable=SC2086  # ARGS is a list of options
exec java -Dllexthil.repo="$ROOT" -cp "$CP" io.llexthil.bench.BenchMain $ARGS
