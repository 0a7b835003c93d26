#!/usr/bin/env python3
"""Writes the shipped-rules CSV workload: the rows of rules/ocsc-bma/sample/staff.csv cycled to N
rows, each with a new id (`B0000001`...), the header kept.

    python3 bench/gen_staff.py N OUT.csv

Deterministic (no randomness): the same N gives the same bytes. Every row scores without error
with the shipped rules, so `thaksa score` exits 0 on it.
"""
import csv
import io
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "rules" / "ocsc-bma" / "sample" / "staff.csv"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    rows = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8-sig"), newline="")))
    header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    idc = header.index("id")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k in range(n):
            r = list(body[k % len(body)])
            r[idc] = f"B{k + 1:07d}"
            w.writerow(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
