#!/usr/bin/env python3
"""Benchmark `thaksa check` on the shipped rule set and on synthetic 10x and 100x sets.

    python3 bench/check_bench.py            # build, generate, measure, write bench/RESULTS.md

Steps: `swift build -c release --scratch-path .build-bench` (retried if another process edits
Sources/ during the build), `bench/gen_rules.py` for 10x and 100x (each verified to check with no
error), then the process wall time of `thaksa check <dir>` for rules/ocsc-bma, bench/data/x10 and
bench/data/x100: 2 warm-up runs, then --runs runs (default 20, never fewer than 15; the 100x set
gets fewer if one run is slow, never fewer than 5). Timing uses hyperfine when it is installed
(`--shell=none`), else its own loop (fork/exec + wait4, perf_counter). Peak RSS comes from
/usr/bin/time -v (3 extra runs, largest value) when present, else from wait4's rusage of the
timed runs. When valgrind is installed, one run per set is also counted under callgrind
(instructions do not depend on machine load). Standard library only.

The markdown table goes to stdout and replaces the "## thaksa check" section of bench/RESULTS.md
(other sections are kept). Exit status: 0 when measured (the 50 ms target is reported, not
enforced unless --enforce-target), 1 when the build, generation or a check fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_rules  # noqa: E402
import results_md  # noqa: E402

REPO = gen_rules.REPO
SCRATCH = gen_rules.SCRATCH
THAKSA = REPO / SCRATCH / "release" / "thaksa"
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## thaksa check"
TARGET_MS = 50.0
WARMUP = 2
MIN_RUNS, MIN_RUNS_LARGE = 15, 5
ENV = dict(os.environ, THAKSA_LANG="en", NO_COLOR="1")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ build
def build(retries: int = 6) -> None:
    cmd = ["swift", "build", "-c", "release", "--scratch-path", SCRATCH]
    for attempt in range(1, retries + 1):
        log(f"$ {shlex.join(cmd)}" + (f"   (attempt {attempt})" if attempt > 1 else ""))
        p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if p.returncode == 0:
            return
        out = p.stdout + p.stderr
        # Sources/ is edited by others while we build: swiftc refuses a file that changed under it.
        if "modified during the build" in out and attempt < retries:
            time.sleep(3)
            continue
        log(out[-4000:])
        raise SystemExit(1)


# ----------------------------------------------------------------------------------------- timing
def run_once(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run; raises if the command fails."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"check_bench: {shlex.join(cmd)} exited {p.returncode}")
    return wall, ru.ru_maxrss  # Linux: KiB


def time_own(cmd: list[str], runs: int) -> tuple[list[float], list[int]]:
    for _ in range(WARMUP):
        run_once(cmd)
    walls, rss = [], []
    for _ in range(runs):
        w, r = run_once(cmd)
        walls.append(w)
        rss.append(r)
    return walls, rss


def time_hyperfine(hf: str, cmd: list[str], runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hf.json"
        p = subprocess.run([hf, "--shell=none", "--warmup", str(WARMUP), "--runs", str(runs), "--style", "none",
                            "--export-json", str(out), shlex.join(cmd)], cwd=REPO, env=ENV,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise SystemExit(f"check_bench: hyperfine failed: {p.stderr[-2000:]}")
        res = json.loads(out.read_text())["results"][0]
        if any(c != 0 for c in res.get("exit_codes", [])):
            raise SystemExit(f"check_bench: {shlex.join(cmd)} failed under hyperfine")
        return list(res["times"])


def peak_rss_time_v(cmd: list[str], runs: int = 3) -> int:
    best = 0
    for _ in range(runs):
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        if p.returncode != 0 or not m:
            raise SystemExit(f"check_bench: /usr/bin/time -v {shlex.join(cmd)} failed:\n{p.stderr[-2000:]}")
        best = max(best, int(m.group(1)))
    return best


def instructions(cmd: list[str]) -> int:
    """Instructions executed by one run, counted by callgrind (does not depend on machine load)."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd, cwd=REPO, env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise SystemExit(f"check_bench: callgrind {shlex.join(cmd)} failed:\n{p.stderr[-2000:]}")
    return int(m.group(1))


def has_time_v() -> bool:
    if not os.access("/usr/bin/time", os.X_OK):
        return False
    p = subprocess.run(["/usr/bin/time", "-v", "true"], capture_output=True, text=True)
    return p.returncode == 0 and "Maximum resident set size" in p.stderr


def measure(cmd: list[str], runs: int, large: bool, hf: str | None, time_v: bool, budget_s: float) -> dict:
    if large:
        probe, _ = run_once(cmd)  # also a warm-up; decide how many runs fit the budget
        runs = max(MIN_RUNS_LARGE, min(runs, int(budget_s / max(probe, 1e-6))))
    if hf:
        walls, rss_runs = time_hyperfine(hf, cmd, runs), []
    else:
        walls, rss_runs = time_own(cmd, runs)
    if time_v:
        rss, rss_how = peak_rss_time_v(cmd), "/usr/bin/time -v"
    else:
        if not rss_runs:
            rss_runs = [run_once(cmd)[1] for _ in range(3)]
        rss, rss_how = max(rss_runs), "wait4 rusage"
    ms = [w * 1000 for w in walls]
    return dict(runs=len(ms), median=statistics.median(ms), min=min(ms), max=max(ms),
                stdev=statistics.stdev(ms) if len(ms) > 1 else 0.0, rss_kib=rss, rss_how=rss_how)


