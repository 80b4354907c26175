"""Re-compresses PNG files in place with Zopfli (lossless). Usage: python3 tools/pngopt.py FILE..."""
import sys

import zopfli.png

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        before = f.read()
    after = zopfli.png.optimize(before)
    if len(after) < len(before):
        with open(path, "wb") as f:
            f.write(after)
