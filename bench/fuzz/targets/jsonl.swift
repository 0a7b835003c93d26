// Fuzz target: one JSON Lines record through both readers `thaksa score` uses: the fast reader
// and, when it declines, the JSON parser + mapper. Traps when the fast reader accepts a line the
// full parser rejects (it would score malformed input silently), or on an error past the line.

let jsonlFuzzRules: RuleSet = {
    let text = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" accepts "no", "0" level 1 "มี" accepts "yes", "1", "✓" }
    item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
    item DLit200 ability "ใช้งานเครื่องมือดิจิทัล"
    phase early "ระยะเริ่มแรก"
    group A "วิชาการ" { phase early { require DLit100, DLit200 } }
    group S "บริการ" { phase early { require DLit100 } }
    position "นักวิชาการเงินและบัญชี" group A
    assignment { order column, workload, career_path, position supervisor add, waive }
    list gaps = required where answered and not held
    score readiness = round(100 * count(required where held) / max(count(required), 1), 1)
    """
    return RuleSetLoader.load(files: [(path: "fuzz.thaksa", text: text)]).ruleSet
}()
let jsonlFast = FastRecordReader(rules: jsonlFuzzRules)
let jsonlMapper = AssessmentMapper(rules: jsonlFuzzRules)
let jsonlEvaluator = Evaluator(rules: jsonlFuzzRules)

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonlFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        let fast = jsonlFast.read(line)
        let parsed = JSONParser.parse(Array(line))
        switch parsed {
        case .failure(let f):
            precondition(f.offset >= 0 && f.offset <= line.count, "error offset \(f.offset) past the line (\(line.count) bytes)")
            precondition(fast == nil, "fast reader accepted a line the JSON parser rejects")
        case .success(let json):
            let mapped = jsonlMapper.map(json: json, row: 1, file: "fuzz.jsonl")
            if case .failure = mapped { precondition(fast == nil, "fast reader accepted a record the mapper rejects") }
            if let a = fast ?? (try? mapped.get()) { _ = try? jsonlEvaluator.evaluate(a) }
        }
    }
    return 0
}