# ------------------------------------------------------------------------------------ environment
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def shell_out(cmd: list[str], fallback: str) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 and p.stdout.strip() else fallback
    except OSError:
        return fallback


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def swift_version() -> str:
    p = subprocess.run(["swift", "--version"], capture_output=True, text=True)
    return (p.stdout + p.stderr).strip().splitlines()[0] if p.returncode == 0 else "unknown"


def sources_digest() -> str:
    h = hashlib.sha256()
    for p in sorted((REPO / "Sources").rglob("*.swift")):
        h.update(str(p.relative_to(REPO)).encode() + b"\0" + p.read_bytes() + b"\0")
    h.update((REPO / "Package.swift").read_bytes())
    return h.hexdigest()[:12]


# ---------------------------------------------------------------------------------------- results
def table(rows: list[dict], base: dict, startup: dict) -> str:
    head = ("| rule set | files | declarations | lines | runs | median ms | min ms | max ms "
            "| min − start min ms | peak RSS MiB | × shipped (median) | µs / declaration | target |")
    cg = "instructions" in base
    if cg:
        head += " instructions (callgrind) | × shipped (instructions) |"
    out = [head, "|" + "|".join(["---"] * (15 if cg else 13)) + "|"]
    for r in rows:
        ratio = r["median"] / base["median"]
        per_decl = r["median"] * 1000 / r["declarations"]
        target = ""
        if r["shipped"]:
            target = f"< {TARGET_MS:.0f} ms: **{'PASS' if r['median'] < TARGET_MS else 'FAIL'}**"
        out.append(f"| {r['label']} | {r['files']} | {r['declarations']} | {r['lines']} | {r['runs']} "
                   f"| {r['median']:.1f} | {r['min']:.1f} | {r['max']:.1f} | {r['min'] - startup['min']:.1f} "
                   f"| {r['rss_kib'] / 1024:.1f} | {ratio:.2f}× | {per_decl:.1f} | {target} |"
                   + (f" {r['instructions'] / 1e6:.1f} M | {r['instructions'] / base['instructions']:.2f}× |" if cg else ""))
    out.append(f"| `thaksa version` (process start only) | – | – | – | {startup['runs']} | {startup['median']:.1f} "
               f"| {startup['min']:.1f} | {startup['max']:.1f} | 0 | {startup['rss_kib'] / 1024:.1f} | – | – | |"
               + (f" {startup['instructions'] / 1e6:.1f} M | – |" if cg else ""))
    return "\n".join(out)


def scaling_notes(rows: list[dict]) -> list[str]:
    """Marginal cost per declaration between consecutive sizes: flat means linear."""
    notes = []
    for a, b in zip(rows, rows[1:]):
        dd = b["declarations"] - a["declarations"]
        if dd <= 0:
            continue
        marginal = (b["median"] - a["median"]) * 1000 / dd
        note = f"{a['label']} → {b['label']}: {marginal:.1f} µs per added declaration"
        if "instructions" in a:
            note += f", {(b['instructions'] - a['instructions']) / dd / 1e3:.1f} k instructions per added declaration"
        notes.append(note)
    return notes


