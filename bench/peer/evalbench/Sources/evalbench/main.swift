// evalbench RULES INPUT.jsonl [--repeat K] [--threads N]
// Times the phases of `thaksa score` separately on in-memory data, with ThaksaCore's own types:
//   parse   JSONParser.parse of every line
//   map     AssessmentMapper.map(json:) (answers matched to items and scale levels)
//   eval    Evaluator.evaluate (group, requirements, lists, scores, band, IDP)  <- evaluation only,
//           with the compiled plan and one reused scratch, as a worker of `thaksa score` runs it
//   eval_interpreted  the same without the plan (`Evaluator(rules:planned: false)`), for the ratio
//   encode  ResultEncoder.jsonLine into one reused buffer (encode_compact: the `--compact` form)
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
if let i = args.firstIndex(of: "--chunks") { chunks = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
guard args.count == 2 else {
    FileHandle.standardError.write("usage: evalbench RULES INPUT.jsonl [--repeat K] [--threads N]\n".data(using: .utf8)!)
    exit(2)
}
let loaded = RuleSetLoader.load(args[0])
guard !loaded.diagnostics.hasErrors else { FileHandle.standardError.write("rule errors\n".data(using: .utf8)!); exit(1) }
let rules = loaded.ruleSet
let data = try! Data(contentsOf: URL(fileURLWithPath: args[1]))
var lines: [[UInt8]] = []
data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
    var start = 0
    for i in 0..<buf.count where buf[i] == 0x0A {
        if i > start { lines.append(Array(buf[start..<i])) }
        start = i + 1
    }
    if start < buf.count { lines.append(Array(buf[start..<buf.count])) }
}
let n = lines.count
let mapper = AssessmentMapper(rules: rules)
let evaluator = Evaluator(rules: rules)
let interpreter = Evaluator(rules: rules, planned: false)
let encoder = ResultEncoder(rules: rules)
let compactEncoder = ResultEncoder(rules: rules, compact: true)

struct Phase { var wall: [Double] = []; var cpu: [Double] = [] }
var phases: [String: Phase] = [:]
func timed(_ name: String, _ body: () -> Void) {
    let w0 = now(), c0 = cpu()
    body()
    let w = now() - w0, c = cpu() - c0
    var p = phases[name] ?? Phase()
    p.wall.append(w); p.cpu.append(c)
    phases[name] = p
}

var parsed: [JSONValue] = []
var assessments: [Assessment] = []
var results: [PersonResult] = []
var bytesOut = 0, bytesCompact = 0
for _ in 0..<repeats {
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
    timed("eval") {
        var scratch = Evaluator.Scratch()
        results = assessments.map { try! evaluator.evaluate($0, scratch: &scratch) }
    }
    timed("eval_interpreted") {
        var n = 0
        for a in assessments { n += try! interpreter.evaluate(a).requiredCount }
        precondition(n > 0)
    }
    if threads > 1 {
        timed("eval_threads") {
            let out = UnsafeMutableBufferPointer<PersonResult?>.allocate(capacity: n)
            out.initialize(repeating: nil)
            nonisolated(unsafe) let target = out
            let parts = chunks > 0 ? chunks : threads
            let chunk = (n + parts - 1) / parts
            DispatchQueue.concurrentPerform(iterations: parts) { t in
                let lo = t * chunk, hi = min(n, lo + chunk)
                guard lo < hi else { return }
                var scratch = Evaluator.Scratch()
                for i in lo..<hi { target[i] = try! evaluator.evaluate(assessments[i], scratch: &scratch) }
            }
            out.deinitialize(); out.deallocate()
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
var obj: [String] = ["\"records\": \(n)", "\"repeats\": \(repeats)", "\"threads\": \(threads)", "\"bytes_out\": \(bytesOut)",
                     "\"bytes_compact\": \(bytesCompact)"]
for name in ["parse", "map", "eval", "eval_interpreted", "eval_threads", "encode", "encode_compact"] {
    guard let p = phases[name] else { continue }
    obj.append("\"\(name)\": {\"wall_s\": \(p.wall), \"cpu_s\": \(p.cpu)}")
}
print("{" + obj.joined(separator: ", ") + "}")
