import Foundation

/// Runs a rule set's test files: CSV rows of people (the assessment columns) with `expect_*`
/// columns holding what the rules must decide. Blank expectations are not checked.
public struct FixtureRunner {
    public struct Failure: Sendable {
        public var field: String
        public var expected: String
        public var actual: String
        /// The rule that produced the actual value, when one did.
        public var rule: SourceSpan?
    }

    public struct CaseResult: Sendable {
        public var file: String
        public var row: Int
        public var name: String
        public var failures: [Failure]
        public var passed: Bool { failures.isEmpty }
    }

    public struct Report {
        public var cases: [CaseResult] = []
        /// Cases left out by the name filter (`--run`).
        public var skippedCases: [CaseResult] = []
        /// Problems with the test files themselves (bad header, unreadable).
        public var fileErrors: [InputError] = []
        public var coverage: Coverage
        public var passed: Int { cases.filter(\.passed).count }
        public var failed: Int { cases.count - passed + fileErrors.count }
        public var skipped: Int { skippedCases.count }
    }

    static let fixedFields = ["group", "group_reason", "required", "upcoming", "gaps", "unanswered", "band", "idp", "idp_courses", "error"]
    static let listFields: Set<String> = ["required", "upcoming", "gaps", "unanswered", "idp"]

    let loaded: LoadedRuleSet
    var rules: RuleSet { loaded.ruleSet }
    let mapper: AssessmentMapper
    let encoder: ResultEncoder

    public init(loaded: LoadedRuleSet) {
        self.loaded = loaded
        mapper = AssessmentMapper(rules: loaded.ruleSet, allowUnmapped: true)
        encoder = ResultEncoder(rules: loaded.ruleSet)
    }

