#!/usr/bin/env python3
"""Seeded generator of peer-benchmark input: JSON Lines, one person a line.

    {"id": "P0000001", "group": "S", "has": {"DLit100": true, "DLit200": false, ...}}

Groups are drawn with the shares in workload.GROUP_SHARES. Each of the person's required items is
missing with probability --missing (default 0.05), otherwise held (true) with probability --held
(default 0.7) and not held (false) otherwise. A missing item counts as not held.

    python3 bench/peer/gen_data.py 100000 bench/data/peer-100000.jsonl [--seed 20240601]
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload  # noqa: E402


def generate(n, path, seed=20240601, held=0.7, missing=0.05):
    rng = random.Random(seed)
    groups = list(workload.GROUP_SHARES)
    weights = [workload.GROUP_SHARES[g] for g in groups]
    reqs = {g: workload.required(g) for g in groups}
    keys = {g: ['"%s": ' % c for c in reqs[g]] for g in groups}
    p_true = missing + (1 - missing) * held
    tmp = path + ".tmp"
    rand = rng.random
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        buf = []
        for i in range(1, n + 1):
            g = rng.choices(groups, weights)[0]
            parts = []
            for k in keys[g]:
                r = rand()
                if r < missing:
                    continue
                parts.append(k + ("true" if r < p_true else "false"))
            buf.append('{"id": "P%07d", "group": "%s", "has": {%s}}\n' % (i, g, ", ".join(parts)))
            if len(buf) >= 10000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--held", type=float, default=0.7)
    ap.add_argument("--missing", type=float, default=0.05)
    a = ap.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    generate(a.n, a.out, a.seed, a.held, a.missing)


if __name__ == "__main__":
    main()
