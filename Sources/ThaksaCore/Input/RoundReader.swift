import Foundation

/// One assessment round read whole: every person's assessment and the columns a round may carry
/// besides the answers (`fiscal_year`, the agreed `plan`). `thaksa progress` holds both rounds in
/// memory (tens of thousands of people at most in one organisation).
public struct Round: Sendable {
    public struct Person: Sendable {
        public var row: Int
        public var assessment: Assessment
        /// The agreed plan's items as written in the `plan` column (nil: none given, use the draft).
        public var agreedPlan: [Int]?
        public var planColumn: Int
    }

    public var file: String
    public var people: [Person] = []
    public var fiscalYear: Int?
    /// Whether the file names at least one of the rule set's items (columns or JSON answers).
    public var hasItems = false
    public var warnings: [String] = []
}

public enum RoundReader {
    /// Columns a round file may have besides an assessment's (normalised headers).
    static let planHeaders = ["plan", "แผนพัฒนา", "idp1"]
    static let yearHeaders = ["fiscal_year", "ปีงบประมาณ"]

    public static func isRoundColumn(_ header: String) -> Bool {
        let h = Assessments.normaliseHeader(header)
        return planHeaders.contains(h) || yearHeaders.contains(h)
    }

    /// Reads a round; every bad row is an error with file, row and column.
    public static func read(path: String, display: String, rules: RuleSet) -> Result<Round, InputErrors> {
        var rs = rules
        for h in planHeaders + yearHeaders { rs.inputColumns.insert(h) }
        let mapper = AssessmentMapper(rules: rs)
        var round = Round(file: display)
        var errors: [InputError] = []
        var rows: [(Int, Result<Assessment, InputErrors>, [String: Int])] = []
        if ScoreRunner.isJSONLines(path) {
            let opened = LineReader.eachJSON(path: path, display: display, errors: &errors) { n, json, _ in
                if case .object(let fields) = json, fields.contains(where: { $0.0 == "answers" || $0.0 == "has" || $0.0 == "has_not" }) {
                    round.hasItems = true
                }
                rows.append((n, mapper.map(json: json, row: n, file: display), [:]))
            }
            if !opened { return .failure(InputErrors([InputError(file: display, row: 0, en: "cannot be read", th: "อ่านไม่ได้")])) }
        } else {
            var csv: TableReader
            do { csv = try TableReader(path: path, display: display) } catch { return .failure(InputErrors([error])) }
            guard case .success(let header)? = csv.next() else {
                return .failure(InputErrors([InputError(file: display, row: 1, en: "the file is empty or has no header row", th: "ไฟล์ว่างหรือไม่มีแถวหัวตาราง")]))
            }
            let plan: AssessmentMapper.Plan
            switch mapper.plan(header: header.fields, file: display) {
            case .success(let p): plan = p
            case .failure(let e): return .failure(e)
            }
            round.hasItems = plan.roles.contains { if case .item = $0 { return true }; return $0 == .has || $0 == .hasNot }
            var columns: [String: Int] = [:]
            for (k, role) in plan.roles.enumerated() { if case .extra(let h) = role { columns[h] = k + 1 } }
            while let next = csv.next() {
                switch next {
                case .failure(let e): errors.append(e)
                case .success(let record):
                    if let m = mapper.map(record, plan: plan, file: display) { rows.append((record.row, m, columns)) }
                }
            }
        }
        var seen: [String: Int] = [:]
        var yearRow: Int?
        for (row, mapped, columns) in rows {
            switch mapped {
            case .failure(let e): errors.append(contentsOf: e.items)
            case .success(let a):
                if let first = seen[a.id] {
                    errors.append(InputError(file: display, row: row, columnName: "id", en: "id `\(a.id)` is already used in row \(first); a person appears once per round",
                                             th: "รหัส `\(a.id)` ซ้ำกับแถว \(first) แต่ละคนมีได้หนึ่งแถวต่อรอบ"))
                    continue
                }
                seen[a.id] = row
                var person = Round.Person(row: row, assessment: a, agreedPlan: nil, planColumn: 0)
                if let (header, text) = value(a, planHeaders), !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    person.planColumn = columns[header] ?? 0
                    var items: [Int] = []
                    for code in text.split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init) {
                        guard let i = rules.itemColumns[code] else {
                            errors.append(InputError(file: display, row: row, column: person.planColumn, columnName: header,
                                                     en: "unknown item `\(code)` in the agreed plan", th: "ไม่รู้จักรายการ `\(code)` ในแผนที่ตกลงกัน"))
                            continue
                        }
                        if items.contains(i) {
                            errors.append(InputError(file: display, row: row, column: person.planColumn, columnName: header,
                                                     en: "`\(code)` is in the agreed plan twice", th: "`\(code)` อยู่ในแผนที่ตกลงกันซ้ำ"))
                        }
                        items.append(i)
                    }
                    person.agreedPlan = items
                }
                if let (header, text) = value(a, yearHeaders), !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    let norm = Assessments.normaliseAnswer(text)
                    guard let y = Int(norm), y >= 2400, y <= 2700 else {
                        errors.append(InputError(file: display, row: row, column: columns[header] ?? 0, columnName: header,
                                                 en: "`\(text)` is not a Buddhist-Era fiscal year (e.g. 2564)", th: "`\(text)` ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น ๒๕๖๔)"))
                        continue
                    }
                    if let y0 = round.fiscalYear, y0 != y {
                        errors.append(InputError(file: display, row: row, column: columns[header] ?? 0, columnName: header,
                                                 en: "fiscal year \(y) differs from \(y0) in row \(yearRow ?? 0); a file is one round",
                                                 th: "ปีงบประมาณ \(y) ไม่ตรงกับ \(y0) ในแถว \(yearRow ?? 0) หนึ่งไฟล์คือหนึ่งรอบการประเมิน"))
                    } else if round.fiscalYear == nil { round.fiscalYear = y; yearRow = row }
                }
                round.people.append(person)
            }
        }
        return errors.isEmpty ? .success(round) : .failure(InputErrors(errors))
    }

    static func value(_ a: Assessment, _ headers: [String]) -> (String, String)? {
        for h in headers { if let v = a.extra[h] { return (h, v) } }
        return nil
    }
}