def busy(*loads: str) -> bool:
    try:
        return max(float(l.split()[0]) for l in loads) > 0.5 * len(os.sched_getaffinity(0))
    except (ValueError, IndexError):
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20, help=f"timed runs per set (min {MIN_RUNS}; default 20)")
    ap.add_argument("--factors", type=int, nargs="+", default=[10, 100], help="synthetic sizes (default 10 100)")
    ap.add_argument("--budget", type=float, default=60.0,
                    help="seconds of timed runs allowed for the largest set before runs are cut (default 60)")
    ap.add_argument("--no-build", action="store_true", help="use the existing .build-bench/release/thaksa")
    ap.add_argument("--no-hyperfine", action="store_true", help="use the built-in timing loop even if hyperfine exists")
    ap.add_argument("--callgrind", action=argparse.BooleanOptionalAction, default=None,
                    help="also count instructions of one run per set under valgrind callgrind (about a minute "
                         "for 100x; the load-independent way to judge scaling on a busy machine). "
                         "Default: on when valgrind is installed")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--enforce-target", action="store_true",
                    help=f"exit 2 when the shipped set's median is not under {TARGET_MS:.0f} ms")
    args = ap.parse_args()
    runs = max(MIN_RUNS, args.runs)
    command = "python3 bench/check_bench.py" + ("" if len(sys.argv) == 1 else " " + shlex.join(sys.argv[1:]))

    digest = sources_digest()
    if not args.no_build:
        build()
        after = sources_digest()
        if after != digest:  # someone edited Sources/ while we built: say so rather than pick one
            digest = f"{digest} before the build, {after} after (Sources/ changed during the build)"
    else:
        digest += " (current Sources/; --no-build: the binary may be older)"
    if not THAKSA.exists():
        log(f"check_bench: {THAKSA} missing")
        return 1

    # Sets: shipped + synthetic (generated and verified by gen_rules).
    shipped = REPO / "rules" / "ocsc-bma"
    base_info = gen_rules.shipped_info(shipped)
    rc, base_summary, diags = gen_rules.check_summary(THAKSA, shipped)
    if rc != 0:
        log(f"check_bench: thaksa check {shipped} exited {rc}")
        return 1
    sets = [dict(label="shipped (rules/ocsc-bma)", path=shipped, info=base_info, shipped=True, factor=1)]
    for f in sorted(set(args.factors)):
        log(f"generating {f}x ...")
        info = gen_rules.generate(shipped, gen_rules.DEFAULT_OUT / f"x{f}", f)
        gen_rules.verify(THAKSA, info.path, f, base_summary, "files", base_info.files)
        sets.append(dict(label=f"{f}× (bench/data/x{f})", path=info.path, info=info, shipped=False, factor=f))

    hf = None if args.no_hyperfine else shutil.which("hyperfine")
    load_before = loadavg()
    time_v = has_time_v()
    # Process start alone first, next to the shipped set in time (both are affected by load alike).
    startup_cmd = [str(THAKSA.relative_to(REPO)), "version"]
    log(f"timing {shlex.join(startup_cmd)} ...")
    startup = measure(startup_cmd, runs, large=False, hf=hf, time_v=time_v, budget_s=args.budget)
    startup["cmd"] = startup_cmd
    rows = []
    for s in sets:
        cmd = [str(THAKSA.relative_to(REPO)), "check", str(Path(s["path"]).relative_to(REPO))]
        log(f"timing {shlex.join(cmd)} ...")
        m = measure(cmd, runs, large=s["factor"] >= 100, hf=hf, time_v=time_v, budget_s=args.budget)
        info = s["info"]
        rows.append(dict(m, label=s["label"], shipped=s["shipped"], files=info.files,
                         declarations=info.declarations, lines=info.lines, cmd=cmd))
    if args.callgrind is None:
        args.callgrind = shutil.which("valgrind") is not None
    if args.callgrind:
        if not shutil.which("valgrind"):
            log("check_bench: --callgrind needs valgrind (apt-get install -y valgrind)")
            return 1
        for r in rows + [startup]:
            log(f"callgrind {shlex.join(r['cmd'])} ...")
            r["instructions"] = instructions(r["cmd"])

    load_after = loadavg()
    base = rows[0]
    hf_version = subprocess.run([hf, "--version"], capture_output=True, text=True).stdout.strip() if hf else None
    now = dt.datetime.now(dt.timezone.utc).astimezone()
    lines = [
        SECTION,
        "",
        f"Target: the shipped set (rules/ocsc-bma) checks in under {TARGET_MS:.0f} ms (median wall time of "
        f"the whole process): **{'PASS' if base['median'] < TARGET_MS else 'FAIL'}** ({base['median']:.1f} ms).",
        "",
        table(rows, base, startup),
        "",
        "Marginal cost (difference of medians over difference of declarations; equal numbers mean linear growth):",
        "",
        *[f"- {n}" for n in scaling_notes(rows)],
        "",
        f"- date: {now.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: `uname -m` {shell_out(['uname', '-m'], platform.machine())}, "
        f"`nproc` {shell_out(['nproc'], str(len(os.sched_getaffinity(0))))}, CPU {cpu_model()}",
        f"- Swift: {swift_version()}; build `swift build -c release --scratch-path {SCRATCH}`; "
        f"Sources/ + Package.swift sha256 {digest}",
        f"- command: `{command}`",
        f"- timed: `{shlex.join(rows[0]['cmd'])}` etc. (cwd = repo root, THAKSA_LANG=en, output discarded), "
        f"{WARMUP} warm-up runs, then the runs shown; "
        + (f"{hf_version} `--shell=none`" if hf else "built-in loop (fork/exec + wait4, perf_counter)"),
        f"- peak RSS: {base['rss_how']} (largest of the runs measured)",
        f"- load average (1/5/15 min) before / after timing: {load_before} / {load_after}"
        + (" — the machine was busy, expect noise (compare min as well as median)"
           if busy(load_before, load_after) else ""),
        "- declarations: grammar `declaration`s (top-level statements, plus items and skill sets inside "
        "dimensions); the synthetic sets keep `ruleset`, `programme`, `assignment`, `idp` once "
        "(see bench/README.md)",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        results_md.write_section(SECTION, section)
        log(f"wrote {RESULTS.relative_to(REPO)}")
    if args.enforce_target and base["median"] >= TARGET_MS:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
