#!/usr/bin/env bash
# Boots llext-hil-core.elf under real QEMU (mps2-an385) with the serial port the way the host's
# QEMU link (io.llexthil.link.qemu, docs/qemu.md) sets it up: started paused (-S), serial on a
# loopback TCP chardev with nodelay=on and logfile=, `cont` once QEMU has attached the client.
# (QMP is on a Unix socket here, so the port of the serial socket can be left to QEMU: port=0,
# read back with query-chardev.) Then it checks through the console and QMP:
#   1. the boot banner, the boot log and the prompt;
#   2. `hil info`: a well-formed @@HIL result line (CRC checked), 32-bit sizes ("ptr":4),
#      boot 1, reset cause power-on, profile upstream;
#   3. if ARM_EXT_DIR is given: the sample extension counter.o (an ARM ELF relocatable) is
#      uploaded in data mode, loaded, called twice;
#   4. `ctx save`, then `hil reset` (the guest's own SYSRESETREQ): QMP reports a guest reset,
#      a new banner, boot 2, cause software, and `ctx info` shows the saved slot valid;
#      with the extension: `ctx restore` re-instates it and its counter continues;
#   5. QMP system_reset: boot 3, cause power-on, the slot still valid;
#   6. `fault flash 2` + `ctx save` = a power cut in the middle of the save: boot 4,
#      cause power-on, the slot saved before is still the active one;
#   7. with the extensions: a heap assertion (upstream llext_restore frees a table twice)
#      prints the sim's ASSERTION FAIL / FATAL ERROR / Halting system banner, the board halts,
#      QMP system_reset brings it back;
#   8. prints (asserts nothing about) the CPU time QEMU used while idle and while halted;
#   9. a RAM file and a build-id override, as the QEMU link's memfile= and build-id= do it: a
#      QEMU on a new file formats the storage and saves; a second QEMU on the same file with
#      `-device loader` at 0x203ffff8 reports that build id and sees the slot as another
#      build's; a third without the loader reports the compiled-in id and the slot valid.
# Before starting QEMU it checks that no loadable ELF segment covers the storage or no-init RAM.
# Bash + socat + coreutils + gzip (for CRC-32) only. Every wait has a timeout and a failure
# names the step and shows the last bytes of the serial transcript.
#
# usage: qemu_core_test.sh ELF WORKDIR [ARM_EXT_DIR]
set -euo pipefail

elf=${1:?usage: qemu_core_test.sh ELF WORKDIR [ARM_EXT_DIR]}
work=${2:?usage: qemu_core_test.sh ELF WORKDIR [ARM_EXT_DIR]}
ext_dir=${3:-}
step_timeout=${QC_STEP_TIMEOUT:-10}   # seconds per wait
checks=0

fail() {
	echo "FAIL [$step]: $*" >&2
	if [ -s "$transcript" ]; then
		echo "--- last bytes received on the serial port ($transcript):" >&2
		tail -c 600 "$transcript" | cat -v >&2
		echo >&2
	fi
	if [ -s "$work/qemu.stderr.log" ]; then
		echo "--- QEMU stderr:" >&2
		cat "$work/qemu.stderr.log" >&2
	fi
	exit 1
}

ok() {
	checks=$((checks + 1))
	echo "ok $checks - $*"
}

step="setup"
for tool in qemu-system-arm socat gzip od timeout; do
	command -v "$tool" >/dev/null 2>&1 ||
		fail "$tool not found (Debian: apt-get install qemu-system-arm socat gzip coreutils)"
done
[ -f "$elf" ] || fail "no ELF at $elf (build firmware/ with arm-none-eabi-gcc installed)"

