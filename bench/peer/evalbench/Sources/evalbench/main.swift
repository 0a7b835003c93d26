// evalbench RULES INPUT.jsonl|INPUT.csv [--repeat K] [--threads N]
// Times the phases of `thaksa score` separately on in-memory data, with ThaksaCore's own types:
//   parse   JSONParser.parse of every line (JSON Lines input only)
//   map     AssessmentMapper.map(json:) (answers matched to items and scale levels; JSON Lines only:
//           a CSV file is read and mapped once, untimed, e.g. the shipped rules on bench/data's staff CSV)
//   eval    Evaluator.evaluate(_:into:scratch:) (group, requirements, lists, scores, band, IDP)
//           <- evaluation only, with the compiled plan, one reused scratch and one reused result,
//           as a worker of `thaksa score` runs it
//   eval_fresh  Evaluator.evaluate(_:scratch:): a new result per person (the arrays allocated)
//   eval_interpreted  the same without the plan (`Evaluator(rules:planned: false)`), for the ratio
//   encode  ResultEncoder.jsonLine into one reused buffer (encode_compact: the `--compact` form)
// `--only eval,eval_threads` runs just the phases named (the interpreter on the shipped rules takes long).
// Each phase runs over all records, K times (default 3); every run's wall and CPU seconds are
// printed, as JSON on stdout. With --threads N > 1, eval also runs split over N threads
// (eval_threads), the way `thaksa score` splits a batch: into N parts, or --chunks K parts.
import Dispatch
import Foundation
import ThaksaCore

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var args = Array(CommandLine.arguments.dropFirst())
var repeats = 3
var threads = 1
if let i = args.firstIndex(of: "--repeat") { repeats = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
if let i = args.firstIndex(of: "--threads") { threads = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
var chunks = 0   // concurrentPerform iterations for eval_threads; 0 = as many as threads (as ScoreRunner does)
var only: Set<String>?
if let i = args.firstIndex(of: "--only") { only = Set(args[i + 1].split(separator: ",").map(String.init)); args.removeSubrange(i...(i + 1)) }
if let i = args.firstIndex(of: "--chunks") { chunks = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
guard args.count == 2 else {
    FileHandle.standardError.write("usage: evalbench RULES INPUT.jsonl|INPUT.csv [--repeat K] [--threads N]\n".data(using: .utf8)!)
    exit(2)
}
let loaded = RuleSetLoader.load(args[0])
guard !loaded.diagnostics.hasErrors else { FileHandle.standardError.write("rule errors\n".data(using: .utf8)!); exit(1) }
let rules = loaded.ruleSet
let mapper = AssessmentMapper(rules: rules)
let csv = args[1].hasSuffix(".csv")
var lines: [[UInt8]] = []
var assessments: [Assessment] = []
if csv {
    var reader = try! TableReader(path: args[1], display: args[1])
    guard case .success(let header)? = reader.next() else { fatalError("no header") }
    let (plan, _) = mapper.planWithErrors(header: header.fields, file: args[1])
    while let rec = reader.next() {
        if case .success(let record) = rec, case .success(let a)? = mapper.map(record, plan: plan, file: args[1]) { assessments.append(a) }
    }
} else {
    let data = try! Data(contentsOf: URL(fileURLWithPath: args[1]))
    data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
        var start = 0
        for i in 0..<buf.count where buf[i] == 0x0A {
            if i > start { lines.append(Array(buf[start..<i])) }
            start = i + 1
        }
        if start < buf.count { lines.append(Array(buf[start..<buf.count])) }
    }
}
let n = csv ? assessments.count : lines.count
let evaluator = Evaluator(rules: rules)
let interpreter = Evaluator(rules: rules, planned: false)
let encoder = ResultEncoder(rules: rules)
let compactEncoder = ResultEncoder(rules: rules, compact: true)

var parsed: [JSONValue] = []
var results: [PersonResult] = []   // for the encode phases (eval_fresh's; it runs once when not asked for)
struct Phase { var wall: [Double] = []; var cpu: [Double] = [] }
var phases: [String: Phase] = [:]
func timed(_ name: String, _ body: () -> Void) {
    if let only, !only.contains(name) {
        // Not asked for: run untimed, once, what later phases need (the records, the results).
        let needed = (name == "parse" && parsed.isEmpty && assessments.isEmpty) || (name == "map" && assessments.isEmpty)
            || (name == "eval_fresh" && results.isEmpty && (only.contains("encode") || only.contains("encode_compact")))
        if needed { body() }
        return
    }
    let w0 = now(), c0 = cpu()
    body()
    let w = now() - w0, c = cpu() - c0
    var p = phases[name] ?? Phase()
    p.wall.append(w); p.cpu.append(c)
    phases[name] = p
}

var bytesOut = 0, bytesCompact = 0, errors = 0
for _ in 0..<repeats {
    if !csv {
        timed("parse") {
            parsed = lines.map { line in
                guard case .success(let v) = JSONParser.parse(line) else { fatalError("bad JSON") }
                return v
            }
        }
        timed("map") {
            assessments = parsed.enumerated().map { (k, v) in
                guard case .success(let a) = mapper.map(json: v, row: k + 1, file: "input") else { fatalError("bad record \(k + 1)") }
                return a
            }
        }
    }
    timed("eval") {
        var scratch = Evaluator.Scratch()
        var result = PersonResult()
        var n = 0
        errors = 0
        for a in assessments {
            do { try evaluator.evaluate(a, into: &result, scratch: &scratch); n += result.requiredCount } catch { errors += 1 }
        }
        precondition(n > 0)
    }
    timed("eval_fresh") {
        var scratch = Evaluator.Scratch()
        results = assessments.compactMap { try? evaluator.evaluate($0, scratch: &scratch) }
    }
    timed("eval_interpreted") {
        var n = 0
        for a in assessments { n += (try? interpreter.evaluate(a).requiredCount) ?? 0 }
        precondition(n > 0)
    }
    if threads > 1 {
        timed("eval_threads") {
            let parts = chunks > 0 ? chunks : threads
            let chunk = (n + parts - 1) / parts
            DispatchQueue.concurrentPerform(iterations: parts) { t in
                let lo = t * chunk, hi = min(n, lo + chunk)
                guard lo < hi else { return }
                var scratch = Evaluator.Scratch()
                var result = PersonResult()
                for i in lo..<hi { _ = try? evaluator.evaluate(assessments[i], into: &result, scratch: &scratch) }
            }
        }
    }
    // Into one reused buffer, emptied every 64 KiB, as a worker fills its output batch.
    func encodeAll(_ e: ResultEncoder) -> Int {
        var w = ByteWriter(capacity: 1 << 17)
        var total = 0
        for r in results {
            e.jsonLine(r, name: "", into: &w)
            if w.count >= 1 << 16 { total += w.count; w.removeAll() }
        }
        return total + w.count
    }
    timed("encode") { bytesOut = encodeAll(encoder) }
    timed("encode_compact") { bytesCompact = encodeAll(compactEncoder) }
}
var obj: [String] = ["\"records\": \(n)", "\"errors\": \(errors)", "\"repeats\": \(repeats)", "\"threads\": \(threads)", "\"bytes_out\": \(bytesOut)",
                     "\"bytes_compact\": \(bytesCompact)"]
for name in ["parse", "map", "eval", "eval_fresh", "eval_interpreted", "eval_threads", "encode", "encode_compact"] {
    guard let p = phases[name] else { continue }
    obj.append("\"\(name)\": {\"wall_s\": \(p.wall), \"cpu_s\": \(p.cpu)}")
}
print("{" + obj.joined(separator: ", ") + "}")
