#!/usr/bin/env python3
"""Benchmark `thaksa diff` with a population against scoring the same population once.

    python3 bench/diff_bench.py [--people 100000] [--runs 3] [--no-build]

Builds `swift build -c release --scratch-path .build-bench`, writes bench/data/diff_staff.csv
(rules/ocsc-bma/sample/staff.csv cycled to --people rows with new ids BMA-B0000001...) and
bench/data/diff_new (rules/ocsc-bma with two edits: DT100 required in group S, band case
`developing` from >= 50 to >= 40). Then times, as whole processes (1 warm-up, --runs runs):
  thaksa score bench/data/diff_staff.csv --rules rules/ocsc-bma > /dev/null
  thaksa diff rules/ocsc-bma bench/data/diff_new --population bench/data/diff_staff.csv --format json > /dev/null
and replaces the "## thaksa diff" section of bench/RESULTS.md with medians, their ratio (goal:
diff <= 2x one scoring), machine and load. Standard library only; a few runs, as the CPU is shared.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import results_md  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCRATCH = ".build-bench"
THAKSA = REPO / SCRATCH / "release" / "thaksa"
DATA = REPO / "bench" / "data"
SECTION = "## thaksa diff"


def population(n: int) -> Path:
    out = DATA / "diff_staff.csv"
    src = REPO / "rules" / "ocsc-bma" / "sample" / "staff.csv"
    with src.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    DATA.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k in range(n):
            r = list(body[k % len(body)])
            r[0] = f"BMA-B{k + 1:07d}"
            w.writerow(r)
    return out


def new_rules() -> Path:
    new = DATA / "diff_new"
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(REPO / "rules" / "ocsc-bma", new)
    groups = (new / "groups.thaksa").read_text(encoding="utf-8")
    old_line = "    require DLit100, DLit200, DLit300, DLit400, DLit700, DG100, DG400, DS100\n"
    assert groups.count(old_line) == 1, "groups.thaksa changed: update the benchmark's edit"
    (new / "groups.thaksa").write_text(groups.replace(old_line, old_line.rstrip("\n") + ", DT100\n"), encoding="utf-8")
    scoring = (new / "scoring.thaksa").read_text(encoding="utf-8")
    case = 'en "developing" when >= 50'
    assert scoring.count(case) == 1, "scoring.thaksa changed: update the benchmark's edit"
    (new / "scoring.thaksa").write_text(scoring.replace(case, 'en "developing" when >= 40'), encoding="utf-8")
    return new


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for k in range(runs + 1):
        start = time.perf_counter()
        r = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "THAKSA_LANG": "en"})
        elapsed = time.perf_counter() - start
        if r.returncode != 0:
            sys.exit(f"diff_bench: {' '.join(cmd)} exited {r.returncode}: {r.stderr.decode(errors='replace')[:500]}")
        if k > 0:  # the first run warms the file cache
            times.append(elapsed)
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "thaksa"], cwd=REPO, check=True)
    staff = population(a.people).relative_to(REPO)
    new = new_rules().relative_to(REPO)
    score_cmd = [str(THAKSA), "score", str(staff), "--rules", "rules/ocsc-bma"]
    diff_cmd = [str(THAKSA), "diff", "rules/ocsc-bma", str(new), "--population", str(staff), "--format", "json"]
    load_before = os.getloadavg()
    score = timed(score_cmd, a.runs)
    diff = timed(diff_cmd, a.runs)
    load_after = os.getloadavg()
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    ratio = ms(diff) / ms(score)
    verdict = "**PASS**" if ratio <= 2 else "**FAIL**"
    fmt = lambda xs: ", ".join(f"{x * 1000:.0f}" for x in xs)  # noqa: E731
    section = f"""{SECTION}

Goal: `thaksa diff` with a population takes at most 2× the time of scoring that population once: {verdict} ({ratio:.2f}×).

| command | people | runs | median ms | runs ms |
|---|---|---|---|---|
| `thaksa score` (one scoring, JSON Lines to /dev/null) | {a.people} | {a.runs} | {ms(score):.0f} | {fmt(score)} |
| `thaksa diff --population` (both rule sets, JSON report) | {a.people} | {a.runs} | {ms(diff):.0f} | {fmt(diff)} |

- ratio of medians diff / score: {ratio:.2f}×
- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}
- machine: `uname -m` {platform.machine()}, `nproc` {os.cpu_count()}, CPU {results_md.cpu_model()}
- load average (1/5/15 min) before / after: {' '.join(f'{x:.2f}' for x in load_before)} / {' '.join(f'{x:.2f}' for x in load_after)} (a shared machine: expect noise)
- command: `python3 bench/diff_bench.py --people {a.people} --runs {a.runs}`; 1 warm-up run each, not counted; release build `.build-bench`
- timed: `{' '.join(score_cmd[1:])}` and `{' '.join(diff_cmd[1:])}` (paths relative to the repo; the NEW rule set adds DT100 to group S and lowers `developing` to >= 40)
"""
    print(section)
    results_md.write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
