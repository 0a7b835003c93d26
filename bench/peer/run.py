#!/usr/bin/env python3
"""Peer benchmark of `thaksa score` against OPA Rego (regopy / rego-cpp) and GoRules ZEN (zen-engine).

    python3 bench/peer/run.py [--sizes 100000,1000000] [--runs 3]

One command reruns everything:

1. builds the release binary with its own scratch path (`swift build -c release --scratch-path
   .build-peer`, binary `.build-peer/release/thaksa`) and the evaluation-only harness
   bench/peer/evalbench (scratch path `.build-peer/evalbench`); retries when someone edits
   Sources/ during the build;
2. creates bench/.venv with regopy and zen-engine when it is missing;
3. generates the seeded inputs bench/data/peer-N.jsonl (bench/peer/gen_data.py) unless they are
   already there for the same generator;
4. checks that bench/peer/thaksa, policy.rego and zen_model.json encode exactly the lists of
   workload.py, then runs the three engines and the plain-Python reference on the first size and
   compares every record, normalised to {id, gaps, ability_readiness, readiness, band, first3};
   stops with the first differing record if any differ. Nothing is timed before this passes;
5. measures, in interleaved rounds (so a change of machine load hits every engine alike), the
   median of --runs runs of: `thaksa score` with the default threads and with --threads 1, with a
   baseline rule set (no lists, scores, band, IDP), and each peer's Python loop; every timed run's
   output must be byte-identical to the verified one;
6. runs evalbench (Evaluator.evaluate alone on in-memory data) and `thaksa score` on the larger
   sizes (throughput and peak RSS);
7. if a target is missed and `perf` works, profiles `thaksa score --threads 1` on 20k records;
8. prints a markdown section and writes it to bench/RESULTS.md as "## thaksa score vs OPA/Rego and
   GoRules ZEN" (other sections are kept).

Options: --runs N (default 3, at least 3), --sizes, --out-dir (default /dev/shm/thaksa-peer-out
when /dev/shm is a tmpfs, else bench/data/peer-out), --no-build, --no-write, --no-profile,
--skip-rego (for quick iterations; the section then says so and is not written unless --write-anyway).
Exit status: 0 measured (targets are reported, not enforced), 1 build / setup / disagreement failure.
"""
import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import workload  # noqa: E402
sys.path.insert(0, str(HERE.parent))
import results_md  # noqa: E402

SCRATCH = ".build-peer"
THAKSA = REPO / SCRATCH / "release" / "thaksa"
EVAL_SCRATCH = SCRATCH + "/evalbench"
EVALBENCH = REPO / EVAL_SCRATCH / "release" / "evalbench"
VENV = REPO / "bench" / ".venv"
VPY = VENV / "bin" / "python"
DATA = REPO / "bench" / "data"
OUT = DATA / "peer-out"
RULES = HERE / "thaksa"
BASELINE = HERE / "thaksa-baseline"
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## thaksa score vs OPA/Rego and GoRules ZEN"
SEED = 20240601
ENV = dict(os.environ, THAKSA_LANG="en", NO_COLOR="1")
MiB = 1024 * 1024

# Targets from the issue.
T_ZEN, T_REGO, T_EVAL, T_RSS_MIB = 20.0, 400.0, 2_000_000.0, 64.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    log("run.py: " + msg)
    raise SystemExit(1)


def loadavg():
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


# ------------------------------------------------------------------------------------------ build
def swift_build(args, what, retries=6):
    cmd = ["swift", "build", "-c", "release"] + args
    for attempt in range(1, retries + 1):
        log(f"$ {shlex.join(cmd)}" + (f"   (attempt {attempt})" if attempt > 1 else ""))
        p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if p.returncode == 0:
            return True
        out = p.stdout + p.stderr
        if "modified during the build" in out and attempt < retries:
            time.sleep(3)
            continue
        log(out[-4000:])
        log(f"run.py: building {what} failed")
        return False
    return False


