#!/usr/bin/env python3
"""Benchmark `thaksa lsp`: time from a keystroke (didChange) to the diagnostics it publishes.

    python3 bench/lsp_bench.py [--runs 60] [--binary .build-bench/release/thaksa]

Builds the release binary (`swift build -c release --scratch-path .build-bench --product thaksa`,
retried if Sources/ change during the build) unless --binary is given, starts `thaksa lsp` with
the repository as workspace, opens rules/ocsc-bma/groups.thaksa and then sends keystrokes: each
an incremental didChange that types one character into a comment, or deletes it again, at a
position after Thai text (UTF-16 columns). Each keystroke makes the server re-read the rule-set
folder (13 files) with the buffer over the disk file, re-parse the changed file, check and lint the
whole set, and publish diagnostics. Then, as a load reference, times `thaksa check rules/ocsc-bma`
and `thaksa version` as processes (--reference-runs each). Measured: wall time from writing the didChange to reading the
publishDiagnostics for groups.thaksa carrying that version. 5 warm-up keystrokes, then --runs.
Writes the "## thaksa lsp: keystroke to diagnostics" section of bench/RESULTS.md. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from results_md import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "rules" / "ocsc-bma" / "groups.thaksa"
TITLE = "## thaksa lsp: keystroke to diagnostics"


def build() -> Path:
    for _ in range(6):
        r = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--product", "thaksa"],
                           cwd=ROOT, capture_output=True, text=True)
        if r.returncode == 0:
            return ROOT / ".build-bench" / "release" / "thaksa"
        if "modified during the build" not in r.stderr + r.stdout:
            sys.exit("build failed:\n" + r.stdout + r.stderr)
    sys.exit("build failed: Sources/ kept changing")


class Server:
    def __init__(self, binary: Path):
        self.p = subprocess.Popen([str(binary), "lsp"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  env={**os.environ, "LANG": "C"})
        self.next_id = 1

    def send(self, msg: dict) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self) -> dict:
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                sys.exit("server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            k, _, v = line.decode().partition(":")
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(self.p.stdout.read(length))

    def request(self, method: str, params) -> dict:
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid:
                return m

    def wait_diagnostics(self, uri: str, version: int) -> list:
        while True:
            m = self.read()
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                return p["diagnostics"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--binary", type=Path)
    ap.add_argument("--reference-runs", type=int, default=20)
    args = ap.parse_args()
    binary = args.binary or build()
    load_before = os.getloadavg()
    text = GROUPS.read_text(encoding="utf-8")
    uri = GROUPS.as_uri()
    # A comment line with Thai text: type after its last character.
    lines = text.split("\n")
    line_no = next(i for i, l in enumerate(lines) if l.lstrip().startswith("#") and any("\u0e01" <= c <= "\u0e5b" for c in l))
    col = len(lines[line_no].encode("utf-16-le")) // 2

    s = Server(binary)
    s.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}, "initializationOptions": {"lang": "en"}})
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "thaksa", "version": 1, "text": text}}})
    first = s.wait_diagnostics(uri, 1)
    assert first == [], f"the shipped set should have no diagnostics: {first[:2]}"

    times = []
    version = 1
    for k in range(5 + args.runs):
        version += 1
        typing = k % 2 == 0
        rng = {"start": {"line": line_no, "character": col}, "end": {"line": line_no, "character": col + (0 if typing else 1)}}
        change = {"range": rng, "text": "ก" if typing else ""}
        t0 = time.perf_counter()
        s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        diags = s.wait_diagnostics(uri, version)
        elapsed = (time.perf_counter() - t0) * 1000
        assert diags == [], diags[:2]
        if k >= 5:
            times.append(elapsed)
    s.request("shutdown", None)
    s.send({"jsonrpc": "2.0", "method": "exit"})
    code = s.p.wait()
    # Load reference, timed right after: the same work as a process, `thaksa check` of the shipped set,
    # and the process start alone (`thaksa version`).
    ref = {}
    for name, argv in (("check", [str(binary), "check", "rules/ocsc-bma"]), ("version", [str(binary), "version"])):
        runs = []
        for _ in range(args.reference_runs):
            t0 = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
            runs.append((time.perf_counter() - t0) * 1000)
        ref[name] = statistics.median(runs)
    load_after = os.getloadavg()

    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9) - 1]
    verdict = "PASS" if median < 50 else "FAIL"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?") \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    section = f"""{TITLE}

Target: diagnostics published within 50 ms (median) of a keystroke in rules/ocsc-bma/groups.thaksa: **{verdict}** ({median:.1f} ms).

| keystrokes | median ms | min ms | p90 ms | max ms |
|---|---|---|---|---|
| {len(times)} | {median:.1f} | {times[0]:.1f} | {p90:.1f} | {times[-1]:.1f} |

Load reference, same binary, right after: `thaksa check rules/ocsc-bma` median {ref["check"]:.1f} ms, `thaksa version`
(process start) {ref["version"]:.1f} ms, so check alone ≈ {ref["check"] - ref["version"]:.1f} ms; a keystroke
({median:.1f} ms) also lints and publishes, without process start.

Each keystroke is an incremental `textDocument/didChange` (one Thai character typed into a comment after Thai
text, or deleted again); the server re-reads the folder (13 files, the open buffer over the disk file), re-parses
the changed file (the others' trees are cached), checks and lints the whole set, and publishes diagnostics for every file that has or had some plus the open one.
Timed from writing the didChange to reading its `publishDiagnostics` (same version) on the client side, pipes included.

- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC
- machine: `uname -m` {platform.machine()}, `nproc` {os.cpu_count()}, CPU {cpu}
- Swift: {swift}; binary `{binary}` (release, built with `swift build -c release --scratch-path .build-bench --product thaksa`)
- command: `python3 bench/{" ".join([Path(sys.argv[0]).name] + sys.argv[1:])}`; 5 warm-up keystrokes first; server exit code {code}
- load average (1/5/15 min) before / after: {" ".join(f"{x:.2f}" for x in load_before)} / {" ".join(f"{x:.2f}" for x in load_after)}
"""
    print(section)
    write_section(TITLE, section)


if __name__ == "__main__":
    main()
