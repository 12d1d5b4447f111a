#!/bin/sh
# Compile every source of the portable core for Cortex-M3 at -Os with warnings as errors
# (the core stays plain C99 without OS or host dependencies), then print the footprint per
# object (arm-none-eabi-size: text includes rodata) and fail when the module is over budget:
#   flash = text + data <= HIL_FLASH_LIMIT, static RAM = data + bss <= HIL_RAM_LIMIT.
# Not counted (sized by the user, see docs/firmware-core.md): the image store (a port
# buffer, CONFIG_LLEXT_HIL_IMAGE_STORE_SIZE), the LLEXT heap and the backend.
# Last, core-deps-check.py fails when the objects call each other in a circle.
# HIL_CONFIG picks the configuration of the build options (hil/config.h, docs/firmware-core.md)
# and its flash limit: default, field (no test commands) or small-flash (app/small_flash.conf:
# no test commands, no sentences in messages, no `upload list`, no kept result lines).
# HIL_CFLAGS adds compiler flags on top.
# Usage: arm-compile-check.sh [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
core="$here/../../core"
out=${1:-${TMPDIR:-/tmp}/hil-core-arm-check}
# The RAM limit is the budget of docs/firmware-core.md. The small-flash build is held to the
# 12 KiB budget; the default and field builds (more function, for boards with room) to today's
# figures plus a few bytes, as regression guards.
flash_goal=12288
config=${HIL_CONFIG:-default}
case "$config" in
default) options=""; ceiling=17350 ;;
field) options="-DHIL_TEST_COMMANDS=0"; ceiling=16170 ;;
small-flash) options="-DHIL_TEST_COMMANDS=0 -DHIL_MESSAGES=0 -DHIL_UPLOAD_LIST=0 -DHIL_REPLAY_MAX=0"; ceiling=$flash_goal ;;
*) echo "arm-compile-check: HIL_CONFIG=$config: expected default, field or small-flash" >&2; exit 2 ;;
esac
cflags="$options ${HIL_CFLAGS:-}"
ram_limit=${HIL_RAM_LIMIT:-4096}
flash_limit=${HIL_FLASH_LIMIT:-$ceiling}
mkdir -p "$out"
cc=${ARM_CC:-arm-none-eabi-gcc}
size=${ARM_SIZE:-arm-none-eabi-size}
command -v "$cc" >/dev/null 2>&1 || { echo "arm-compile-check: $cc not found" >&2; exit 1; }
command -v "$size" >/dev/null 2>&1 || { echo "arm-compile-check: $size not found" >&2; exit 1; }
rm -f "$out"/*.o
n=0
for src in "$core"/src/*.c; do
	obj="$out/$(basename "$src" .c).o"
	"$cc" -mcpu=cortex-m3 -mthumb -std=c99 -Os -Werror -Wall -Wextra -ffreestanding \
		$cflags -I"$core/include" -c "$src" -o "$obj"
	n=$((n + 1))
done
echo "arm-compile-check: $n core sources compiled for cortex-m3 (-Os, configuration $config${options:+: $options}) into $out"
"$size" -t "$out"/*.o | sed "s|$out/||"
totals=$("$size" -t "$out"/*.o | tail -n 1)
text=$(echo "$totals" | awk '{print $1}')
data=$(echo "$totals" | awk '{print $2}')
bss=$(echo "$totals" | awk '{print $3}')
flash=$((text + data))
ram=$((data + bss))
echo "HIL module footprint ($config): flash (text+rodata+data) $flash B (limit $flash_limit, goal $flash_goal)," \
	"static RAM (data+bss) $ram B (limit $ram_limit); image store, LLEXT heap and backend not counted"
fail=0
if [ "$flash" -gt "$flash_limit" ]; then
	echo "arm-compile-check: flash $flash B is over the limit of $flash_limit B" >&2
	fail=1
fi
if [ "$ram" -gt "$ram_limit" ]; then
	echo "arm-compile-check: static RAM $ram B is over the limit of $ram_limit B" >&2
	fail=1
fi
command -v python3 >/dev/null 2>&1 || { echo "arm-compile-check: python3 not found" >&2; exit 1; }
python3 "$here/core-deps-check.py" "$out" || fail=1
exit $fail
