#!/bin/sh
# Compile every source of the portable core for Cortex-M3 with warnings as errors: proves
# the core stays plain C99 without OS or host dependencies. Usage: arm-compile-check.sh [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
core="$here/../../core"
out=${1:-${TMPDIR:-/tmp}/hil-core-arm-check}
mkdir -p "$out"
cc=${ARM_CC:-arm-none-eabi-gcc}
command -v "$cc" >/dev/null 2>&1 || { echo "arm-compile-check: $cc not found" >&2; exit 1; }
n=0
for src in "$core"/src/*.c; do
	obj="$out/$(basename "$src" .c).o"
	"$cc" -mcpu=cortex-m3 -mthumb -std=c99 -Os -Werror -Wall -Wextra -ffreestanding \
		-I"$core/include" -c "$src" -o "$obj"
	n=$((n + 1))
done
echo "arm-compile-check: $n core sources compiled for cortex-m3 into $out"
