#!/usr/bin/env bash
# The long form of the noisy-link run (docs/protocol.md section 8): the simulated board behind
# the fault-injecting proxy, RUNS seeded runs of CASES cases per kind of noise, then 16 KiB
# uploads at 115200 baud under bit flips 1e-3. Prints pass rates and line-rate ratios.
# Usage: ci/noise-soak.sh [RUNS [CASES [cases|uploads|all]]]   (defaults 10 5 all; needs the firmware build)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x firmware/build/sim/llext-hil-sim ] || {
	echo "noise-soak: firmware/build/sim/llext-hil-sim is missing: cmake -S firmware -B firmware/build && cmake --build firmware/build" >&2
	exit 2
}
# test-compile in the reactor resolves sibling modules to their target/classes (nothing installed)
mvn -B -q -ntp -pl host/board -am test-compile dependency:build-classpath \
	'-Dmdep.outputFile=${project.build.directory}/cp.txt' -Dmdep.includeScope=test
exec java -cp "host/board/target/test-classes:host/board/target/classes:$(cat host/board/target/cp.txt)" \
	io.llexthil.board.NoiseSoak "${1:-10}" "${2:-5}" "${3:-all}"
