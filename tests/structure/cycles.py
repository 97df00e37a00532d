#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""cycles.py STAGE=FILE... : no call cycle between the files of one stage.

Each STAGE=FILE names a stage and one of its static libraries or object
files. From nm's listing, file A depends on file B of the same stage when
A uses (U) a symbol B defines; the files of each stage must then depend one
way (no strongly connected set of two or more). A cycle is printed with the
symbols that close it, and the exit status is 1. Built objects are what the
linker sees, so a call hidden behind a macro or a function pointer table
initialised with a function's name still counts.
"""
import collections
import os
import subprocess
import sys


def symbols(paths):
    """{object: (defined, used)} from nm -A over libraries and objects."""
    files = collections.defaultdict(lambda: (set(), set()))
    for flag, k in (("--defined-only", 0), ("--undefined-only", 1)):
        out = subprocess.run(["nm", "-A", flag, *paths], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            fields = line.split()
            where, kind, name = fields[0], fields[-2], fields[-1]
            # "lib.a:member.o:ADDRESS" or "file.o:ADDRESS" ("...:" when undefined)
            parts = where.split(":")
            obj = parts[1] if parts[0].endswith(".a") else parts[0]
            obj = os.path.basename(obj).removesuffix(".o")
            if k == 1:
                files[obj][1].add(name)
            elif kind.isupper() or kind in "vw":  # global: text, data, bss, weak
                files[obj][0].add(name)
    return files


def cycles(files):
    owner = {}
    for f, (defs, _) in files.items():
        for s in defs:
            owner.setdefault(s, f)
    graph = {f: {} for f in files}
    for f, (_, used) in files.items():
        for s in used:
            g = owner.get(s)
            if g and g != f:
                graph[f].setdefault(g, set()).add(s)
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return graph, found


def main(args):
    stages = collections.defaultdict(list)
    for a in args:
        stage, _, path = a.partition("=")
        if not path or not os.path.exists(path):
            print(f"cycles.py: no such file for stage {stage}: {path}", file=sys.stderr)
            return 2
        stages[stage].append(path)
    bad = 0
    for stage, paths in sorted(stages.items()):
        files = symbols(paths)
        graph, found = cycles(files)
        edges = sum(len(v) for v in graph.values())
        print(f"{stage}: {len(files)} files, {edges} dependencies, "
              f"{'no cycle' if not found else f'{len(found)} cycle(s)'}")
        for comp in found:
            bad = 1
            print(f"  cycle: {' '.join(comp)}")
            for a in comp:
                for b in comp:
                    if b in graph[a]:
                        print(f"    {a} -> {b}: {' '.join(sorted(graph[a][b]))}")
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