    /// The test files of a rule-set folder: `tests/*.csv`, sorted.
    public static func discover(_ root: String) -> [String] {
        let dir = root + "/tests"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".csv") }.sorted().map { dir + "/" + $0 }
    }

    /// Runs the files' cases whose name `only` accepts (all without it). With `update`, returns for
    /// each file with failing cases its bytes with those cases' failing cells set to the actual
    /// values; every other byte (passing rows, blank cells, `100.0`, short error fragments) stays.
    public func run(_ files: [(path: String, display: String)], update: Bool = false,
                    only: ((String) -> Bool)? = nil) -> (Report, [String: [UInt8]]) {
        let coverage = Coverage(rules: rules)
        var report = Report(coverage: coverage)
        var rewritten: [String: [UInt8]] = [:]
        let evaluator = Evaluator(rules: rules)
        for f in files {
            guard var reader = try? CSVReader(path: f.path, display: f.display) else {
                report.fileErrors.append(InputError(file: f.display, row: 0, en: "cannot be read", th: "อ่านไม่ได้"))
                continue
            }
            guard case .success(let header)? = reader.next() else {
                report.fileErrors.append(InputError(file: f.display, row: 1, en: "no header row", th: "ไม่มีแถวหัวตาราง"))
                continue
            }
            if FixtureRunner.isTwoRound(header.fields) {
                runTwoRound(f, header: header.fields, reader: &reader, report: &report)
                continue
            }
            // Expectation columns, checked against what the rule set can decide.
            var expect: [(column: Int, field: String)] = []
            var inputHeader = header.fields
            var caseColumn: Int?
            // Scores, and every band by its name (`expect_band` is the first band).
            // A family's members as `family.member` (`expect_readiness.area1`).
            let memberNames = rules.computed.flatMap { c in (c.family.map(rules.members) ?? []).map { c.entity.id + "." + $0.id } }
            let scoreNames = Set(rules.computed.filter { !$0.isList && $0.family == nil }.map(\.entity.id) + rules.bands.map(\.entity.id) + memberNames)
            for (k, h) in header.fields.enumerated() {
                let name = h.trimmingCharacters(in: .whitespaces)
                if name == "case" { caseColumn = k; inputHeader[k] = "" }
                else if name == "note" { inputHeader[k] = "" }
                else if name.hasPrefix("expect_") {
                    inputHeader[k] = ""
                    let field = String(name.dropFirst("expect_".count))
                    if FixtureRunner.fixedFields.contains(field) || scoreNames.contains(field) { expect.append((k, field)) }
                    else {
                        report.fileErrors.append(InputError(file: f.display, row: 1, column: k + 1, columnName: name,
                            en: "`\(field)` is not something the rules decide; expect one of: \((FixtureRunner.fixedFields + scoreNames.sorted()).joined(separator: ", "))",
                            th: "`\(field)` ไม่ใช่ผลที่กฎกำหนด ใช้ได้: \((FixtureRunner.fixedFields + scoreNames.sorted()).joined(separator: ", "))"))
                    }
                }
            }
            let plan: AssessmentMapper.Plan
            switch mapper.plan(header: inputHeader, file: f.display) {
            case .success(let p): plan = p
            case .failure(let e): report.fileErrors.append(contentsOf: e.items); continue
            }
            var edits: [(range: Range<Int>, fields: [String])] = []
            while let next = reader.next() {
                guard case .success(let record) = next else {
                    if case .failure(let e) = next { report.fileErrors.append(e) }
                    continue
                }
                var fields = record.fields
                if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                fields += Array(repeating: "", count: max(0, header.fields.count - fields.count))
                let name = caseColumn.map { fields[$0] } ?? "row \(record.row)"
                if let only, !only(name) {
                    report.skippedCases.append(CaseResult(file: f.display, row: record.row, name: name, failures: []))
                    continue
                }
                var outcome: Result<PersonResult, InputErrors>
                switch mapper.map(CSVReader.Record(row: record.row, fields: fields), plan: plan, file: f.display) {
                case .success(let a)?:
                    do {
                        let r = try evaluator.evaluate(a, tracer: coverage)
                        coverage.record(r)
                        outcome = .success(r)
                    } catch {
                        outcome = .failure(InputErrors([InputError(file: f.display, row: record.row, en: error.message(.en), th: error.message(.th))]))
                    }
                case .failure(let e)?: outcome = .failure(e)
                case nil: continue
                }
                var failures: [Failure] = []
                for (column, field) in expect {
                    let want = fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
                    let (actual, rule) = self.actual(field, outcome)
                    guard !want.isEmpty else { continue }
                    if !matches(field, want, actual, outcome) {
                        failures.append(Failure(field: field, expected: want, actual: actual, rule: rule))
                    }
                }
                if expect.allSatisfy({ $0.field != "error" || fields[$0.column].isEmpty }), case .failure(let e) = outcome,
                   !failures.contains(where: { $0.field == "error" }) {
                    failures.insert(Failure(field: "error", expected: "", actual: e.items.map { $0.message(.en) }.joined(separator: "; "), rule: nil), at: 0)
                }
                report.cases.append(CaseResult(file: f.display, row: record.row, name: name, failures: failures))
                if update, !failures.isEmpty {
                    // Only the cells that failed; a rejected row keeps its other expectations, and an
                    // unexpected rejection becomes the expected error.
                    let before = fields
                    for failure in failures {
                        guard let (column, _) = expect.first(where: { $0.field == failure.field }) else { continue }
                        if case .failure = outcome, failure.field != "error" { continue }
                        fields[column] = failure.actual
                    }
                    if fields != before { edits.append((reader.lastRange, fields)) }
                }
            }
            if update, !edits.isEmpty, let data = FileManager.default.contents(atPath: f.path) {
                rewritten[f.path] = FixtureRunner.apply(edits, to: [UInt8](data))
            }
        }
        return (report, rewritten)
    }

    /// The file with the given records replaced, each keeping its own line end.
    static func apply(_ edits: [(range: Range<Int>, fields: [String])], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var at = 0
        for edit in edits where edit.range.lowerBound >= at && edit.range.upperBound <= bytes.count {
            var end = edit.range.upperBound
            if end > edit.range.lowerBound, bytes[end - 1] == 0x0A { end -= 1 }
            if end > edit.range.lowerBound, bytes[end - 1] == 0x0D { end -= 1 }
            out += bytes[at..<edit.range.lowerBound]
            out += Array(edit.fields.map(ResultEncoder.csvField).joined(separator: ",").utf8)
            at = end
        }
        return out + bytes[at...]
    }

    /// The actual value of an expectation field, written as a test file would write it.
    func actual(_ field: String, _ outcome: Result<PersonResult, InputErrors>) -> (String, SourceSpan?) {
        switch outcome {
        case .failure(let e): return (field == "error" ? e.items.map { $0.message(.en) }.joined(separator: "; ") : "(rejected)", nil)
        case .success(let r):
            let code = { (i: Int) in rules.items[i].entity.id }
            switch field {
            case "error": return ("", nil)
            case "group":
                return (rules.groups[r.group].entity.id, r.positionRule.map { rules.positions[$0].span })
            case "group_reason": return (r.groupReason.rawValue, r.positionRule.map { rules.positions[$0].span })
            case "required": return (r.required.map { code($0.item) }.joined(separator: ";"), rules.groups[r.group].entity.span)
            case "upcoming": return (r.requirements[r.requiredCount...].map { code($0.item) }.joined(separator: ";"), rules.groups[r.group].entity.span)
            case "gaps":
                let span = rules.computed.first { $0.entity.id == "gaps" }?.entity.span
                return (encoder.gaps(r).map { code(r.requirements[$0].item) }.joined(separator: ";"), span)
            case "unanswered": return (r.unanswered.map(code).joined(separator: ";"), nil)
            case "band":
                guard !rules.bands.isEmpty else { return ("", nil) }
                let c = encoder.bandCase(r, 0)
                return (c?.entity.id ?? "", c?.entity.span ?? rules.bands[0].entity.span)
            case "idp": return (r.idp.map { code(r.requirements[$0.requirement].item) }.joined(separator: ";"), rules.idp?.span)
            case "idp_courses":
                let text = r.idp.map { e in
                    code(r.requirements[e.requirement].item) + ":" + (e.courses.isEmpty ? "" : " " + e.courses.map { rules.tracks[r.track!].courses[$0].id }.joined(separator: ", "))
                }.joined(separator: "; ")
                return (text, rules.idp?.span)
            default:
                if let b = rules.bands.firstIndex(where: { $0.entity.id == field }) {
                    let c = encoder.bandCase(r, b)
                    return (c?.entity.id ?? "", c?.entity.span ?? rules.bands[b].entity.span)
                }
                if let dot = field.firstIndex(of: "."),
                   let slot = rules.computed.firstIndex(where: { $0.entity.id == field[..<dot] && $0.family != nil }),
                   let k = encoder.members(slot).firstIndex(where: { $0.id == field[field.index(after: dot)...] }) {
                    return (FixtureRunner.written(encoder.member(r, slot, k)), rules.computed[slot].entity.span)
                }
                guard let slot = rules.computed.firstIndex(where: { $0.entity.id == field }) else { return ("", nil) }
                return (FixtureRunner.written(r.values[slot]), rules.computed[slot].entity.span)
            }
        }
    }

    /// A score's value as a test file writes it.
    static func written(_ v: Value) -> String {
        switch v {
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .text(let t): return t
        default: return ""
        }
    }

    func matches(_ field: String, _ want: String, _ actual: String, _ outcome: Result<PersonResult, InputErrors>) -> Bool {
        if field == "error" {
            guard case .failure(let e) = outcome else { return false }
            return e.items.contains { $0.en.contains(want) || $0.th.contains(want) }
        }
        if case .failure = outcome { return false }
        if FixtureRunner.listFields.contains(field) { return FixtureRunner.list(want) == FixtureRunner.list(actual) }
        if field == "idp_courses" { return FixtureRunner.courses(want) == FixtureRunner.courses(actual) }
        if let a = Rational(parsing: want), let b = Rational(parsing: actual) { return a == b }
        let truthy: [String: String] = ["true": "true", "yes": "true", "ใช่": "true", "false": "false", "no": "false", "ไม่ใช่": "false"]
        if let a = truthy[want.lowercased()], let b = truthy[actual] { return a == b }
        return want == actual
    }

    static func list(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init)
    }

    static func courses(_ s: String) -> [[String]] {
        s.split(separator: ";").map { part in
            let pieces = part.split(separator: ":", maxSplits: 1)
            let item = pieces.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            let ids = pieces.count > 1 ? list(String(pieces[1])) : []
            return [item] + ids
        }
    }
}