def sources_hash():
    h = hashlib.sha256()
    files = sorted((REPO / "Sources").rglob("*.swift")) + [REPO / "Package.swift"]
    for f in files:
        h.update(str(f.relative_to(REPO)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


# ------------------------------------------------------------------------------------------- venv
def ensure_venv():
    if not VPY.exists():
        log("$ python3 -m venv bench/.venv && bench/.venv/bin/pip install regopy zen-engine")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    p = subprocess.run([str(VPY), "-c", "import regopy, zen"], capture_output=True, text=True)
    if p.returncode != 0:
        q = subprocess.run([str(VENV / "bin" / "pip"), "install", "regopy", "zen-engine"], capture_output=True, text=True)
        if q.returncode != 0:
            die("pip install regopy zen-engine failed:\n" + (q.stdout + q.stderr)[-4000:])
    p = subprocess.run([str(VPY), "-c", "import importlib.metadata as m, platform; "
                        "print(m.version('regopy'), m.version('zen-engine'), platform.python_version())"],
                       capture_output=True, text=True, check=True)
    regopy, zen, py = p.stdout.split()
    return {"regopy": regopy, "zen-engine": zen, "python": py}


# ------------------------------------------------------------------------------------------- data
def ensure_data(n):
    path = DATA / f"peer-{n}.jsonl"
    meta = path.with_suffix(".meta")
    h = hashlib.sha256()
    for f in ("gen_data.py", "workload.py"):
        h.update((HERE / f).read_bytes())
    want = f"{h.hexdigest()[:16]} n={n} seed={SEED}"
    if path.exists() and meta.exists() and meta.read_text().strip() == want:
        return path
    log(f"$ python3 bench/peer/gen_data.py {n} {path.relative_to(REPO)} --seed {SEED}")
    subprocess.run([sys.executable, str(HERE / "gen_data.py"), str(n), str(path), "--seed", str(SEED)], check=True)
    meta.write_text(want + "\n")
    return path


# ------------------------------------------------------------------------------ encodings agree
def check_encodings():
    """Each engine's file names exactly the workload's lists (a quick guard; outputs are compared too)."""
    text = (RULES / "peer.thaksa").read_text(encoding="utf-8")
    groups = {}
    for m in re.finditer(r'^group (\w+) "[^"]*" \{(.*?)^\}', text, re.S | re.M):
        codes = []
        for line in re.findall(r"require ([^\n#]+)", m.group(2)):
            codes += [c.strip() for c in line.split(",")]
        groups[m.group(1)] = codes
    want = {g: workload.required(g) for g in workload.GROUP_ABILITIES}
    if groups != want:
        die(f"bench/peer/thaksa does not encode workload.py's groups: {groups}")
    rego = (HERE / "policy.rego").read_text(encoding="utf-8")
    ab = {g: re.findall(r'"(\w+)"', body) for g, body in re.findall(r'^\t"(\w+)": \[([^\]]*)\],', rego, re.M)}
    common = re.findall(r'"(\w+)"', re.search(r"^common := \[([^\]]*)\]", rego, re.M).group(1))
    if ab != workload.GROUP_ABILITIES or common != workload.COMMON:
        die("bench/peer/policy.rego does not encode workload.py's groups")
    model = json.loads((HERE / "zen_model.json").read_text(encoding="utf-8"))
    table = next(n for n in model["nodes"] if n["type"] == "decisionTableNode")["content"]
    zab, zreq = {}, {}
    for r in table["rules"]:
        g = json.loads(r["in-group"])
        zab[g] = json.loads(r["out-abilities"])
        zreq[g] = json.loads(r["out-required"])
    if zab != workload.GROUP_ABILITIES or zreq != want:
        die("bench/peer/zen_model.json does not encode workload.py's groups")


# ---------------------------------------------------------------------------- normalise/compare
def tenths(v, engine, rid, key, exact_decimal):
    """Readiness as an integer count of tenths. Thaksa prints exact decimals: the text must be a
    whole number of tenths. The peers print binary floats: the float must be exactly the double
    nearest to k/10 (so the engine computed k exactly; only the display is binary)."""
    if exact_decimal:
        d = Decimal(str(v)) * 10
        if d != d.to_integral_value():
            die(f"{engine}: record {rid}: {key} = {v} is not a whole number of tenths")
        return int(d)
    k = round(float(v) * 10)
    if float(v) != k / 10:
        die(f"{engine}: record {rid}: {key} = {v!r} is not the double nearest to {k}/10")
    return k


def normalise(engine, obj):
    if engine == "thaksa":
        return {"id": obj["id"], "gaps": [g["item"] for g in obj["gaps"]],
                "ability_readiness": tenths(obj["scores"]["ability_readiness"], engine, obj["id"], "ability_readiness", True),
                "readiness": tenths(obj["scores"]["readiness"], engine, obj["id"], "readiness", True),
                "band": obj["band"], "first3": [i["item"] for i in obj["idp"]]}
    return {"id": obj["id"], "gaps": obj["gaps"],
            "ability_readiness": tenths(obj["ability_readiness"], engine, obj["id"], "ability_readiness", False),
            "readiness": tenths(obj["readiness"], engine, obj["id"], "readiness", False),
            "band": obj["band"], "first3": obj["first3"]}


def compare(inp, outputs):
    """outputs: engine -> path. Every record must normalise to the same object as the reference."""
    files = {e: open(p, encoding="utf-8") for e, p in outputs.items()}
    n = 0
    try:
        with open(inp, encoding="utf-8") as f:
            for line in f:
                n += 1
                rec = json.loads(line)
                ref = workload.reference(rec)
                got = {}
                for e, fh in files.items():
                    raw = fh.readline()
                    if not raw:
                        die(f"{e}: output ends after {n - 1} records")
                    obj = json.loads(raw, parse_float=Decimal) if e == "thaksa" else json.loads(raw)
                    got[e] = normalise(e, obj)
                if any(g != ref for g in got.values()):
                    lines = [f"outputs differ at record {n} (id {rec['id']}):", "  input:     " + line.strip(),
                             "  expected:  " + json.dumps(ref)]
                    lines += [f"  {e + ':':10} " + json.dumps(g) + ("" if g == ref else "   <-- differs")
                              for e, g in got.items()]
                    die("\n".join(lines))
        for e, fh in files.items():
            if fh.readline():
                die(f"{e}: output has more records than the input ({n})")
    finally:
        for fh in files.values():
            fh.close()
    return n


def file_hash(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------------------- runs
def run_measured(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds (user + sys) and peak RSS (bytes) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=REPO, env=ENV, stdout=stdout, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        die(f"{shlex.join(map(str, cmd))} exited {rc}:\n{err.decode(errors='replace')[-3000:]}")
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss * 1024}


def thaksa_cmd(inp, out, rules=RULES, threads=None):
    cmd = [str(THAKSA), "score", str(inp), "--rules", str(rules), "--format", "jsonl", "--out", str(out)]
    if threads:
        cmd += ["--threads", str(threads)]
    return cmd


def run_thaksa(inp, out, rules=RULES, threads=None):
    return run_measured(thaksa_cmd(inp, out, rules, threads))


def run_peer(engine, inp, out):
    import tempfile
    with tempfile.TemporaryFile() as tf:
        m = run_measured([str(VPY), str(HERE / "peer_run.py"), engine, str(inp), str(out)], stdout=tf)
        tf.seek(0)
        inner = json.loads(tf.read().decode())
    m["loop_wall_s"] = inner["wall_s"]
    m["loop_cpu_s"] = inner["cpu_s"]
    m["eval_s"] = inner["eval_s"]
    m["setup_s"] = inner["setup_s"]
    return m


def fs_type(folder):
    p = subprocess.run(["findmnt", "-n", "-o", "FSTYPE", "-T", str(folder)], capture_output=True, text=True)
    return (p.stdout.strip().splitlines() or ["?"])[-1]  # the last mount over the folder is the one seen


def default_out():
    """tmpfs when there is one: every engine then writes to memory, and Thaksa's fsync of its
    output (which the Python peers do not do) costs nothing, so the disk does not decide the ratio."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and fs_type(shm) == "tmpfs":
        return shm / "thaksa-peer-out"
    return OUT


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def fmt_rate(x):
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e4:
        return f"{x / 1e3:.0f} k"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k"
    return f"{x:.0f}"


def fmt_ratio(x):
    return f"{x:.1f}×" if x < 100 else f"{x:.0f}×"


# ------------------------------------------------------------------------------------- profile
def profile(inp, n=20000):
    """perf on `thaksa score --threads 1` over the first n records: inclusive shares of the
    ThaksaCore phases and the top self-time functions. None when perf cannot count here."""
    if not shutil.which("perf"):
        return None
    small = OUT / f"profile-{n}.jsonl"
    with open(inp, encoding="utf-8") as f, open(small, "w", encoding="utf-8") as g:
        for k, line in enumerate(f):
            if k >= n:
                break
            g.write(line)
    data = OUT / "perf.data"
    p = subprocess.run(["perf", "record", "-F", "2000", "-g", "-o", str(data)] +
                       thaksa_cmd(small, OUT / "profile.out", threads=1), cwd=REPO, env=ENV, capture_output=True, text=True)
    if p.returncode != 0:
        return None

    def report(children):
        args = ["perf", "report", "-i", str(data), "--stdio", "-g", "none", "--percent-limit", "0.5"]
        args += ["--children"] if children else ["--no-children"]
        r = subprocess.run(args, capture_output=True, text=True)
        text = r.stdout
        if shutil.which("swift"):
            d = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True)
            if d.returncode == 0:
                text = d.stdout
        rows = []
        for line in text.splitlines():
            m = re.match(r"\s+([\d.]+)%\s+(?:([\d.]+)%\s+)?\S+\s+(\S+)\s+\[\.\]\s+(.*)$", line)
            if m:
                rows.append((float(m.group(1)), m.group(3), m.group(4).strip()))
        return rows

    incl = report(True)
    self_ = report(False)
    phases = [("AssessmentMapper.map(json:", "map JSON fields to items and levels (AssessmentMapper.map)"),
              ("JSONValue.write(", "encode the output line (JSONValue.write)"),
              ("ResultEncoder.jsonObject", "build the output object (ResultEncoder.jsonObject)"),
              ("JSONParser.parse", "parse the input line (JSONParser.parse)"),
              ("Evaluator.evaluate(", "evaluate (Evaluator.evaluate)"),
              ("OrganisationSummary.add", "organisation summary, computed though `score` never writes it (OrganisationSummary.add)"),
              ("AtomicFile.write", "write to the output file (AtomicFile.write)"),
              ("LineReader.next", "read lines (LineReader.next)")]
    found = []
    for key, label in phases:
        best = max((pct for pct, _, sym in incl if key in sym), default=None)
        if best is not None:
            found.append((best, label))
    top_self = [(pct, dso, sym) for pct, dso, sym in self_][:12]
    return {"records": n, "phases": found, "self": top_self}


# ------------------------------------------------------------------------------------- results
def swift_version():
    try:
        return subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()
    except (OSError, IndexError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="record counts; the first is compared and timed against the peers")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per configuration (median; at least 3)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--skip-rego", action="store_true", help="leave Rego out (quick iterations; not written to RESULTS.md)")
    ap.add_argument("--out-dir", default=None, help="where every engine's output goes (default: /dev/shm/thaksa-peer-out "
                    "when /dev/shm is a tmpfs, else bench/data/peer-out)")
    a = ap.parse_args()
    runs = max(3, a.runs)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    n0 = sizes[0]
    started = time.time()
    command = "python3 bench/peer/run.py" + ("" if a.sizes == "100000,1000000" else f" --sizes {a.sizes}") + \
        ("" if runs == 3 else f" --runs {runs}")

    if not a.no_build:
        if not swift_build(["--scratch-path", SCRATCH], "thaksa"):
            raise SystemExit(1)
    if not THAKSA.exists():
        die(f"{THAKSA} is missing")
    have_evalbench = a.no_build and EVALBENCH.exists()
    if not a.no_build:
        have_evalbench = swift_build(["--package-path", str(HERE / "evalbench"), "--scratch-path", EVAL_SCRATCH], "evalbench")
    src_hash = sources_hash()
    versions = ensure_venv()
    global OUT
    OUT = Path(a.out_dir) if a.out_dir else default_out()
    OUT.mkdir(parents=True, exist_ok=True)
    out_fs = fs_type(OUT)
    inputs = {n: ensure_data(n) for n in sizes}
    inp = inputs[n0]

    # ---- 1. the same results from every engine, before anything is timed
    log(f"$ thaksa check {RULES.relative_to(REPO)}")
    p = subprocess.run([str(THAKSA), "check", str(RULES)], cwd=REPO, env=ENV, capture_output=True, text=True)
    if p.returncode != 0:
        die("thaksa check failed:\n" + p.stdout + p.stderr)
    check_encodings()
    engines = ["zen"] + ([] if a.skip_rego else ["rego"])
    verified = {}
    log(f"verifying on {n0} records: thaksa, {', '.join(engines)}, reference")
    run_thaksa(inp, OUT / "verify-thaksa.jsonl")
    verified["thaksa"] = OUT / "verify-thaksa.jsonl"
    for e in engines + ["reference"]:
        log(f"  {e} ...")
        run_peer(e, inp, OUT / f"verify-{e}.jsonl")
        verified[e] = OUT / f"verify-{e}.jsonl"
    compared = compare(inp, verified)
    log(f"all engines agree on all {compared} records")
    want_hash = {e: file_hash(p) for e, p in verified.items()}
    run_thaksa(inp, OUT / "verify-baseline.jsonl", rules=BASELINE)
    want_hash["baseline"] = file_hash(OUT / "verify-baseline.jsonl")

    # ---- 2. interleaved timed rounds on the first size
    configs = [("thaksa", lambda o: run_thaksa(inp, o)),
               ("thaksa-t1", lambda o: run_thaksa(inp, o, threads=1)),
               ("baseline", lambda o: run_thaksa(inp, o, rules=BASELINE)),
               ("baseline-t1", lambda o: run_thaksa(inp, o, rules=BASELINE, threads=1))]
    configs += [(e, (lambda e: lambda o: run_peer(e, inp, o))(e)) for e in engines]
    timed = {name: [] for name, _ in configs}
    loads = [loadavg()]
    for r in range(runs):
        for name, fn in configs:
            log(f"round {r + 1}/{runs}: {name} (load {loadavg()})")
            out = OUT / f"timed-{name}.jsonl"
            timed[name].append(fn(out))
            key = {"thaksa-t1": "thaksa", "baseline-t1": "baseline"}.get(name, name)
            if file_hash(out) != want_hash[key]:
                die(f"{name}: the output of timed run {r + 1} differs from the verified output")
            out.unlink()
        loads.append(loadavg())

    # ---- 3. evaluation only (Thaksa): evalbench
    evalb = None
    if have_evalbench:
        log(f"$ evalbench {RULES.relative_to(REPO)} {inp.relative_to(REPO)} --repeat {runs} --threads {os.cpu_count()}")
        p = subprocess.run([str(EVALBENCH), str(RULES), str(inp), "--repeat", str(runs), "--threads", str(os.cpu_count())],
                           cwd=REPO, capture_output=True, text=True)
        if p.returncode == 0:
            evalb = json.loads(p.stdout)
        else:
            log("evalbench failed:\n" + p.stderr[-2000:])

    # ---- 4. larger sizes (Thaksa alone)
    large = {}
    for n in sizes[1:]:
        large[n] = []
        for r in range(runs):
            log(f"thaksa score {n} records, run {r + 1}/{runs} (load {loadavg()})")
            out = OUT / f"large-{n}.jsonl"
            large[n].append(run_thaksa(inputs[n], out))
            out.unlink()

    # ---- 5. figures
    th, th1 = timed["thaksa"], timed["thaksa-t1"]
    rate = lambda rs, key="wall_s": n0 / med(rs, key)  # noqa: E731
    e2e = {"thaksa": rate(th), "thaksa-t1": rate(th1)}
    e2e_cpu = {"thaksa": rate(th, "cpu_s"), "thaksa-t1": rate(th1, "cpu_s")}
    for e in engines:
        e2e[e] = rate(timed[e], "loop_wall_s")
        e2e_cpu[e] = rate(timed[e], "loop_cpu_s")
    ev = {e: n0 / med(timed[e], "eval_s") for e in engines}
    ev_th = ev_th_n = None
    if evalb:
        ev_th = n0 / statistics.median(evalb["eval"]["wall_s"])
        if "eval_threads" in evalb:
            ev_th_n = n0 / statistics.median(evalb["eval_threads"]["wall_s"])
    rss = {"thaksa": med(th, "rss"), "thaksa-t1": med(th1, "rss")}
    for e in engines:
        rss[e] = med(timed[e], "rss")
    threads_default = os.cpu_count()

    # ---- 6. profile when a target is missed
    misses = []
    if "zen" in e2e and e2e["thaksa"] / e2e["zen"] < T_ZEN:
        misses.append("zen")
    if "rego" in e2e and e2e["thaksa"] / e2e["rego"] < T_REGO:
        misses.append("rego")
    if ev_th is None or max(ev_th, ev_th_n or 0) < T_EVAL:
        misses.append("eval")
    for n in large:
        if med(large[n], "rss") / MiB > T_RSS_MIB:
            misses.append("rss")
    prof = None if (a.no_profile or not misses) else profile(inp)

    # ---- 7. the section
    today = datetime.date.today().isoformat()
    L = [SECTION, ""]
    L.append(f"Date {today}; machine `{platform.machine()}`, {os.cpu_count()} cores (`nproc`), {results_md.cpu_model()}; "
             f"{swift_version()}; regopy {versions['regopy']} (rego-cpp), zen-engine {versions['zen-engine']}, "
             f"Python {versions['python']}; `Sources/` + `Package.swift` hash `{src_hash}`.")
    L.append(f"Command: `{command}` (took {(time.time() - started) / 60:.0f} min). Load average (1 min) at the start of "
             f"each round: {', '.join(loads)}" + (" — **the machine was busy: wall-clock figures are "
             "pessimistic for everyone; the CPU-time rows are the steadier comparison**" if max(float(x) for x in loads if x != '?') > 1.5 else "") + ".")
    L.append("")
    L.append(f"Workload: 6 groups (E 1 %, M 5 %, A 20 %, S 45 %, T 4 %, O 25 %), 5–16 abilities + 15 common items "
             f"each; per person the gaps, ability and overall readiness (percent held, one decimal, half up), the "
             f"band and the first 3 ability gaps. Input {n0:,} records (`bench/data/peer-{n0}.jsonl`, seed {SEED}). "
             f"**All {compared:,} records agree** in Thaksa, ZEN" + (", Rego" if "rego" in engines else "") +
             " and a plain-Python reference (normalised to id, gaps, ability_readiness, readiness, band, first3; "
             "readiness compared as exact tenths), and every timed run wrote byte-identical output.")
    L.append("")
    L.append(f"Median of {runs} runs. Thaksa = the whole `thaksa score` process ({threads_default} threads = the "
             "default, or `--threads 1`); peers = a Python loop reading the JSONL, evaluating, writing JSONL "
             "(`bench/peer/peer_run.py`, one process, one thread). Ratios are Thaksa ÷ peer, measured in the same run. "
             f"Every engine writes its output to `{OUT}` ({out_fs}); Thaksa writes a file whole (synced, then renamed), "
             "the peers do not sync.")
    L.append("")
    cols = ["Thaksa"] + [{"zen": "ZEN", "rego": "Rego"}[e] for e in engines] + \
           [f"Thaksa/{ {'zen': 'ZEN', 'rego': 'Rego'}[e]}" for e in engines] + ["target", "met"]
    L.append("| measure | " + " | ".join(cols) + " |")
    L.append("|---|" + "---:|" * (len(cols) - 2) + "---|---|")

    def row(label, t, peers, target="", met=""):
        cells = [fmt_rate(t) if t else "–"] + [fmt_rate(peers[e]) if peers.get(e) else "–" for e in engines]
        cells += [fmt_ratio(t / peers[e]) if t and peers.get(e) else "–" for e in engines]
        L.append(f"| {label} | " + " | ".join(cells) + f" | {target} | {met} |")

    def yes(b):
        return "yes" if b else "**no**"
    zr = e2e["thaksa"] / e2e["zen"]
    rr = e2e["thaksa"] / e2e["rego"] if "rego" in e2e else None
    tgt = f"≥ {T_ZEN:.0f}× ZEN" + (f", ≥ {T_REGO:.0f}× Rego" if rr else "")
    met = f"ZEN {yes(zr >= T_ZEN)}" + (f", Rego {yes(rr >= T_REGO)}" if rr else "")
    row(f"end-to-end records/s, wall ({threads_default} threads)", e2e["thaksa"], e2e, tgt, met)
    row("end-to-end records/s, wall (`--threads 1`)", e2e["thaksa-t1"], e2e)
    row("end-to-end records per CPU-second", e2e_cpu["thaksa"], e2e_cpu)
    row("end-to-end records per CPU-second (`--threads 1`)", e2e_cpu["thaksa-t1"], e2e_cpu)
    best_ev = max(ev_th or 0, ev_th_n or 0)
    row("evaluation only, records/s (1 thread)", ev_th, ev, f"≥ {T_EVAL / 1e6:.0f} M/s", yes(best_ev >= T_EVAL) if ev_th else "–")
    if ev_th_n:
        row(f"evaluation only, records/s ({threads_default} threads)", ev_th_n, {})
    cells = [f"{rss['thaksa'] / MiB:.1f}"] + [f"{rss[e] / MiB:.1f}" for e in engines] + \
            [f"{rss['thaksa'] / rss[e]:.2f}×" for e in engines]
    L.append(f"| peak RSS MiB, {n0:,} records | " + " | ".join(cells) + " |  |  |")
    for n in large:
        rs = med(large[n], "rss") / MiB
        L.append(f"| Thaksa at {n:,} records: records/s wall / per CPU-s; peak RSS MiB | "
                 f"{fmt_rate(n / med(large[n], 'wall_s'))} / {fmt_rate(n / med(large[n], 'cpu_s'))}; {rs:.1f} MiB | "
                 + " | ".join("" for _ in engines) + " | " + " | ".join("" for _ in engines) +
                 f" | ≤ {T_RSS_MIB:.0f} MiB | {yes(rs <= T_RSS_MIB)} |")
    L.append("")
    L.append("How each figure is taken:")
    L.append("")
    L.append("- *end-to-end, wall*: records ÷ median wall time. Thaksa: the whole process (start, load rules, read, "
             "evaluate, encode, write, rename). Peers: the read–evaluate–write loop only (interpreter start, imports "
             f"and compiling the policy/model are left out: setup took {med(timed['zen'], 'setup_s') * 1000:.0f} ms for ZEN"
             + (f", {med(timed['rego'], 'setup_s') * 1000:.0f} ms for Rego" if 'rego' in engines else "") + ").")
    L.append("- *per CPU-second*: the same runs, records ÷ CPU time (user + system; Thaksa: of the process and all its "
             "threads; peers: of the loop). Less sensitive to other load on the machine; for Thaksa with 2 threads it "
             "shows the work done, not the speed-up.")
    L.append("- *evaluation only*: Thaksa — `bench/peer/evalbench` links ThaksaCore and times `Evaluator.evaluate` "
             "alone over the " + f"{n0:,}" + " records already parsed and mapped in memory (group, requirements, the gaps list, "
             "both scores, the band and the IDP), median of the runs; the threaded row splits the records over the "
             "cores as `thaksa score` does. Peers — the summed time of the evaluate calls inside the loop: for ZEN "
             "`engine.evaluate(key, line)` (which parses the JSON line), for Rego `set_input(dict)` + "
             "`query_bundle_entrypoint` (the binding converts the input and parses rego-cpp's JSON result). The peer "
             "figures therefore include input conversion that the Thaksa figure does not; see the phase split below.")
    L.append("- *peak RSS*: `ru_maxrss` of the process (`wait4`), median of the runs. Peers: the whole Python process "
             "(interpreter, engine, policy).")
    L.append("")
    if evalb:
        ph = {k: statistics.median(evalb[k]["cpu_s"]) / n0 * 1e6 for k in ("parse", "map", "eval", "encode")}
        tot = sum(ph.values())
        L.append(f"Where Thaksa's time goes (evalbench, CPU µs per record, 1 thread): parse {ph['parse']:.1f}, map "
                 f"{ph['map']:.1f}, **evaluate {ph['eval']:.1f}**, encode {ph['encode']:.1f} "
                 f"(evaluate = {100 * ph['eval'] / tot:.0f} % of these four; "
                 f"output {evalb['bytes_out'] / n0:.0f} bytes per record).")
        bl, bl1 = timed["baseline"], timed["baseline-t1"]
        diff = (med(th1, "cpu_s") - med(bl1, "cpu_s")) / n0 * 1e6
        L.append(f"Cross-check by difference: `--threads 1` with the full rule set minus the same with "
                 f"`bench/peer/thaksa-baseline` (same groups, no list/score/band/IDP) = {diff:.1f} CPU µs per "
                 f"record for evaluating *and encoding* gaps, scores, band and IDP "
                 f"(baseline alone: {fmt_rate(n0 / med(bl1, 'wall_s'))} records/s wall, "
                 f"{fmt_rate(n0 / med(bl1, 'cpu_s'))} per CPU-s).")
        L.append("")
    if prof:
        L.append(f"Profile (`perf record -g`, `thaksa score --threads 1`, first {prof['records']:,} records; inclusive "
                 "share of samples):")
        L.append("")
        for pct, label in sorted(prof["phases"], reverse=True):
            L.append(f"- {pct:.1f} % {label}")
        L.append("")
        L.append("Top functions by self time: " + "; ".join(f"{pct:.1f} % `{sym[:90]}`" for pct, _, sym in prof["self"][:10]) + ".")
        L.append("")
    th_scale = med(th1, "wall_s") / med(th, "wall_s")
    L.append(f"Threads: `--threads {threads_default}` vs `--threads 1` wall speed-up {th_scale:.2f}× "
             f"(CPU time {med(th, 'cpu_s'):.1f} s vs {med(th1, 'cpu_s'):.1f} s)" +
             (f"; evalbench evaluate-only speed-up {ev_th_n / ev_th:.2f}×" if ev_th and ev_th_n else "") + "." +
             (" With a load average above 1 the second core is partly taken by other processes, so this says little "
              "about scaling on an idle machine." if max(float(x) for x in loads if x != '?') > 1 else ""))
    L.append("")
    L.append("Reproduce, profile: `perf record -g .build-peer/release/thaksa score bench/data/peer-100000.jsonl "
             "--rules bench/peer/thaksa --out /tmp/o.jsonl --threads 1 && perf report --children`.")
    section = "\n".join(L) + "\n"
    print(section)
    if a.skip_rego and not a.no_write:
        log("run.py: --skip-rego: not writing bench/RESULTS.md")
    elif not a.no_write:
        results_md.write_section(SECTION, section)
        log(f"wrote {RESULTS.relative_to(REPO)}")
    if out_fs == "tmpfs":
        shutil.rmtree(OUT, ignore_errors=True)  # memory, not disk: nothing is kept there
    return 0


if __name__ == "__main__":
    sys.exit(main())
