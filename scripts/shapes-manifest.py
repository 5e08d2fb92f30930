"""Writes the MANIFEST of committed tool renderings (scripts/render-pdf.sh,
scripts/render-pandoc.sh): the FNV-1a 64 fingerprint of each canonical
document they were made from, as tests/shapes.rs computes it.

Usage: python3 scripts/shapes-manifest.py OUT tests/fixtures/shapes/docs/*.doc
"""
import os
import sys


def fnv(data):
    h = 0xcbf29ce484222325
    for x in data:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


with open(sys.argv[1], "w") as f:
    f.write("# canonical document, FNV-1a 64 of its file when these texts were made\n")
    for p in sorted(sys.argv[2:]):
        name = os.path.basename(p)[:-4]
        f.write(f"{name} {fnv(open(p, 'rb').read()):016x}\n")
