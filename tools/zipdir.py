"""Packs a folder into a zip that is the same, byte for byte, on every build: entries sorted,
fixed timestamps and permissions, no extra fields. Entries are deflated with Zopfli (from PyPI,
installed by `make`), about 6% smaller than zlib's best for the same, standard, deflate format.
Identical files (the WebAssembly of both flavours) are compressed once: build/zopfli-cache/.
Usage: python3 tools/zipdir.py DIR OUT.zip"""
import hashlib
import os
import struct
import sys
import zlib

import zopfli.zopfli

CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "zopfli-cache")
DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01
DOS_TIME = 0


def deflate(data: bytes) -> bytes:
    """Raw deflate (no zlib header or checksum), as zip entries hold it."""
    key = hashlib.sha256(data).hexdigest()
    cached = os.path.join(CACHE, key)
    if os.path.exists(cached):
        with open(cached, "rb") as f:
            return f.read()
    raw = zopfli.zopfli.compress(data, numiterations=15)[2:-4]
    if zlib.decompress(raw, -15) != data:
        sys.exit("zopfli produced data that does not inflate back")
    os.makedirs(CACHE, exist_ok=True)
    with open(cached + ".tmp", "wb") as f:
        f.write(raw)
    os.replace(cached + ".tmp", cached)
    return raw


def main(folder: str, out: str) -> None:
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            full = os.path.join(root, name)
            paths.append(os.path.relpath(full, folder).replace(os.sep, "/"))
    paths.sort()
    body = bytearray()
    central = bytearray()
    for rel in paths:
        with open(os.path.join(folder, rel), "rb") as f:
            data = f.read()
        packed = deflate(data)
        method = 8
        if len(packed) >= len(data):  # already compressed (PNG): store
            packed, method = data, 0
        name = rel.encode("utf-8")
        crc = zlib.crc32(data)
        offset = len(body)
        flags = 0x800 if any(b > 127 for b in name) else 0
        body += struct.pack("<IHH", 0x04034B50, 20, flags)
        body += struct.pack("<HHHIII", method, DOS_TIME, DOS_DATE, crc, len(packed), len(data))
        body += struct.pack("<HH", len(name), 0) + name + packed
        central += struct.pack("<IBBHH", 0x02014B50, 20, 3, 20, flags)
        central += struct.pack("<HHHIII", method, DOS_TIME, DOS_DATE, crc, len(packed), len(data))
        central += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o100644 << 16, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(paths), len(paths), len(central), len(body), 0)
    with open(out, "wb") as f:
        f.write(bytes(body) + bytes(central) + end)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/zipdir.py DIR OUT.zip")
    main(sys.argv[1], sys.argv[2])
