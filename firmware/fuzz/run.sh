#!/bin/sh
# Bounded fuzz run of the saved-context decoder: builds with clang + libFuzzer, generates
# the seed corpus, fuzzes for SECONDS (default 60) and fails on any crash/UB/abort.
# Usage: firmware/fuzz/run.sh [SECONDS]
set -eu
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
fw="$here/.."
build="$fw/build-fuzz"
cmake -S "$fw" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DLLEXT_HIL_FUZZ=ON \
	-DLLEXT_HIL_CORE_ONLY=ON >/dev/null
cmake --build "$build" --target fuzz_ctx_decode fuzz_make_seeds
corpus="$build/corpus"
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds"
"$build/fuzz/fuzz_make_seeds" "$seeds"
echo "fuzz: $(ls "$seeds" | wc -l) seeds, running ${secs}s"
"$build/fuzz/fuzz_ctx_decode" -max_total_time="$secs" -max_len=16384 -timeout=10 \
	-print_final_stats=1 "$corpus" "$seeds"
