#!/usr/bin/env python3
"""Which core object calls which, from the symbols each object defines and needs
(arm-none-eabi-nm), and a failure when the calls go round in a circle.

Usage: core-deps-check.py OBJDIR   (the objects of arm-compile-check.sh)
Prints one line per object with the objects it uses, then the circles found, if any."""
import subprocess
import sys
from pathlib import Path

NM = "arm-none-eabi-nm"


def symbols(obj):
    out = subprocess.run([NM, str(obj)], check=True, capture_output=True, text=True).stdout
    defined, needed = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            needed.add(parts[1])
        elif len(parts) == 3 and parts[1].isupper():
            defined.add(parts[2])
    return defined, needed


def circles(graph):
    """Strongly connected components with more than one object (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    if len(sys.argv) != 2:
        print("usage: core-deps-check.py OBJDIR", file=sys.stderr)
        return 2
    objs = sorted(Path(sys.argv[1]).glob("*.o"))
    if not objs:
        print(f"core-deps-check: no objects in {sys.argv[1]}; run arm-compile-check.sh first", file=sys.stderr)
        return 2
    table = {o.stem: symbols(o) for o in objs}
    owner = {sym: name for name, (defined, _) in table.items() for sym in defined}
    graph = {name: {owner[s] for s in needed if s in owner and owner[s] != name}
             for name, (_, needed) in table.items()}
    for name in sorted(graph):
        print(f"  {name} -> {' '.join(sorted(graph[name])) or '(nothing)'}")
    found = circles(graph)
    for comp in found:
        print(f"core-deps-check: these objects call each other in a circle: {' '.join(comp)}", file=sys.stderr)
    if not found:
        print(f"core-deps-check: {len(graph)} objects, no call circle")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