rm -rf "$work"
mkdir -p "$work"
# What the test reads: the bytes its serial client received, as a host would. QEMU's own
# logfile= record (serial.log) is compared at the end and the result printed: with a Unix
# socket chardev QEMU 7.2 was seen to write a byte into it twice (a socket write that would
# block is logged, then logged again when retried); over TCP it has matched so far.
transcript=$work/serial.client.log
# Unix socket paths are limited to ~108 bytes: keep them short, in a private temp dir.
sock=$(mktemp -d "${TMPDIR:-/tmp}/qc-test.XXXXXX")
qemu_pid=""
ser_fd=""
qmp_fd=""

cleanup() {
	set +e
	[ -n "$ser_fd" ] && exec {ser_fd}>&-
	[ -n "$qmp_fd" ] && exec {qmp_fd}>&-
	if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
		kill "$qemu_pid" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$qemu_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$qemu_pid" 2>/dev/null
	fi
	wait 2>/dev/null
	rm -rf "$sock"
}
trap cleanup EXIT

# ---- helpers ------------------------------------------------------------------------------

# crc32 of stdin as 8 lower-case hex digits (gzip's trailer starts with the CRC-32, LE).
crc32_hex() {
	gzip -c | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n'
}

# wait_until DESCRIPTION COMMAND...: retries COMMAND every 20 ms until it succeeds.
wait_until() {
	local what=$1
	shift
	local deadline=$((SECONDS + step_timeout))
	until "$@"; do
		[ "$SECONDS" -lt "$deadline" ] || fail "timeout after ${step_timeout}s waiting for $what"
		sleep 0.02
	done
}

count_in_serial() {
	grep -a -c -F -- "$1" "$transcript" 2>/dev/null || true
}

has_at_least() { # PATTERN N
	[ "$(count_in_serial "$1")" -ge "$2" ]
}

banner='*** Booting Zephyr OS build v4.2.0-llext-hil-core ***'
prompt='uart:~$ '

# The serial transcript ends with the prompt (nothing printed after it).
ends_with_prompt() {
	[ "$(tail -c ${#prompt} "$transcript" 2>/dev/null)" = "$prompt" ]
}

send() { # text typed into the shell, CR-terminated
	printf '%s\r' "$1" >&"$ser_fd"
}

qmp() { # one QMP command (JSON text)
	printf '%s\n' "$1" >&"$qmp_fd"
}

qmp_has() {
	grep -a -c -F -- "$1" "$work/qmp.log" 2>/dev/null | grep -qv '^0$'
}

qmp_count() {
	{ grep -a -o -F -- "$1" "$work/qmp.log" 2>/dev/null || true; } | wc -l
}

# hil ID ARGS...: runs `hil @ID ARGS`, waits for its result line and the prompt (none after
# `upload data`), checks the
# line's form and CRC; sets $rc and $json.
hil() {
	local id=$1
	shift
	send "hil @$id $*"
	wait_until "the result line of 'hil @$id $*'" has_at_least "@@HIL|$id|" 1
	# `upload data` leaves the shell in bypass mode, where (as on Zephyr) no prompt follows
	local args="$*"
	[ "${args#upload data }" = "$args" ] && wait_until "the prompt after 'hil @$id $*'" ends_with_prompt
	local line
	line=$(grep -a -F -- "@@HIL|$id|" "$transcript" | tail -n 1 | tr -d '\r')
	[[ $line =~ ^@@HIL\|([0-9]+)\|(-?[0-9]+)\|(\{.*\})\|([0-9a-f]{8})$ ]] ||
		fail "malformed result line: $line"
	rc=${BASH_REMATCH[2]}
	json=${BASH_REMATCH[3]}
	local crc=${BASH_REMATCH[4]}
	local want
	want=$(printf '%s' "$id|$rc|$json" | crc32_hex)
	[ "$crc" = "$want" ] || fail "result line CRC $crc, computed $want: $line"
}

expect_rc() {
	[ "$rc" = "$1" ] || fail "rc $rc, expected $1: $json"
}

expect_json() { # fixed substring of the JSON
	[[ $json == *"$1"* ]] || fail "expected $1 in $json"
}

