"""Packs a folder into a zip that is the same, byte for byte, on every build: entries sorted,
fixed timestamps and permissions, no extra fields. Usage: python3 tools/zipdir.py DIR OUT.zip"""
import os
import sys
import zipfile


def main(folder: str, out: str) -> None:
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            full = os.path.join(root, name)
            paths.append(os.path.relpath(full, folder).replace(os.sep, "/"))
    paths.sort()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for rel in paths:
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            with open(os.path.join(folder, rel), "rb") as f:
                z.writestr(info, f.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/zipdir.py DIR OUT.zip")
    main(sys.argv[1], sys.argv[2])
