#!/usr/bin/env bash
# Users' CI recipe (docs/ci.md): build the llext-hil Zephyr application (firmware/app) for two
# QEMU boards, then run llext-hil's built-in suite and the allocation-failure sweep against
# each board under QEMU, and leave JUnit XML + HTML reports in one directory for the CI system
# to publish. ci/github/llext-hil-zephyr-qemu.yml runs the same steps on GitHub Actions.
#
# This repository's own CI does not run it: Zephyr, west and the Zephyr SDK are not installable
# on our build machines. Every command was checked against the pinned Zephyr release's sources
# and documentation (docs/ci.md, "What was checked").
#
# Needs: west + the Zephyr SDK (e.g. the container ghcr.io/zephyrproject-rtos/ci), and for the
# host side Java 17, Maven, cmake, ninja, a C compiler, qemu-system-arm, qemu-system-x86, socat.
#
# usage: ci/zephyr-qemu.sh [all|workspace|build|twister|test]      (default: all = every step)
# environment:
#   LLEXT_HIL_CI_OUT   where reports go (default: <repo>/ci-out; must not hold earlier runs)
#   LLEXT_HIL_BOARDS   which builds to test: "mps2 x86" (default), or one of them
#   LLEXT_HIL_TWISTER  1 = also run twister's own shell check of the app (default 1)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${LLEXT_HIL_CI_OUT:-$repo/ci-out}
boards=${LLEXT_HIL_BOARDS:-mps2 x86}
what=${1:-all}

say() { printf '\n== %s\n' "$*"; }
die() { printf 'zephyr-qemu.sh: %s\n' "$*" >&2; exit 2; }

# Zephyr board, build directory, QEMU target, extension arch (what `hil info` reports as
# "arch"), per short name.
zephyr_board() { case $1 in mps2) echo mps2/an385 ;; x86) echo qemu_x86 ;; *) die "unknown board '$1' (use mps2 or x86)" ;; esac; }
build_dir() { echo "$repo/build/$1"; }
ext_arch() { case $1 in mps2) echo arm ;; x86) echo x86 ;; esac; }

# ---- 1. west workspace (the parent directory of this repository) -----------------------------

step_workspace() {
	say "west workspace from firmware/west.yml (Zephyr pinned there)"
	command -v west >/dev/null || die "west not found: run inside ghcr.io/zephyrproject-rtos/ci or pip install west"
	local top
	top=$(dirname "$repo")
	if [ ! -d "$top/.west" ]; then
		# -l: this repository is the manifest repository; .west is created next to it.
		west init -l --mf firmware/west.yml "$repo"
	fi
	# Shallow and narrow: only the pinned revisions, no tags (minutes instead of a full clone).
	(cd "$repo" && west update -o=--depth=1 -n)
	(cd "$repo" && west zephyr-export)
}

# ---- 2. the two firmware builds ---------------------------------------------------------------

