#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Two SVG posters inlined in one page draw in Chromium exactly as each
does alone.

Usage: svg_chromium.py WORKDIR A.svg B.svg

Writes three XHTML pages, each with two fixed 800 x 600 px slots one above
the other: both posters inlined; A alone (B's slot empty); B alone (A's
slot empty). Headless Chromium takes a screenshot of each, and A's slot of
the first page must match A alone pixel for pixel, B's slot B alone. Ids
the two SVGs share (glyph outlines cairo names glyph0-1 ...) would make
one poster draw the other's glyphs, and the slots would differ.
Exits 0 when both match, 1 otherwise (with the share of pixels that
differ), 2 when Chromium fails.
"""
import os
import re
import subprocess
import sys

from PIL import Image, ImageChops

W, H = 800, 600


def inline(svg_path):
    text = open(svg_path, encoding="utf-8").read()
    text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
    # Fit the slot: the poster's own viewBox scales into 800 x 600.
    return re.sub(r'<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"',
                  r'<svg\1 width="%d" height="%d"' % (W, H), text, count=1)


def page(path, top, bottom):
    slot = '<div style="width:%dpx;height:%dpx;overflow:hidden">%s</div>'
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Posters</title>'
                  '<style>body{margin:0;background:#fff}</style></head><body>')
        out.write(slot % (W, H, top))
        out.write(slot % (W, H, bottom))
        out.write("</body></html>\n")


def shot(xhtml, png):
    cmd = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
           "--hide-scrollbars", "--force-device-scale-factor=1",
           "--window-size=%d,%d" % (W, 2 * H), "--screenshot=" + png,
           "file://" + os.path.abspath(xhtml)]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if r.returncode != 0 or not os.path.exists(png):
        sys.stderr.write("chromium failed: %s\n" % r.stderr.decode(errors="replace")[-500:])
        sys.exit(2)
    return Image.open(png).convert("RGB")


def differing(a, b):
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 8 else 0)
    return sum(1 for v in diff.getdata() if v) / (a.width * a.height)


def main(argv):
    work, a, b = argv[1], argv[2], argv[3]
    os.makedirs(work, exist_ok=True)
    sa, sb = inline(a), inline(b)
    page(os.path.join(work, "both.xhtml"), sa, sb)
    page(os.path.join(work, "a.xhtml"), sa, "")
    page(os.path.join(work, "b.xhtml"), "", sb)
    both = shot(os.path.join(work, "both.xhtml"), os.path.join(work, "both.png"))
    alone_a = shot(os.path.join(work, "a.xhtml"), os.path.join(work, "a.png"))
    alone_b = shot(os.path.join(work, "b.xhtml"), os.path.join(work, "b.png"))
    top, bottom = (0, 0, W, H), (0, H, W, 2 * H)
    blank = Image.new("RGB", (W, H), "white")
    ok = True
    for name, img in (("A alone", alone_a.crop(top)), ("B alone", alone_b.crop(bottom))):
        if differing(img, blank) < 0.01:
            print("FAIL: %s draws almost nothing: the test would prove nothing" % name)
            ok = False
    for name, got, want in (("A", both.crop(top), alone_a.crop(top)),
                            ("B", both.crop(bottom), alone_b.crop(bottom))):
        share = differing(got, want)
        if share > 0:
            print("FAIL: poster %s beside the other differs from %s alone in %.2f%% of "
                  "its pixels" % (name, name, 100 * share))
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
