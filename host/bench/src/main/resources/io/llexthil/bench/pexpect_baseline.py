"""The baseline users write today: pexpect.fdpexpect on a socket to the board's shell.

Protocol on stdin/stdout (driven by the benchmark, which alternates it with the other
contenders): the first argument is the TCP port; after the boot prompt it prints "ready";
then for every line "N COMMAND" it runs COMMAND N times (send the line, expect the prompt)
and prints the N round-trip times in nanoseconds, space separated, on one line.
"""
import socket
import sys
import time

import pexpect.fdpexpect

PROMPT = "uart:~$ "


def main():
    sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    child = pexpect.fdpexpect.fdspawn(sock.fileno(), timeout=10, encoding="utf-8")
    child.expect_exact(PROMPT)
    print("ready", flush=True)
    for request in sys.stdin:
        count, command = request.rstrip("\n").split(" ", 1)
        times = []
        for _ in range(int(count)):
            t0 = time.perf_counter_ns()
            child.send(command + "\r")
            child.expect_exact(PROMPT)
            times.append(time.perf_counter_ns() - t0)
        print(" ".join(str(t) for t in times), flush=True)


if __name__ == "__main__":
    main()
