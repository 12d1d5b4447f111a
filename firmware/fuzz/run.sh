#!/bin/sh
# Bounded fuzz runs of the two decoders of untrusted bytes: the saved-context decoder (core)
# for SECONDS (default 60) and the model's ELF reader (uploaded images) for SECONDS/2. Builds
# with clang + libFuzzer, generates the seed corpora, fails on any crash/UB/abort.
# Usage: firmware/fuzz/run.sh [SECONDS]
set -eu
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
fw="$here/.."
build="$fw/build-fuzz"
cmake -S "$fw" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DLLEXT_HIL_FUZZ=ON \
	-DLLEXT_HIL_CORE_ONLY=ON >/dev/null
cmake --build "$build" --target fuzz_ctx_decode fuzz_make_seeds fuzz_elf_parse
corpus="$build/corpus"
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds"
"$build/fuzz/fuzz_make_seeds" "$seeds"
echo "fuzz: $(ls "$seeds" | wc -l) seeds, running ${secs}s"
"$build/fuzz/fuzz_ctx_decode" -artifact_prefix="$build/" -max_total_time="$secs" -max_len=16384 -timeout=10 \
	-print_final_stats=1 "$corpus" "$seeds"

# ELF seeds: the sample extensions of the plain build if present, else compile two here.
elf_seeds="$build/elf-seeds"
rm -rf "$elf_seeds"
mkdir -p "$elf_seeds" "$build/elf-corpus"
for o in "$fw"/build/model/ext/host/*.o "$fw"/build/model/ext/arm/*.o; do
	[ -f "$o" ] && cp "$o" "$elf_seeds/$(basename "$(dirname "$o")")-$(basename "$o")"
done
if [ -z "$(ls "$elf_seeds")" ]; then
	for src in producer counter; do
		cc -c -O1 -fvisibility=hidden -ffreestanding -I"$fw/model/ext" \
			"$fw/model/ext/$src.c" -o "$elf_seeds/$src.o"
	done
fi
# Inputs that once crashed a decoder stay in the corpus as regression cases.
cp "$here"/regressions/* "$elf_seeds/" 2>/dev/null || true
half=$(( secs / 2 > 0 ? secs / 2 : 1 ))
echo "fuzz: $(ls "$elf_seeds" | wc -l) ELF seeds, running ${half}s"
"$build/fuzz/fuzz_elf_parse" -artifact_prefix="$build/" -max_total_time="$half" -max_len=8192 -timeout=10 \
	-print_final_stats=1 "$build/elf-corpus" "$elf_seeds"
