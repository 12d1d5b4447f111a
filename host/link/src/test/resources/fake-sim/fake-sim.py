#!/usr/bin/env python3
"""Test-only stand-in for firmware/build/sim/llext-hil-sim (docs/protocol.md section 7).

Speaks only the process contract the SimLink supervisor relies on: one LISTENING line on stderr,
boot only after the client connected (tcp) or a newline arrived on stdin (pty), and the exit codes
(0 powered off, 3 software reset, 4 power cut, 2 bad command line). It is not a shell: each input
line is answered by a canned reply. The boot count is kept in the flash file so tests can see that
the file persists across restarts, like flash.

Input lines: 'reset' -> exit 3, 'powercut' -> exit 4, 'off' -> exit 0, 'crash' -> exit 1 after a
message on stderr, 'hang' -> close the connection but keep running, anything else -> echoed as
'echo:<line>'. Binary payloads: 'bin' followed by one line of hex -> the decoded bytes are sent back.
"""
import atexit
import fcntl
import os
import select
import socket
import struct
import sys
import termios
import time
import tty


def parse_args(argv):
    args = {"flash": None, "mode": None, "extra": []}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--flash":
            args["flash"] = argv[i + 1]; i += 2
        elif a == "--tcp":
            args["mode"] = ("tcp", int(argv[i + 1])); i += 2
        elif a == "--pty":
            args["mode"] = ("pty", None); i += 1
        elif a in ("--profile", "--baud", "--rx-buf", "--heap", "--on-fatal", "--board"):
            args["extra"].append((a, argv[i + 1])); i += 2
        else:
            sys.stderr.write("llext-hil-sim: unknown option %s\n" % a)
            sys.exit(2)
    if not args["flash"] or not args["mode"]:
        sys.stderr.write("llext-hil-sim: --flash and one of --tcp/--pty are required\n")
        sys.exit(2)
    return args


def bump_boot_count(flash):
    count = 0
    if os.path.exists(flash):
        with open(flash) as f:
            text = f.read().strip()
            count = int(text) if text else 0
    count += 1
    with open(flash, "w") as f:
        f.write(str(count))
    return count


def serve(read, write, flash, extra):
    boot = bump_boot_count(flash)
    write(("*** Booting Zephyr OS build v4.2.0-llext-hil-sim ***\r\nboot %d %s\r\nuart:~$ "
           % (boot, " ".join("%s=%s" % e for e in extra))).encode())
    buf = b""
    while True:
        chunk = read()
        if not chunk:
            sys.exit(0)
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            cmd = line.strip(b"\r")
            if cmd == b"reset":
                write(b"resetting\r\n"); sys.exit(3)
            if cmd == b"powercut":
                sys.exit(4)
            if cmd == b"off":
                sys.exit(0)
            if cmd == b"crash":
                sys.stderr.write("fake-sim: simulated crash\n"); sys.stderr.flush(); sys.exit(1)
            if cmd == b"hang":
                return "hang"
            if cmd.startswith(b"bin "):
                write(bytes.fromhex(cmd[4:].decode()) + b"\r\n")
                continue
            write(b"echo:" + cmd + b"\r\nuart:~$ ")


def drain_pty(slave):
    """Closing a pty master flushes what the host has not read yet (Linux hangs up the slave), so
    before exiting wait until the host has read everything: the input queue of the slave, seen
    through our own slave fd, is empty. The real sim must do the same. FIONREAD alone is not
    enough right after a write: the data may still sit in the kernel's flip buffer."""
    # the kernel moves master->slave data on a work queue: give it time to land in the queue first
    time.sleep(0.02)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        pending = struct.unpack("i", fcntl.ioctl(slave, termios.FIONREAD, b"\0\0\0\0"))[0]
        if pending == 0:
            return
        time.sleep(0.005)


def main():
    args = parse_args(sys.argv[1:])
    mode, port = args["mode"]
    if mode == "tcp":
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", port))
        srv.listen(1)
        sys.stderr.write("LISTENING tcp 127.0.0.1:%d\n" % srv.getsockname()[1]); sys.stderr.flush()
        conn, _ = srv.accept()
        srv.close()
        result = serve(lambda: conn.recv(4096), conn.sendall, args["flash"], args["extra"])
        conn.close()
    else:
        master, slave = os.openpty()
        tty.setraw(slave)
        atexit.register(drain_pty, slave)
        sys.stderr.write("LISTENING pty %s\n" % os.ttyname(slave)); sys.stderr.flush()
        sys.stdin.readline()

        def write(data):
            os.write(master, data)

        def read():
            try:
                return os.read(master, 4096)
            except OSError:
                return b""
        result = serve(read, write, args["flash"], args["extra"])
        os.close(master)
    if result == "hang":
        select.select([], [], [])


if __name__ == "__main__":
    main()