qemu_cpu_ms_in_1s() { # CPU time (user + system) QEMU spends in one second of wall time, in ms
	local clk t0 t1
	clk=$(getconf CLK_TCK)
	t0=$(awk '{print $14 + $15}' "/proc/$qemu_pid/stat")
	sleep 1
	t1=$(awk '{print $14 + $15}' "/proc/$qemu_pid/stat")
	echo $(((t1 - t0) * 1000 / clk))
}

# ---- 0. the layout that makes storage survive resets ------------------------------------------

# QEMU re-writes the ELF's loadable segments on every reset: no segment may cover the storage
# partition (PSRAM) or the no-init record (boot counter, reset cause).
step="ELF segments"
if command -v arm-none-eabi-readelf >/dev/null 2>&1; then
	addrs=$(arm-none-eabi-nm "$elf" | awk '$3 == "flash" || $3 == "record" || $3 == "image_store" || $3 == "override_value" {print $1}')
	[ "$(echo "$addrs" | wc -w)" = 4 ] || fail "symbols flash/record/image_store/override_value not found in $elf"
	while read -r vaddr memsz; do
		for a in $addrs; do
			if (( 0x$a >= vaddr && 0x$a < vaddr + memsz )); then
				fail "a LOAD segment ($vaddr + $memsz) covers 0x$a: QEMU would overwrite it on reset"
			fi
		done
	done < <(arm-none-eabi-readelf -lW "$elf" | awk '$1 == "LOAD" {print $3, $6}')
	arm-none-eabi-nm "$elf" | grep '^203ffff8 b override_value$' >/dev/null ||
		fail "the build-id override is not at the documented 0x203ffff8"
	ok "no loadable segment covers the storage, the boot record, the image store or the build-id override (0x203ffff8)"
else
	echo "note: arm-none-eabi-readelf not found, ELF segment check not run"
fi

# ---- start QEMU as the QEMU link does -------------------------------------------------------

