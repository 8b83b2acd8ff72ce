#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Questions about a screenshot, without an imaging library.

    scripts/png-pixels.py count PNG RRGGBB    pixels of exactly that colour
    scripts/png-pixels.py crop PNG OUT Y0 Y1  rows Y0..Y1 of PNG into OUT

Reads the 8-bit RGB and RGBA PNGs that Chromium's --screenshot writes
(non-interlaced; every filter type of the PNG specification).
"""
import struct
import sys
import zlib


def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("png-pixels: %s is not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or lace:
        sys.exit("png-pixels: %s: only 8-bit RGB/RGBA, not interlaced" % path)
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], None
    for y in range(h):
        ft, line = raw[y * (stride + 1)], bytearray(
            raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        prev = prev or bytearray(stride)
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xffffffff)


def main(argv):
    if len(argv) == 3 and argv[0] == "count":
        w, h, bpp, rows = decode(argv[1])
        want = bytes.fromhex(argv[2])
        print(sum(row[i:i + 3] == want
                  for row in rows for i in range(0, w * bpp, bpp)))
    elif len(argv) == 5 and argv[0] == "crop":
        w, h, bpp, rows = decode(argv[1])
        sel = rows[int(argv[3]):int(argv[4])]
        body = b"".join(b"\0" + r for r in sel)
        with open(argv[2], "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
                ">IIBBBBB", w, len(sel), 8, 2 if bpp == 3 else 6, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(body)) + chunk(b"IEND", b""))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
