#!/usr/bin/env python3
"""make-logo.py -- writes logo.png, the test logo of the template fixtures:
three linked rings in party colours beside a bar, 540x150 px at 300 dpi
(about 46 x 13 mm).  Plain zlib, no imaging library needed."""
import struct
import zlib

W, H, DPI = 540, 150, 300
RINGS = [(75, 75, (0x00, 0x72, 0xB2)), (165, 75, (0xE6, 0x9F, 0x00)), (255, 75, (0x00, 0x9E, 0x73))]


def pixel(x, y):
    for cx, cy, rgb in RINGS:
        d2 = (x - cx) ** 2 + (y - cy) ** 2
        if 48 ** 2 <= d2 <= 62 ** 2:
            return rgb + (255,)
    if 340 <= x <= 520 and 62 <= y <= 88:
        return (0x33, 0x33, 0x33, 255)
    return (255, 255, 255, 0)


def chunk(tag, data):
    body = tag + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(W)) for y in range(H))
ppm = round(DPI / 0.0254)
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0))
       + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
       + chunk(b"IDAT", zlib.compress(rows, 9))
       + chunk(b"IEND", b""))
with open("logo.png", "wb") as f:
    f.write(png)
