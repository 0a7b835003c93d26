#!/usr/bin/env python3
"""Generate synthetic Thaksa rule sets N times the size of the shipped one, and check them.

    python3 bench/gen_rules.py                     # 10x and 100x into bench/data/x10, bench/data/x100
    python3 bench/gen_rules.py --factor 1000       # any factor
    python3 bench/gen_rules.py --layout concat     # one file per shipped file instead of one per replica

Replica 0 is the shipped set, byte for byte. Replica k (k >= 1) is every shipped file again with
every identifier that the shipped set *declares* renamed by appending `_r{k}`, at declarations and
at every reference (DLit100 -> DLit100_r7, group E -> E_r7, kind ability -> ability_r7, score
readiness -> readiness_r7, ...). Keywords, field names, built-ins, numbers and comments are left as
they are. What can exist only once in a rule set is taken from replica 0 only:

  * the singletons `ruleset`, `programme`, `assignment`, `idp` (and any `include`);
  * the `default` mark of a scale (replica scales are declared, but replica 0's stays the default);
  * position titles and item `column` headers, which are global strings rather than names: in
    replica k they get the suffix " r{k}" / "_r{k}" so that they stay unique.

The generated set is then checked with `thaksa check --format json`: it must have no error and its
counts (items, groups, positions, courses, scores, targets) must be exactly N times the shipped
ones; otherwise this script exits non-zero. Standard library only.

The tokenizer below mirrors Sources/ThaksaCore/Syntax/Lexer.swift and grammar/thaksa.ebnf; the
declaration finder mirrors Sources/ThaksaCore/Syntax/Schema.swift (statement keywords are
contextual; in the shipped set every statement starts a line, which is what is relied on here; the
count check catches it if that ever stops being true).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "rules" / "ocsc-bma"
DEFAULT_OUT = REPO / "bench" / "data"
SCRATCH = ".build-bench"
DEFAULT_THAKSA = REPO / SCRATCH / "release" / "thaksa"
EXT = ".thaksa"

# ------------------------------------------------------------------------------------------ schema
# Allowed statement keywords per block context (Schema.swift). Context of a block opened by keyword
# K inside context C is K, except `phase` inside `group`, which is "group.phase".
TOP_LEVEL = ["ruleset", "include", "kind", "scale", "dimension", "skillset", "item", "phase",
             "programme", "group", "position", "assignment", "bucket", "method", "quarter", "track",
             "list", "score", "band", "idp", "target"]
CHILDREN = {
    "": TOP_LEVEL,
    "ruleset": ["version", "note"],
    "scale": ["level", "expect", "default"],
    "dimension": ["skillset", "item"],
    "skillset": ["item"],
    "item": ["scale", "column", "note", "topic"],
    "topic": ["scope", "audience"],
    "phase": ["years"],
    "programme": ["current", "next", "split"],
    "group": ["role", "track", "note", "phase"],
    "group.phase": ["require"],
    "assignment": ["order", "supervisor"],
    "track": ["groups", "note", "course"],
    "course": ["source", "methods", "serves", "note"],
    "band": ["case"],
    "idp": ["items", "pick", "courses", "methods", "schedule"],
    "target": ["measure", "goal", "year", "note"],
}
# (context, keyword) pairs whose first name argument declares a name in the rule set's namespace.
DECLARING = {("", k) for k in ["kind", "scale", "dimension", "skillset", "item", "phase", "group",
                               "bucket", "method", "quarter", "track", "list", "score", "band",
                               "target"]}
DECLARING |= {("dimension", "skillset"), ("dimension", "item"), ("skillset", "item"), ("band", "case")}
# Top-level statements kept from replica 0 only.
SINGLETONS = {"ruleset", "programme", "assignment", "idp", "include"}
# Words with a fixed meaning somewhere (keywords, contextual words, fields, built-ins; Value.swift,
# RuleSet.swift, Lexer.swift). A declared name equal to one of these could not be renamed by token
# alone, so the generator refuses instead of guessing.
RESERVED = {"and", "or", "not", "if", "then", "else", "where", "of", "order", "by", "first", "in",
            "true", "false", "starts", "with", "contains", "descending"}
WORDS = {"en", "to", "share", "months", "on", "when", "otherwise", "accepts", "level", "weight",
         "topic", "all", "one", "per", "bucket", "group"}
BUILTINS = {
    # Field
    "item", "code", "title", "kind", "level", "weight", "answer", "answered", "held", "rank", "added",
    "phase", "skillset", "dimension", "id", "source", "track", "group", "unit", "position", "band",
    "idp_count", "name",
    # Collection, people, Function, AggregateKind
    "required", "upcoming", "items", "courses", "people",
    "round", "floor", "ceil", "abs", "min", "max", "length",
    "count", "sum", "average", "all", "any", "share",
    # assignment steps and adjustments
    "column", "workload", "career_path", "add", "waive",
}
FIXED_WORDS = RESERVED | WORDS | BUILTINS | {k for ks in CHILDREN.values() for k in ks}


def context_of(keyword: str, parent: str) -> str:
    return "group.phase" if parent == "group" and keyword == "phase" else keyword


# ------------------------------------------------------------------------------------------- lexer
def is_ident_start(c: str) -> bool:
    o = ord(c)
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_" or 0x0E01 <= o <= 0x0E3A or 0x0E40 <= o <= 0x0E4E


def is_digit(c: str) -> bool:
    return ("0" <= c <= "9") or 0x0E50 <= ord(c) <= 0x0E59


def is_ident_part(c: str) -> bool:
    return is_ident_start(c) or is_digit(c)


@dataclass
class Tok:
    kind: str          # ws comment string number ident sym
    text: str          # the source text of the token
    start: int
    starts_line: bool = False


def tokenize(src: str) -> list[Tok]:
    out: list[Tok] = []
    i, n = 0, len(src)
    line_start = True
    while i < n:
        c = src[i]
        s = i
        if c in " \t\r\n":
            while i < n and src[i] in " \t\r\n":
                if src[i] == "\n":
                    line_start = True
                i += 1
            out.append(Tok("ws", src[s:i], s))
            continue
        if c == "#":
            while i < n and src[i] != "\n":
                i += 1
            out.append(Tok("comment", src[s:i], s))
            continue
        if c == '"':
            i += 1
            while i < n and src[i] != '"' and src[i] != "\n":
                i += 2 if src[i] == "\\" and i + 1 < n else 1
            if i < n and src[i] == '"':
                i += 1
            kind = "string"
        elif is_digit(c):
            while i < n and (is_digit(src[i]) or src[i] == "_" or
                             (src[i] == "." and i + 1 < n and is_digit(src[i + 1]))):
                i += 1
            while i < n and is_ident_part(src[i]):
                i += 1
            kind = "number"
        elif is_ident_start(c):
            while i < n and is_ident_part(src[i]):
                i += 1
            kind = "ident"
        else:
            two = src[i:i + 2]
            i += 2 if two in ("==", "!=", "<=", ">=") else 1
            kind = "sym"
        out.append(Tok(kind, src[s:i], s, starts_line=line_start))
        line_start = False
    return out


# ------------------------------------------------------------------------------------ structure
@dataclass
class Analysis:
    """What one file declares, and the roles of its tokens."""
    toks: list[Tok]
    declared: list[str] = field(default_factory=list)
    keyword_tokens: set[int] = field(default_factory=set)      # statement keywords (never renamed)
    drop_ranges: list[tuple[int, int]] = field(default_factory=list)  # token index ranges, replicas only
    unique_strings: dict[int, str] = field(default_factory=dict)      # token index -> suffix style
    declarations: int = 0                                      # grammar `declaration`s (incl. nested items)
    statements_by_kw: dict[str, int] = field(default_factory=dict)


def analyse(src: str) -> Analysis:
    toks = tokenize(src)
    a = Analysis(toks)
    stack: list[str] = [""]            # block contexts
    last_kw: list[str | None] = [None]  # last statement keyword seen at each block depth
    parens = 0
    expect_decl = False                # next ident is a declared name
    string_mode: str | None = None     # "position" (first string) or "column" (all strings)
    top_start: int | None = None       # token index of the current top-level statement keyword
    top_kw: str | None = None

    def close_top(end: int) -> None:
        # end: index of the last significant token of the statement (inclusive)
        if top_start is not None and top_kw in SINGLETONS:
            a.drop_ranges.append((top_start, end))

    last_sig = -1
    for idx, t in enumerate(toks):
        if t.kind in ("ws", "comment"):
            continue
        ctx = stack[-1]
        if t.kind == "ident" and t.starts_line and parens == 0 and t.text in CHILDREN.get(ctx, []):
            # a statement keyword
            if ctx == "":
                close_top(last_sig)
                top_start, top_kw = idx, t.text
                a.declarations += 1
            elif (ctx, t.text) in {("dimension", "skillset"), ("dimension", "item"), ("skillset", "item")}:
                a.declarations += 1
            a.statements_by_kw[t.text] = a.statements_by_kw.get(t.text, 0) + 1
            a.keyword_tokens.add(idx)
            last_kw[-1] = t.text
            expect_decl = (ctx, t.text) in DECLARING
            string_mode = "position" if (ctx, t.text) == ("", "position") else \
                "column" if (ctx, t.text) == ("item", "column") else None
            if (ctx, t.text) == ("scale", "default"):
                a.drop_ranges.append((idx, idx))
            last_sig = idx
            continue
        if expect_decl:
            if t.kind == "ident":
                a.declared.append(t.text)
            expect_decl = False
        if t.kind == "string" and string_mode:
            a.unique_strings[idx] = string_mode
            if string_mode == "position":
                string_mode = None
        if t.kind == "sym":
            if t.text in "([":
                parens += 1
            elif t.text in ")]":
                parens = max(0, parens - 1)
            elif t.text == "{":
                owner = last_kw[-1] or ""
                stack.append(context_of(owner, ctx))
                last_kw.append(None)
                string_mode = None
            elif t.text == "}":
                if len(stack) > 1:
                    stack.pop()
                    last_kw.pop()
                string_mode = None
        last_sig = idx
    close_top(last_sig)
    return a


def render(a: Analysis, declared: set[str], k: int) -> str:
    """Replica k of an analysed file (k = 0: the file unchanged)."""
    if k == 0:
        return "".join(t.text for t in a.toks)
    suffix = f"_r{k}"
    dropped: set[int] = set()
    for s, e in a.drop_ranges:
        dropped.update(range(s, e + 1))
    parts: list[str] = []
    for idx, t in enumerate(a.toks):
        if idx in dropped:
            continue
        text = t.text
        if t.kind == "ident" and idx not in a.keyword_tokens and text in declared:
            text += suffix
        elif t.kind == "string" and idx in a.unique_strings:
            tail = f" r{k}" if a.unique_strings[idx] == "position" else suffix
            text = text[:-1] + tail + '"'
        parts.append(text)
    return "".join(parts)


# ------------------------------------------------------------------------------------- generation
@dataclass
class SetInfo:
    path: Path
    factor: int
    files: int
    declarations: int
    lines: int
    bytes: int


def load_source(source: Path) -> tuple[list[tuple[str, str]], dict[str, Analysis], set[str]]:
    names = sorted(p.name for p in source.iterdir() if p.is_file() and p.name.endswith(EXT))
    if not names:
        raise SystemExit(f"gen_rules: no {EXT} files in {source}")
    files = [(nm, (source / nm).read_text(encoding="utf-8")) for nm in names]
    analyses = {nm: analyse(text) for nm, text in files}
    if any(a.statements_by_kw.get("include") for a in analyses.values()):
        raise SystemExit("gen_rules: the shipped set uses `include`; replicating included files is not supported")
    declared: list[str] = [d for a in analyses.values() for d in a.declared]
    clash = sorted(set(declared) & FIXED_WORDS)
    if clash:
        raise SystemExit("gen_rules: declared names that are also keywords/fields/built-ins, cannot be "
                         "renamed token by token: " + ", ".join(clash))
    return files, analyses, set(declared)


def describe(path: Path, factor: int, decls: int) -> SetInfo:
    files = sorted(path.glob("*" + EXT))
    data = [f.read_bytes() for f in files]
    return SetInfo(path, factor, len(files), decls, sum(d.count(b"\n") for d in data), sum(len(d) for d in data))


def shipped_info(source: Path = DEFAULT_SOURCE) -> SetInfo:
    _, analyses, _ = load_source(source)
    return describe(source, 1, sum(a.declarations for a in analyses.values()))


def generate(source: Path, out: Path, factor: int, layout: str = "files") -> SetInfo:
    """Writes the factor-times rule set into `out` (replaced) and returns its size."""
    files, analyses, declared = load_source(source)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    decls = 0
    for nm, _ in files:
        a = analyses[nm]
        stem = nm[: -len(EXT)]
        chunks = []
        for k in range(factor):
            text = render(a, declared, k)
            decls += a.declarations - (sum(1 for s, _ in a.drop_ranges if a.toks[s].text in SINGLETONS) if k else 0)
            if layout == "files":
                (out / (nm if k == 0 else f"{stem}.r{k:03d}{EXT}")).write_text(text, encoding="utf-8")
            else:
                chunks.append(text if text.endswith("\n") else text + "\n")
        if layout == "concat":
            (out / nm).write_text(f"\n# ---- replica boundary ----\n".join(chunks), encoding="utf-8")
    return describe(out, factor, decls)


# ------------------------------------------------------------------------------------------ check
COUNT_KEYS = ["items", "groups", "positions", "courses", "scores", "targets"]


def ensure_binary(thaksa: Path) -> Path:
    if thaksa.exists():
        return thaksa
    print(f"gen_rules: {thaksa} missing, building (release, --scratch-path {SCRATCH})", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH], cwd=REPO, check=True)
    return thaksa


def check_summary(thaksa: Path, path: Path) -> tuple[int, dict, list]:
    env = dict(os.environ, THAKSA_LANG="en", NO_COLOR="1")
    p = subprocess.run([str(thaksa), "check", str(path), "--format", "json"], cwd=REPO, env=env,
                       capture_output=True, text=True)
    try:
        doc = json.loads(p.stdout)
        rs = doc["rule_sets"][0]
    except (ValueError, KeyError, IndexError):
        raise SystemExit(f"gen_rules: unexpected output of thaksa check {path} (exit {p.returncode}):\n"
                         f"{p.stdout[:2000]}{p.stderr[:2000]}")
    return p.returncode, rs.get("summary", {}), rs.get("diagnostics", [])


def verify(thaksa: Path, generated: Path, factor: int, base: dict, layout: str, base_files: int) -> dict:
    """Checks the generated set: exit 0, no error, counts = factor x shipped. Exits non-zero otherwise."""
    rc, summary, diags = check_summary(thaksa, generated)
    errors = [d for d in diags if d.get("severity") == "error"]
    problems = []
    if rc != 0 or errors:
        problems.append(f"thaksa check exited {rc} with {len(errors)} error(s)")
        for d in errors[:15]:
            problems.append(f"  {d.get('file')}:{d.get('line')}: {d.get('code')}: {d.get('message')}")
    for key in COUNT_KEYS:
        want = base.get(key, 0) * factor
        if summary.get(key) != want:
            problems.append(f"{key}: {summary.get(key)} declared, expected {want} ({factor} x {base.get(key)})")
    want_files = base_files * factor if layout == "files" else base_files
    if summary.get("files") != want_files:
        problems.append(f"files: {summary.get('files')}, expected {want_files}")
    if problems:
        print(f"gen_rules: {generated} does not check cleanly:\n  " + "\n  ".join(problems), file=sys.stderr)
        raise SystemExit(1)
    warnings = len(diags) - len(errors)
    return dict(summary, warnings=warnings)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--factor", type=int, action="append", help="size factor (repeatable; default 10 and 100)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="shipped rule-set folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (sets go to OUT/x<N>)")
    ap.add_argument("--layout", choices=["files", "concat"], default="files",
                    help="files: one file per shipped file per replica (default); concat: replicas "
                         "appended, same file count as the shipped set")
    ap.add_argument("--thaksa", type=Path, default=DEFAULT_THAKSA, help="thaksa binary used to verify")
    ap.add_argument("--no-verify", action="store_true", help="skip the thaksa check verification")
    args = ap.parse_args(argv)
    factors = args.factor or [10, 100]
    if any(f < 1 for f in factors):
        ap.error("factors must be >= 1")
    source = args.source.resolve()
    thaksa = None if args.no_verify else ensure_binary(args.thaksa.resolve())
    base_info = shipped_info(source)
    base = None
    if thaksa:
        rc, base, diags = check_summary(thaksa, source)
        if rc != 0:
            print(f"gen_rules: the shipped set {source} itself does not check (exit {rc}); "
                  f"{sum(1 for d in diags if d.get('severity') == 'error')} error(s)", file=sys.stderr)
            return 1
    for f in factors:
        name = f"x{f}" if args.layout == "files" else f"x{f}-concat"
        info = generate(source, args.out.resolve() / name, f, args.layout)
        line = (f"{info.path}: {f}x, {info.files} files, {info.declarations} declarations, "
                f"{info.lines} lines, {info.bytes / 1e6:.2f} MB")
        if thaksa:
            s = verify(thaksa, info.path, f, base, args.layout, base_info.files)
            line += "; check ok: " + ", ".join(f"{s[k]} {k}" for k in COUNT_KEYS) + f", {s['warnings']} warning(s)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