step_build() {
	local b
	for b in $boards; do
		say "west build -b $(zephyr_board "$b") firmware/app -d build/$b"
		(cd "$repo" && west build -p always -b "$(zephyr_board "$b")" -d "build/$b" firmware/app)
		[ -f "$(build_dir "$b")/zephyr/zephyr.elf" ] || die "no zephyr.elf in build/$b"
		ls "$(build_dir "$b")"/llext/*.llext >/dev/null 2>&1 ||
			die "build/$b/llext/*.llext missing: the sample extensions were not built"
	done
}

# ---- 3. twister's own check (boots the app in QEMU, runs `hil @1 info`) --------------------------

step_twister() {
	[ "${LLEXT_HIL_TWISTER:-1}" = 1 ] || return 0
	local args=() b
	for b in $boards; do args+=(-p "$(zephyr_board "$b")"); done
	say "twister -T firmware/app ${args[*]}"
	(cd "$repo" && west twister -T firmware/app "${args[@]}" -O "$out/twister" --inline-logs)
}

# ---- 4. llext-hil against each build under QEMU ----------------------------------------------

# The QEMU link URL for a build: the machine and flags Zephyr's own `west build -t run` uses
# (boards/arm/mps2/board.cmake, boards/qemu/x86/board.cmake), without Zephyr's serial/monitor
# flags: the link adds its own (serial + QMP on loopback sockets with nodelay, -S, -nographic).
link_url() {
	local b=$1 dir
	dir=$(build_dir "$b")
	case $b in
	mps2)
		echo "qemu:arm?machine=mps2-an385&kernel=$dir/zephyr/zephyr.elf&extra=-cpu%20cortex-m3%20-vga%20none"
		;;
	x86)
		# -m: Zephyr passes CONFIG_SRAM_SIZE (32 MiB); the flash simulator's store
		# (boards/qemu_x86.overlay) is the 1 MiB above it, so the guest gets at least 64 MiB.
		# No isa-debug-exit device (Zephyr's own runner adds one): with it a halted board
		# (fatal error) ends QEMU, and the host could not reset the board and carry on.
		local sram_kb mb extra
		sram_kb=$(sed -n 's/^CONFIG_SRAM_SIZE=//p' "$dir/zephyr/.config")
		mb=$((sram_kb / 1024 > 64 ? sram_kb / 1024 : 64))
		extra="-m%20$mb%20-cpu%20qemu32,+nx,+pae"
		grep -q '^CONFIG_ACPI=y' "$dir/zephyr/.config" || extra+="%20-machine%20acpi=off"
		echo "qemu:i386?machine=q35&kernel=$dir/zephyr/zephyr.elf&extra=$extra"
		;;
	esac
}

# A twister-style hardware map whose entries carry llext-hil's keys (docs/boards.md): one board
# per build, reset through QMP system_reset, Zephyr's banner, a Zephyr UART shell's pacing.
write_hardware_map() {
	local map=$1 b
	: >"$map"
	for b in $boards; do
		cat >>"$map" <<EOF
- connected: true
  id: zephyr-qemu-$b
  platform: $(zephyr_board "$b")
  link: "$(link_url "$b")"
  prompt: 'uart:~\$ '
  banner: {pattern: '\*\*\* Booting Zephyr OS build', required: true}
  fatal: ['>>> ZEPHYR FATAL ERROR', 'Halting system', 'ASSERTION FAIL \[']
  line_ending: cr
  pacing: {chunk: 64, delay: 2ms}
  timeouts: {open: 20s, command: 20s, ready: 60s}
  reset: {method: hard, timeout: 20s}
EOF
	done
}

# llext-hil finds sample extensions as <dir>/model/ext/<arch>/<name>.o; a Zephyr build leaves
# them as build/<b>/llext/<name>.llext (Zephyr's add_llext_target). Link one to the other.
lay_out_extensions() {
	local b=$1 dir
	dir="$out/ext-$b/model/ext/$(ext_arch "$b")"
	mkdir -p "$dir"
	for f in "$(build_dir "$b")"/llext/*.llext; do
		ln -sf "$f" "$dir/$(basename "$f" .llext).o"
	done
	echo "$out/ext-$b"
}

step_test() {
	local map="$out/qemu-boards.yml" b status=0 ext
	mkdir -p "$out"
	write_hardware_map "$map"
	say "llext-hil: host tools (the launcher builds the CLI jar and the simulated board if needed)"
	(cd "$repo" && ./llext-hil --version)
	(cd "$repo" && ./llext-hil boards --hardware-map "$map" --no-check)
	for b in $boards; do
		ext=$(lay_out_extensions "$b")
		say "llext-hil run (built-in suite) on zephyr-qemu-$b"
		(cd "$repo" && ./llext-hil run --hardware-map "$map" --board "zephyr-qemu-$b" \
			--firmware-build "$ext" --out "$out/$b-run") || status=1
		say "llext-hil sweep alloc on zephyr-qemu-$b"
		(cd "$repo" && ./llext-hil sweep alloc --hardware-map "$map" --board "zephyr-qemu-$b" \
			--firmware-build "$ext" --out "$out/$b-sweep-alloc") || status=1
	done
	say "reports"
	find "$out" -name junit.xml -o -name report.html | sort
	return $status
}

case $what in
workspace) step_workspace ;;
build) step_build ;;
twister) step_twister ;;
test) step_test ;;
all)
	step_workspace
	step_build
	step_twister
	step_test
	;;
*) die "unknown step '$what' (use all, workspace, build, twister or test)" ;;
esac