# start_qemu [QEMU ARGS...]: a paused QEMU with the link's serial chardev, QMP attached, serial
# client attached, then `cont`. Sets qemu_pid, qmp_fd, ser_fd, serial_port; the client's bytes
# go to $transcript, QEMU's own record to serial${launch_suffix}.log.
start_qemu() {
	step="start QEMU"
	rm -f "$sock/qmp"
	qemu-system-arm -machine mps2-an385 -nographic -monitor none -S \
		-chardev "socket,id=ser0,host=127.0.0.1,port=0,server=on,wait=off,nodelay=on,logfile=$work/serial${launch_suffix}.log" \
		-serial chardev:ser0 \
		-chardev "socket,id=qmp0,path=$sock/qmp,server=on,wait=off" \
		-mon chardev=qmp0,mode=control \
		-kernel "$elf" "$@" </dev/null >"$work/qemu.stdout.log" 2>"$work/qemu.stderr.log" &
	qemu_pid=$!

	sockets_ready() {
		kill -0 "$qemu_pid" 2>/dev/null || fail "QEMU exited early"
		[ -S "$sock/qmp" ]
	}
	wait_until "QEMU's sockets" sockets_ready

	exec {qmp_fd}> >(exec socat - "UNIX-CONNECT:$sock/qmp" >"$work/qmp.log" 2>"$work/qmp.socat.log")
	wait_until "the QMP greeting" qmp_has '"QMP"'
	qmp '{"execute":"qmp_capabilities","id":"caps"}'
	wait_until "the qmp_capabilities reply" qmp_has '"id": "caps"'

	# ser0's chardev "filename": "disconnected:tcp:127.0.0.1:<port>,server=on" before a client is
	# attached, "tcp:127.0.0.1:<port>,server=on <-> <peer>" after.
	ser0_filename() {
		local n reply
		n=$(qmp_count '"id": "chardev')
		qmp "{\"execute\":\"query-chardev\",\"id\":\"chardev$n\"}"
		wait_until "the query-chardev reply" qmp_has "\"id\": \"chardev$n\""
		reply=$(grep -a -F "\"id\": \"chardev$n\"" "$work/qmp.log" | tail -n 1)
		[[ $reply =~ \"filename\":\ \"([^\"]*)\",\ \"label\":\ \"ser0\" ]] ||
			fail "no ser0 in the query-chardev reply: $reply"
		printf '%s' "${BASH_REMATCH[1]}"
	}
	filename=$(ser0_filename)
	[[ $filename =~ ^disconnected:tcp:127\.0\.0\.1:([0-9]+), ]] || fail "unexpected ser0 chardev: $filename"
	serial_port=${BASH_REMATCH[1]}
	exec {ser_fd}> >(exec socat - "TCP:127.0.0.1:$serial_port" >"$transcript" 2>"$work/serial.socat.log")
	# QEMU accepts the client in its main loop: ask until ser0 is connected.
	serial_attached() {
		[[ $(ser0_filename) == tcp:* ]]
	}
	wait_until "QEMU to attach the serial client" serial_attached
	qmp '{"execute":"cont","id":"cont"}'
	ok "QEMU started paused, serial on tcp:127.0.0.1:$serial_port (nodelay) attached, cont"
}

launch_suffix=""
start_qemu

# ---- 1. boot ----------------------------------------------------------------------------

step="first boot"
wait_until "the boot banner" has_at_least "$banner" 1
wait_until "the first prompt" ends_with_prompt
first=$(head -c ${#banner} "$transcript")
[ "$first" = "$banner" ] || fail "the transcript does not start with the banner: $first"
has_at_least '<inf> llext_hil: boot 1, reset cause power-on, profile upstream' 1 ||
	fail "no boot log line"
ok "banner is the first thing on the wire, boot log, prompt"

# ---- 2. info ----------------------------------------------------------------------------

step="hil info"
hil 1 info
expect_rc 0
expect_json '"board":"mps2/an385","arch":"arm"'
expect_json '"ptr":4'
expect_json '"sizes":{"llext":76,"sect_map":8,"symbol":8,"ptr":4}'
expect_json '"boot":1,"reset_cause":"power-on","profile":"upstream","test":true'
expect_json '"flash":{"offset":0,"size":65536,"erase":4096,"write":8}'
[[ $json =~ \"build\":\"[0-9a-f]{16}\" ]] || fail "no 16-digit build id: $json"
ok "hil info: valid result line, 32-bit sizes, boot 1, power-on"

# ---- 3. a real ARM extension: upload, load, call -------------------------------------------

counter=""
if [ -n "$ext_dir" ]; then
	counter=$ext_dir/counter.o
	[ -f "$counter" ] || fail "no $counter (firmware/model builds it with arm-none-eabi-gcc)"
fi

le() { # LE bytes of $1 as printf escapes, $2 bytes wide
	local v=$1 n=$2 out="" i
	for ((i = 0; i < n; i++)); do
		out+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255)))
	done
	printf '%s' "$out"
}

# A data-mode frame: A5 5A | offset u32 | len u16 | payload | crc32(payload) u32, all LE.
send_frame() { # FILE OFFSET LEN
	local file=$1 off=$2 len=$3
	{
		printf "\\xa5\\x5a$(le "$off" 4)$(le "$len" 2)"
		tail -c +"$((off + 1))" "$file" | head -c "$len"
		tail -c +"$((off + 1))" "$file" | head -c "$len" | gzip -c | tail -c 8 | head -c 4
	} >&"$ser_fd"
}

# upload NAME FILE ID: `upload begin` (id ID) + `upload data` (id ID+1) + frames, one at a
# time, each acknowledged before the next; sets $frames.
upload() {
	local name=$1 file=$2 id=$3
	local size crc chunk off n
	size=$(stat -c %s "$file")
	crc=$(crc32_hex <"$file")
	hil "$id" upload begin "$name" "$size" "$crc"
	expect_rc 0
	[[ $json =~ \"chunk\":([0-9]+) ]] || fail "no chunk in $json"
	chunk=${BASH_REMATCH[1]}
	hil "$((id + 1))" upload data "$name"
	expect_rc 0
	off=0
	frames=0
	while [ "$off" -lt "$size" ]; do
		n=$((size - off < chunk ? size - off : chunk))
		send_frame "$file" "$off" "$n"
		off=$((off + n))
		frames=$((frames + 1))
		wait_until "@@ACK|$((id + 1))|$off for $name" has_at_least "@@ACK|$((id + 1))|$off|" 1
	done
	printf "\\xa5\\x5a$(le "$size" 4)\\x00\\x00\\x00\\x00\\x00\\x00" >&"$ser_fd"
	wait_until "the @@UPL line of $name" has_at_least "@@UPL|$((id + 1))|0|" 1
	wait_until "the prompt after data mode" ends_with_prompt
	grep -a -F "@@UPL|$((id + 1))|0|" "$transcript" | grep -q -F "\"complete\":true" ||
		fail "upload of $name not complete"
}

call_value=0
if [ -n "$counter" ]; then
	step="upload counter.o"
	upload counter "$counter" 2
	ok "uploaded counter.o ($(stat -c %s "$counter") bytes, ARM ELF relocatable) in $frames frames"

	step="load and call counter"
	hil 4 load counter
	expect_rc 0
	expect_json '"use_count":1'
	# The model's call stand-in: crc32("counter:counter_next") & 0x7FFF plus the .data word
	# (100 in the image) incremented by each call (docs/model.md).
	base=$((0x$(printf '%s' "counter:counter_next" | crc32_hex) & 0x7FFF))
	hil 5 call counter counter_next
	expect_rc 0
	expect_json "\"value\":$((base + 101))"
	hil 6 call counter counter_next
	expect_json "\"value\":$((base + 102))"
	call_value=$((base + 102))
	ok "load counter, two calls: $((base + 101)), $((base + 102))"
fi

# ---- 4. ctx save, guest reset, storage survives ---------------------------------------------

step="ctx save"
hil 10 ctx save
expect_rc 0
expect_json '"slot":"A"'
if [ -n "$counter" ]; then expect_json '"exts":["counter"]'; else expect_json '"n":0'; fi
ok "ctx save -> slot A"

step="hil reset (guest SYSRESETREQ)"
resets_before=$(qmp_count '"event": "RESET"')
hil 11 reset
expect_rc 0
wait_until "a second banner" has_at_least "$banner" 2
wait_until "the prompt after the reset" ends_with_prompt
qmp_guest_reset() {
	[ "$(qmp_count '"event": "RESET"')" -gt "$resets_before" ] &&
		grep -a -F '"event": "RESET"' "$work/qmp.log" | tail -n 1 | grep -q -F '"reason": "guest-reset"'
}
wait_until "QMP's RESET event (guest-reset)" qmp_guest_reset
hil 12 info
expect_json '"boot":2,"reset_cause":"software"'
ok "hil reset: QMP guest-reset event, new banner, boot 2, cause software"

step="storage after the guest reset"
hil 13 ctx info
expect_rc 0
expect_json '"active":"A"'
expect_json '{"slot":"A","valid":true,"why":"ok"'
ok "ctx info after reset: slot A valid"

if [ -n "$counter" ]; then
	step="ctx restore after the reset"
	hil 14 state
	expect_json '"exts":[]'
	hil 15 ctx restore
	expect_rc 0
	expect_json '"restore":0'
	hil 16 call counter counter_next
	expect_json "\"value\":$((call_value + 1))"
	ok "ctx restore re-instated counter; its counter continued ($((call_value + 1)))"
fi

# ---- 5. QMP system_reset ---------------------------------------------------------------------

step="QMP system_reset"
qmp '{"execute":"system_reset","id":"sysreset"}'
wait_until "the system_reset reply" qmp_has '"id": "sysreset"'
wait_until "a third banner" has_at_least "$banner" 3
wait_until "the prompt after system_reset" ends_with_prompt
hil 20 info
expect_json '"boot":3,"reset_cause":"power-on"'
hil 21 ctx info
expect_json '{"slot":"A","valid":true,"why":"ok"'
ok "QMP system_reset: boot 3, cause power-on, slot A still valid"

# ---- 6. power cut in the middle of a save ----------------------------------------------------

step="power cut (fault flash)"
hil 30 fault flash 2
expect_rc 0
send "hil @31 ctx save"
wait_until "a fourth banner (power cut)" has_at_least "$banner" 4
wait_until "the prompt after the power cut" ends_with_prompt
has_at_least "@@HIL|31|" 1 && fail "ctx save answered although the power was cut"
hil 32 info
expect_json '"boot":4,"reset_cause":"power-on"'
hil 33 ctx info
expect_json '"active":"A"'
expect_json '{"slot":"A","valid":true,"why":"ok"'
ok "power cut during ctx save: no answer, boot 4, power-on, slot A still active"

# ---- 7. a heap assertion halts the board; QMP system_reset brings it back ---------------------

# Upstream's llext_restore() with a context saved as [consumer, producer] fails late and frees
# the exported-symbol table twice: the model's heap check fires (as in the sim's tests).
if [ -n "$ext_dir" ]; then
	step="fatal heap assertion"
	upload producer "$ext_dir/producer.o" 40
	upload consumer "$ext_dir/consumer.o" 42
	hil 44 load producer
	expect_rc 0
	hil 45 load consumer
	expect_rc 0
	hil 46 ctx save consumer producer
	expect_rc 0
	hil 47 reset
	wait_until "a fifth banner" has_at_least "$banner" 5
	wait_until "the prompt after the reset" ends_with_prompt
	send "hil @48 ctx restore"
	wait_until "Halting system" has_at_least $'Halting system\r' 1
	# The four lines, in order, right after the echoed command (grep -F patterns are lines).
	tail_text=$(grep -a -A4 -F 'hil @48 ctx restore' "$transcript" | tr -d '\r')
	want_re=$'hil @48 ctx restore\nASSERTION FAIL \\[chunk_used\\(h, c\\)\\] @ [^\n]+:[0-9]+\n\tunexpected heap state \\(double-free\\?\\)\n>>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU 0\nHalting system$'
	[[ $tail_text =~ $want_re ]] || fail "fatal banner not as the sim prints it: $tail_text"
	has_at_least "@@HIL|48|" 1 && fail "a result line after the fatal error"
	ok "heap assertion: ASSERTION FAIL / FATAL ERROR 4 / Halting system, no result line"

	echo "measured: QEMU used $(qemu_cpu_ms_in_1s) ms of CPU in 1000 ms of halted board (WFI, tick off)"

	step="QMP system_reset after the fatal error"
	qmp '{"execute":"system_reset","id":"sysreset2"}'
	wait_until "a sixth banner" has_at_least "$banner" 6
	wait_until "the prompt" ends_with_prompt
	hil 50 info
	expect_json '"boot":6,"reset_cause":"power-on"'
	ok "QMP system_reset after the halt: boot 6, power-on"
fi

# ---- 8. idle CPU (printed, not asserted) ------------------------------------------------------

step="idle"
echo "measured: QEMU used $(qemu_cpu_ms_in_1s) ms of CPU in 1000 ms of idle board (WFI + 100 Hz tick)"

if cmp -s "$transcript" "$work/serial.log"; then
	echo "measured: QEMU's logfile= transcript is byte-identical to what the client received"
else
	echo "measured: QEMU's logfile= transcript differs from what the client received" \
		"($(stat -c %s "$work/serial.log") vs $(stat -c %s "$transcript") bytes; see $work)"
fi

# quit_qemu: QMP quit, QEMU must exit 0; the client sockets are closed.
quit_qemu() {
	step="quit"
	qmp '{"execute":"quit","id":"quit"}'
	for _ in $(seq 50); do
		kill -0 "$qemu_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$qemu_pid" 2>/dev/null && fail "QEMU did not quit"
	wait "$qemu_pid" || fail "QEMU exited with an error"
	qemu_pid=""
	exec {ser_fd}>&- {qmp_fd}>&-
	ser_fd=""
	qmp_fd=""
}
quit_qemu

# ---- 9. RAM file and build-id override (the QEMU link's memfile= and build-id=) --------------

# The machine's RAM (mps2-an385: the 16 MiB PSRAM at 0x21000000, where the storage lives) backed
# by a file; the override is the firmware's documented 8 bytes at 0x203ffff8 (src/build_id.h).
memfile=$work/psram.bin
other_build=00000000deadbeef
ram_args=(-object "memory-backend-file,id=llexthil-ram,size=16M,mem-path=$memfile,share=on"
	-machine memory-backend=llexthil-ram)

launch() { # SUFFIX [QEMU ARGS...]: a new QEMU process, up to its first prompt
	launch_suffix=$1
	shift
	transcript=$work/serial.client$launch_suffix.log
	start_qemu "$@"
	step="boot$launch_suffix"
	wait_until "the boot banner" has_at_least "$banner" 1
	wait_until "the first prompt" ends_with_prompt
}

build_of_json() {
	[[ $json =~ \"build\":\"([0-9a-f]{16})\" ]] || fail "no build id in $json"
	printf '%s' "${BASH_REMATCH[1]}"
}

rm -f "$memfile"
launch .ram1 "${ram_args[@]}"
step="RAM file, first process"
[ "$(stat -c %s "$memfile")" = $((16 * 1024 * 1024)) ] || fail "QEMU did not create the 16 MiB RAM file"
hil 60 info
expect_json '"boot":1,"reset_cause":"power-on"'
own_build=$(build_of_json)
hil 61 ctx info
expect_json '{"slot":"A","valid":false,"why":"empty"'
hil 62 ctx save
expect_rc 0
expect_json '"slot":"A"'
quit_qemu
ok "a new RAM file is a fresh board: storage formatted (slots empty), ctx save -> slot A, build $own_build"

launch .ram2 "${ram_args[@]}" -device "loader,addr=0x203ffff8,data=0x$other_build,data-len=8"
step="RAM file + build-id override"
has_at_least "<inf> llext_hil: build id $other_build (override at 0x203ffff8)" 1 || fail "no override log line"
hil 70 info
expect_json "\"build\":\"$other_build\""
expect_json '"boot":1'
hil 71 ctx info
expect_json '{"slot":"A","valid":false,"why":"other build"'
hil 72 reset
wait_until "a second banner" has_at_least "$banner" 2
wait_until "the prompt after the reset" ends_with_prompt
hil 73 info
expect_json "\"build\":\"$other_build\""
expect_json '"boot":2,"reset_cause":"software"'
quit_qemu
ok "second process on the same file with the loader: build $other_build (also after a reset), slot A is another build's"

launch .ram3 "${ram_args[@]}"
step="RAM file, back to the own build"
has_at_least "override at" 1 && fail "an override without the loader"
hil 80 info
expect_json "\"build\":\"$own_build\""
hil 81 ctx info
expect_json '"active":"A"'
expect_json '{"slot":"A","valid":true,"why":"ok"'
quit_qemu
ok "third process without the loader: build $own_build again, slot A (saved two processes ago) valid"

echo "$checks passed, 0 failed"
