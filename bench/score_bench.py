#!/usr/bin/env python3
"""`thaksa score` on the shipped rules (rules/ocsc-bma) with a generated CSV: people per second
(wall and per CPU-second), peak RSS, `--threads 1` against `--threads 2`.

    python3 bench/score_bench.py [--sizes 100000,1000000] [--runs 3] [--out-dirs DIR,...] [--no-build] [--no-write]

1. builds `.build-bench/release/thaksa` (`swift build -c release --scratch-path .build-bench`),
   retrying when Sources/ changes under the build;
2. writes bench/data/staff-N.csv with gen_staff.py (the 69 sample rows cycled, new ids) unless it
   is there;
3. per size, in interleaved rounds (load changes hit every variant alike), --runs runs of each
   variant: today's JSON Lines with --threads 1 and 2, and the lean form (`--compact`) when the
   binary has it, each written to a file in every --out-dirs folder (default: bench/data on the
   disk, and /dev/shm when it is a tmpfs). `thaksa score` writes a file whole: it fsyncs it before
   the rename, so on the disk a large output also waits for the disk; on tmpfs the same run shows
   the scoring alone. The section records each folder's file system and, for the disk, what `dd`
   with fsync takes for the same number of bytes (the floor no program can beat). Wall time,
   user+system CPU and peak RSS come from wait4; every run's output must be byte-identical to the
   first run of the same form;
4. prints a markdown section and writes it to bench/RESULTS.md as
   "## thaksa score: shipped rules on CSV" (other sections kept), with the machine, load averages
   before and after, and the exact commands.
"""
import argparse
import datetime
import hashlib
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import results_md  # noqa: E402

SCRATCH = ".build-bench"
THAKSA = REPO / SCRATCH / "release" / "thaksa"
DATA = HERE / "data"
TITLE = "## thaksa score: shipped rules on CSV"
TARGET_FULL, TARGET_LEAN, TARGET_SCALE, TARGET_RSS = 60_000, 200_000, 1.8, 64


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build(retries: int = 6) -> None:
    cmd = ["swift", "build", "-c", "release", "--scratch-path", SCRATCH]
    for attempt in range(1, retries + 1):
        log(f"$ {shlex.join(cmd)}")
        p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if p.returncode == 0:
            return
        if "modified during the build" in p.stdout + p.stderr and attempt < retries:
            time.sleep(3)
            continue
        log((p.stdout + p.stderr)[-4000:])
        raise SystemExit(1)


def run_once(cmd: list[str], out: Path) -> dict:
    """Wall and CPU seconds, peak RSS (MiB) and the output's digest of one run; fails on a non-zero exit."""
    out.unlink(missing_ok=True)  # replacing a big file makes ext4 free its blocks: not scoring work
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + ["--out", str(out)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"score_bench: {shlex.join(cmd)} failed:\n{err[-2000:]}")
    h = hashlib.sha256()
    with out.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss / 1024, "digest": h.hexdigest(),
            "bytes": out.stat().st_size}


def fs_type(folder: Path) -> str:
    p = subprocess.run(["findmnt", "-n", "-o", "FSTYPE", "-T", str(folder)], capture_output=True, text=True)
    return (p.stdout.strip().splitlines() or ["?"])[-1]  # the last mount over the folder is the one seen


