#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The chart is drawn from the data in the plan.

  check_chart.py PLANPRESS PLAN.xml SCRATCH_DIR

Lays out PLAN (planpress --dump=layout) and reads the first chart's first
series from the plan. Checks that
  - its point markers sit at heights linear in the values (one scale for
    all points: y = a - b * value with b > 0), in the order of the data;
  - after changing one value in a copy of the plan, exactly that point's
    marker and the line segments touching it move (up for a larger value),
    nothing else of the series moves, and the data table prints the new
    value.
Prints "N passed, N failed" and exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from checks import Checks

NS = "{urn:planpress:plan:1}"


def dump(planpress, plan):
    return subprocess.run([planpress, "--dump=layout", plan], capture_output=True,
                          text=True, check=True).stdout


def boxes(text, colour):
    """Markers (rect centres) and segments drawn in `colour`, in order."""
    marks, segs = [], []
    for line in text.splitlines():
        m = re.match(r"\s*rect ([\d.-]+) ([\d.-]+) 3\.50 3\.50 .*fill=" + colour + r"\b", line)
        if m:
            marks.append((float(m.group(1)) + 1.75, float(m.group(2)) + 1.75))
        m = re.match(r"\s*line ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) .*stroke=" + colour +
                     r" width=1\.50", line)
        if m:
            segs.append(tuple(float(v) for v in m.groups()))
    return marks, segs


def main():
    planpress, plan, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(scratch, exist_ok=True)
    checks = Checks()
    check = checks.check

    root = ET.parse(plan).getroot()
    chart = root.find(f".//{NS}chart")
    series = chart.find(f"{NS}series")
    values = [float(p.get("y")) for p in series.findall(f"{NS}point")]
    colour = "#00827f"  # the first series colour of the templates (templates/default.xml)
    before = dump(planpress, plan)
    marks, segs = boxes(before, colour)
    check(len(marks) == len(values), f"{len(values)} markers for {len(values)} values "
                                     f"(found {len(marks)})")
    check(len(segs) == len(values) - 1, f"{len(values) - 1} line segments")
    if len(marks) != len(values) or len(values) < 3:
        checks.finish()
        return 1
    # One linear scale: y = a - b * v.
    (v0, y0), (v1, y1) = max(zip(values, (m[1] for m in marks))), min(
        zip(values, (m[1] for m in marks)))
    b = (y1 - y0) / (v0 - v1) if v0 != v1 else 0
    check(b > 0, "larger values are drawn higher")
    for v, (x, y) in zip(values, marks):
        check(abs((y0 + b * (v0 - v)) - y) < 0.05, f"value {v:g} drawn at its height")
    check(all(marks[i][0] < marks[i + 1][0] for i in range(len(marks) - 1)),
          "points run left to right in the data's order")

    # Change one value in a copy: only that point moves.
    k = len(values) // 2
    new = values[k] / 2 if values[k] else 10.0
    text = open(plan, encoding="utf-8").read()
    pts = list(re.finditer(r'<point x="[^"]*" y="[^"]*"/>', text))
    # the k-th point of the first series is the k-th point in the file
    p = pts[k]
    old_tag = p.group(0)
    new_tag = re.sub(r'y="[^"]*"', f'y="{new:g}"', old_tag)
    changed = os.path.join(scratch, os.path.basename(plan))
    with open(changed, "w", encoding="utf-8") as out:
        out.write(text[:p.start()] + new_tag + text[p.end():])
    after = dump(planpress, changed)
    marks2, segs2 = boxes(after, colour)
    check(len(marks2) == len(marks), "the changed chart has as many markers")
    moved = [i for i in range(min(len(marks), len(marks2))) if marks[i] != marks2[i]]
    check(moved == [k], f"only point {k + 1} moved (moved: {[i + 1 for i in moved]})")
    if moved == [k]:
        dy = marks2[k][1] - marks[k][1]
        check(abs(dy - b * (values[k] - new)) < 0.05,
              f"point {k + 1} moved by the value's change ({dy:.2f} pt)")
    seg_moved = [i for i in range(min(len(segs), len(segs2))) if segs[i] != segs2[i]]
    check(seg_moved == [k - 1, k], f"the two segments at point {k + 1} moved "
                                   f"(moved: {seg_moved})")
    check(re.search(rf"^\s*\| {re.escape(f'{new:g}')}$", after, re.M) is not None,
          f"the data table prints the new value {new:g}")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
