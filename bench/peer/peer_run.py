#!/usr/bin/env python3
"""Run one peer engine over a JSON Lines file, the way a Python service would (bench/.venv python).

    bench/.venv/bin/python bench/peer/peer_run.py zen|rego|reference INPUT.jsonl OUTPUT.jsonl

Reads INPUT line by line, evaluates each record, writes one JSON object per line to OUTPUT, and
prints one JSON object of timings on stdout:
  wall_s    whole loop (read, evaluate, write), perf_counter
  cpu_s     process CPU time of the loop (user + system)
  eval_s    sum of the time spent in the engine's evaluate calls only (perf_counter around them)
  setup_s   loading and compiling the policy / model (not in the other figures)

zen   GoRules ZEN (zen-engine): ZenEngine with a static loader; engine.evaluate("peer", line) with
      the raw JSON line as context (the engine parses it). This is the fastest of the documented
      call forms here: ZenDecision.evaluate (create_decision / get_decision) costs about 7x more per
      call in zen-engine 2.1.3.
rego  OPA Rego in rego-cpp (regopy): the policy is compiled once into a bundle with the entry point
      peer/result; per record Interpreter.set_input(dict) then query_bundle_entrypoint. json.loads
      of the line is outside eval_s; building the regopy Output (which parses rego-cpp's JSON
      result) is inside, as it is part of the call.
reference  plain Python (workload.reference), no engine: the oracle, and the cost of the loop itself.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def make_zen():
    import zen
    with open(os.path.join(HERE, "zen_model.json"), encoding="utf-8") as f:
        model = json.load(f)
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"peer": model}}})
    engine.evaluate("peer", '{"id": "warm", "group": "S", "has": {}}')  # load and compile now

    def evaluate(line):
        return engine.evaluate("peer", line)["result"]
    return evaluate, (lambda line: line)


def make_rego():
    from regopy import Interpreter
    with open(os.path.join(HERE, "policy.rego"), encoding="utf-8") as f:
        src = f.read()
    builder = Interpreter()
    builder.add_module("peer", src)
    bundle = builder.build(None, ["peer/result"])
    if not bundle.ok():
        raise SystemExit("rego: bundle build failed")
    rego = Interpreter()

    def evaluate(record):
        rego.set_input(record)
        out = rego.query_bundle_entrypoint(bundle, "peer/result")
        if not out.results:
            raise SystemExit(f"rego: no result: {out}")
        return out.results[0].expressions[0]
    return evaluate, json.loads


def make_reference():
    import workload

    def evaluate(record):
        r = workload.reference(record)
        r["ability_readiness"] /= 10
        r["readiness"] /= 10
        return r
    return evaluate, json.loads


def main():
    engine, src, dst = sys.argv[1:4]
    t0 = time.perf_counter()
    evaluate, prepare = {"zen": make_zen, "rego": make_rego, "reference": make_reference}[engine]()
    setup = time.perf_counter() - t0
    clock = time.perf_counter
    dumps = json.dumps
    eval_s = 0.0
    n = 0
    c0 = time.process_time()
    w0 = clock()
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        write = fout.write
        for line in fin:
            x = prepare(line)
            e0 = clock()
            r = evaluate(x)
            eval_s += clock() - e0
            write(dumps(r, separators=(",", ":")) + "\n")
            n += 1
    wall = clock() - w0
    cpu = time.process_time() - c0
    print(json.dumps({"engine": engine, "records": n, "wall_s": wall, "cpu_s": cpu, "eval_s": eval_s,
                      "setup_s": setup}))


if __name__ == "__main__":
    main()