def dd_fsync_seconds(folder: Path, size: int) -> float:
    """Seconds `dd` takes to write `size` bytes of zeros to `folder` and fsync them (best of 2)."""
    target = folder / "score-bench-dd"
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        subprocess.run(["dd", "if=/dev/zero", f"of={target}", "bs=1M", f"count={max(1, size >> 20)}", "conv=fsync"],
                       check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
        target.unlink(missing_ok=True)
    return best


def default_out_dirs() -> str:
    shm = Path("/dev/shm")
    return str(DATA) + (f",{shm}" if shm.is_dir() and os.access(shm, os.W_OK) and fs_type(shm) == "tmpfs" else "")


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out-dirs", default=None, help="folders the output files go to (default: bench/data and /dev/shm)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    out_dirs = [Path(d) for d in (a.out_dirs or default_out_dirs()).split(",") if d]
    dest = {d: fs_type(d) for d in out_dirs}
    if not a.no_build:
        build()
    help_text = subprocess.run([str(THAKSA), "score", "--help"], capture_output=True, text=True).stdout
    lean = "--compact" in help_text
    sizes = [int(s) for s in a.sizes.split(",")]
    load_before = loadavg()
    rows = []
    for n in sizes:
        data = DATA / f"staff-{n}.csv"
        if not data.exists():
            log(f"generating {data}")
            subprocess.run([sys.executable, str(HERE / "gen_staff.py"), str(n), str(data)], check=True)
        forms = {"jsonl, --threads 1": ["--threads", "1"], "jsonl, --threads 2": ["--threads", "2"]}
        if lean:
            forms["compact, --threads 1"] = ["--compact", "--threads", "1"]
            forms["compact, --threads 2"] = ["--compact", "--threads", "2"]
        variants = {(name, d): extra for d in out_dirs for name, extra in forms.items()}
        runs: dict[tuple, list[dict]] = {k: [] for k in variants}
        for r in range(a.runs):
            for (name, d), extra in variants.items():
                cmd = [str(THAKSA), "score", str(data.relative_to(REPO))] + extra
                out = d / f"score-out-{n}"
                res = run_once(cmd, out)
                out.unlink(missing_ok=True)
                log(f"{n} {name} to {dest[d]} run {r + 1}: {res['wall']:.2f} s wall, {res['cpu']:.2f} s CPU, {res['rss']:.0f} MiB")
                runs[(name, d)].append(res)
        for (name, d), rs in runs.items():
            form = name.split(",")[0]
            first = next(x for k, v in runs.items() if k[0].startswith(form) for x in v)
            if any(x["digest"] != first["digest"] for x in rs):
                raise SystemExit(f"score_bench: output of `{name}` differs between runs, thread counts or folders")
            wall, cpu = statistics.median(x["wall"] for x in rs), statistics.median(x["cpu"] for x in rs)
            rows.append({"n": n, "name": name, "dir": d, "wall": wall, "cpu": cpu, "rss": max(x["rss"] for x in rs),
                         "bytes": rs[0]["bytes"]})
    load_after = loadavg()
    floors = []
    for d, kind in dest.items():
        if kind != "tmpfs":
            for n in sizes:
                size = max(r["bytes"] for r in rows if r["n"] == n and r["dir"] == d)
                secs = dd_fsync_seconds(d, size)
                floors.append(f"writing {size / 1e6:,.0f} MB (the {n:,}-row JSON Lines output) to `{d.relative_to(REPO) if d.is_relative_to(REPO) else d}` "
                              f"({kind}) with `dd bs=1M conv=fsync` takes {secs:.2f} s, so no program can write it there "
                              f"faster than {n / secs:,.0f} people/s")
    lines = [TITLE, "",
             f"{datetime.date.today()}, `{platform.machine()}`, {os.cpu_count()} cores, {results_md.cpu_model()}; "
             f"load average before {load_before}, after {load_after}. Command: `python3 bench/score_bench.py "
             f"--sizes {a.sizes} --runs {a.runs}`; medians of {a.runs} interleaved runs; output to a new file "
             f"(deleted after each run), written whole as users get it: synced, then renamed.", "",
             "| rows | variant | output to | median s | people/s wall | people per CPU-s | peak RSS MiB | output B/person | vs --threads 1 |",
             "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        base = next(x for x in rows if x["n"] == r["n"] and x["dir"] == r["dir"] and x["name"] == r["name"].split(",")[0] + ", --threads 1")
        lines.append(f"| {r['n']:,} | {r['name']} | {dest[r['dir']]} | {r['wall']:.2f} | {r['n'] / r['wall']:,.0f} | {r['n'] / r['cpu']:,.0f} | "
                     f"{r['rss']:.0f} | {r['bytes'] / r['n']:,.0f} | {base['wall'] / r['wall']:.2f}× |")
    lines += ["", f"Targets (issue 15): ≥ {TARGET_FULL:,} people/s with JSON Lines, ≥ {TARGET_LEAN:,} with the lean form, "
              f"`--threads 2` ≥ {TARGET_SCALE}× `--threads 1` (idle machine), peak RSS ≤ {TARGET_RSS} MiB at 1 M rows."
              + ("" if lean else " The binary has no `--compact` yet, so the lean form is not measured."), ""]
    if floors:
        lines += ["The disk's own limit: " + "; ".join(floors) + ".", ""]
    section = "\n".join(lines)
    print(section)
    if not a.no_write:
        results_md.write_section(TITLE, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
