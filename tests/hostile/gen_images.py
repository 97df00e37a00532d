#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Write the hostile images of test_images.sh into the current directory
# (issue 14, images): PNG and SVG logos built to exhaust memory or time, or
# to reach outside their folder. Generated at run time, none committed; the
# largest is a few MB. README.md has the table of cases and results.
import base64
import struct
import zlib


def write(name, data):
    with open(name, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width, height, idat, depth=8, colour=6):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) +
            chunk(b"IEND", b""))


def zeros_stream(mib):
    """A zlib stream of `mib` MiB of zero bytes, built from one compressed
    MiB repeated: after a full flush deflate starts afresh, so every MiB
    compresses to the same bytes (about 1 kB)."""
    mb = bytes(1 << 20)
    c = zlib.compressobj(9)
    head = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH) == block
    end = c.flush(zlib.Z_FINISH)[:-4]  # the final empty block, our own checksum
    adler = 1
    for _ in range(mib):
        adler = zlib.adler32(mb, adler)
    return head + block * (mib - 1) + end + struct.pack(">I", adler)


def rows(width, height, bpp):
    """Raw scanlines (filter byte 0) of a grey-and-blue image."""
    line = b"\0" + bytes([0x20, 0x40, 0xA0, 0xFF][:bpp]) * width
    return zlib.compress(line * height, 9)


good_png = png(64, 32, rows(64, 32, 4))

# A header claiming 100,000 x 100,000 RGBA pixels (40 GB decoded), a few bytes of data.
huge = png(100000, 100000, zlib.compress(b"\0" * 1000))
write("huge-dims.png", huge)
# Plausible dimensions (1000 x 1000 grey: 1 MB of pixels) whose pixel
# data inflates to 2 GiB: libpng reads the whole stream to its end.
bomb = png(1000, 1000, zeros_stream(2048), colour=0)
write("zlib-bomb.png", bomb)
# A 16-bit RGBA image of the largest size allowed (4096 x 4096): drawn.
# The largest image allowed, 16-bit RGBA (128 MB of pixel data): drawn.
write("big-ok.png", png(4096, 4096, zlib.compress(
    (b"\0" + b"\x20\x20\x40\x40\xa0\xa0\xff\xff" * 4096) * 4096, 6), depth=16))
write("good.png", good_png)
# One pixel wider than allowed: refused from its header alone.
write("wide.png", png(16385, 1, zlib.compress(bytes(16385 * 4 + 1))))
# Larger than any logo (17 MiB): refused unread.
write("too-big.png", good_png + bytes(17 << 20))

svg_head = ('<svg xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" '
            'viewBox="0 0 200 100">\n')


def svg(body, head=svg_head):
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + body + "\n</svg>\n"


def data_uri(kind, data):
    return "data:%s;base64,%s" % (kind, base64.b64encode(data).decode())


# Billion laughs through <use>: 10 levels of 10 uses, 10^9 rectangles.
levels = ['<rect id="u0" width="1" height="1"/>']
for i in range(1, 10):
    levels.append('<g id="u%d">%s</g>' % (i, "".join(
        '<use xlink:href="#u%d" x="%d"/>' % (i - 1, k) for k in range(10))))
use_bomb = svg("<defs>" + "".join(levels) + '</defs><use href="#u9"/>')
write("use-bomb.svg", use_bomb)
write("svg-svg-bomb.svg", svg('<image width="200" height="100" href="%s"/>' %
                              data_uri("image/svg+xml", use_bomb.encode())))
# A blur of a huge radius over a canvas of 100,000 x 100,000 units: drawn
# (librsvg draws filters at the size drawn, and a PDF form is at most
# 2048 units a side).
write("blur-big.svg", svg(
    '<filter id="b" x="-10" y="-10" width="20" height="20">'
    '<feGaussianBlur stdDeviation="5000"/></filter>'
    '<rect width="100000" height="100000" fill="#36c" filter="url(#b)"/>',
    head=svg_head.replace('width="200" height="100" viewBox="0 0 200 100"',
                          'width="100000" height="100000"')))
# A filter of 5 primitives on a group drawn 30 times: 150 filter effects.
write("filter-bomb.svg", svg(
    '<defs><filter id="f">' + '<feGaussianBlur stdDeviation="3"/>' * 5 + '</filter>'
    '<g id="g" filter="url(#f)"><rect width="200" height="100"/></g></defs>' +
    "".join('<use href="#g" x="%d"/>' % k for k in range(30))))
# The two PNGs above embedded as data: URIs.
write("svg-png-huge.svg", svg('<image width="200" height="100" href="%s"/>' %
                              data_uri("image/png", huge)))
write("svg-png-bomb.svg", svg('<image width="200" height="100" xlink:href="%s"/>' %
                              data_uri("image/png", bomb)))
# References outside the image: a file, a URL, a stylesheet, an XInclude.
write("ext-file.svg", svg('<image width="200" height="100" href="/etc/passwd"/>'
                          '<use href="file:///etc/passwd#x"/>'))
write("ext-http.svg", svg('<image width="200" height="100" '
                          'xlink:href="http://127.0.0.1:9/logo.png"/>'))
write("ext-css.svg", svg('<style>@import url("http://127.0.0.1:9/a.css");</style>'
                         '<rect width="10" height="10" style="fill:url(/etc/passwd#p)"/>'))
write("ext-url.svg", svg('<rect width="10" height="10" fill="url(/etc/passwd#p)"/>'))
write("ext-xinclude.svg", svg(
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>'))
write("ext-stylesheet.svg", '<?xml version="1.0"?>\n'
      '<?xml-stylesheet type="text/css" href="http://127.0.0.1:9/a.css"?>\n' +
      svg('<rect width="10" height="10"/>').split("\n", 1)[1])
# Entities: billion laughs, and an external one.
laughs = ['<!ENTITY l0 "lol">'] + ['<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10)
                                   for i in range(1, 10)]
write("entity-bomb.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(laughs) +
      "\n]>\n" + svg('<text y="20">&l9;</text>').split("\n", 1)[1])
write("entity-file.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n'
      '<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n' +
      svg('<text y="20">&x;</text>').split("\n", 1)[1])
# 2 MB of text in one <text> (Pango: 23 s and 520 MB).
write("text-bomb.svg", svg('<text y="50">' + "word " * 400000 + "</text>"))
# 200 nested groups, each with its own opacity (a layer each to draw);
# libxml2 itself stops at 256.
write("deep.svg", svg('<g opacity="0.9">' * 200 + '<rect width="9" height="9"/>' +
                      "</g>" * 200))

# A logo that must still be drawn: a circle, a gradient used twice, a
# <use>, the small PNG embedded, and an Illustrator-style DOCTYPE with a
# namespace entity.
write("good.svg", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
      '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
      '<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n' +
      svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#036"/>'
          '<stop offset="1" stop-color="#39c"/></linearGradient>'
          '<circle id="c" cx="50" cy="50" r="40" fill="url(#g)"/></defs>'
          '<use href="#c"/><use xlink:href="#c" x="100"/>'
          '<image x="60" y="30" width="80" height="40" href="%s"/>' %
          data_uri("image/png", good_png),
          head=svg_head.replace("<svg ", '<svg data-ns="&ns_svg;" ')).split("\n", 1)[1])
