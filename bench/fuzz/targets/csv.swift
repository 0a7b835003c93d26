import Foundation

// Fuzz target: CSV bytes through the CSV reader and the header/row mapper of a small rule set
// (the path of `thaksa score file.csv`). Traps on an error without a row.

let csvFuzzRules: RuleSet = {
    let text = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" accepts "no", "0" level 1 "มี" accepts "yes", "1", "✓" }
    item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล" { column "ท่านใช้งานคอมพิวเตอร์ได้คล่อง" }
    item DLit200 ability "ใช้งานเครื่องมือดิจิทัล"
    phase early "ระยะเริ่มแรก"
    group A "วิชาการ" { phase early { require DLit100, DLit200 } }
    group S "บริการ" { phase early { require DLit100 } }
    position "นักวิชาการเงินและบัญชี" group S when unit starts with "สำนักงานเขต"
    position "นักวิชาการเงินและบัญชี" group A
    assignment { order column, workload, career_path, position supervisor add, waive }
    list gaps = required where answered and not held
    score readiness = round(100 * count(required where held) / max(count(required), 1), 1)
    """
    return RuleSetLoader.load(files: [(path: "fuzz.thaksa", text: text)]).ruleSet
}()
let csvFuzzPath = "/dev/shm/thaksa-fuzz-csv-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The reader takes a path: the input goes through a file, as it does in the CLI.
    guard FileManager.default.createFile(atPath: csvFuzzPath, contents: Data(bytes: data, count: size)),
          var reader = try? CSVReader(path: csvFuzzPath, display: "fuzz.csv") else { return 0 }
    let mapper = AssessmentMapper(rules: csvFuzzRules)
    let evaluator = Evaluator(rules: csvFuzzRules)
    guard case .success(let header)? = reader.next() else { return 0 }
    let plan: AssessmentMapper.Plan
    switch mapper.plan(header: header.fields, file: "fuzz.csv") {
    case .success(let p): plan = p
    case .failure(let e):
        precondition(e.items.allSatisfy { $0.row == 1 }, "header error not on row 1")
        return 0
    }
    var records = 0
    while let next = reader.next() {
        records += 1
        precondition(records <= size + 1, "more records than bytes")
        switch next {
        case .failure(let e): precondition(e.row >= 2, "row error without a row")
        case .success(let record):
            switch mapper.map(record, plan: plan, file: "fuzz.csv") {
            case .success(let a)?: _ = try? evaluator.evaluate(a)
            case .failure(let e)?: precondition(e.items.allSatisfy { $0.row == record.row }, "error on another row")
            case nil: break
            }
        }
    }
    return 0
}
