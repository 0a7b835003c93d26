import Foundation

/// Two-round test files: a test CSV with a `round` column (`before` / `after`, or ก่อน / หลัง) holds
/// both rounds of the same people (paired by `id`). A `before` row may carry `plan` (the agreed
/// plan) and `outcomes` (its IDP2 results, `ITEM: outcome; ITEM: outcome`, outcome words as in an
/// outcomes file). Expectations go on the person's `after` row (the `before` row for someone with
/// none): `expect_status`, `expect_closed_gaps`, `expect_new_gaps`, `expect_remaining_gaps`,
/// `expect_<progress score>` and `expect_error`. The rounds are run exactly as
/// `thaksa progress BEFORE AFTER --outcomes` runs them.
extension FixtureRunner {
    static let twoRoundFields = ["status", "closed_gaps", "new_gaps", "remaining_gaps", "error"]

    static func isTwoRound(_ header: [String]) -> Bool {
        header.contains { $0.trimmingCharacters(in: .whitespaces) == "round" }
    }

    func runTwoRound(_ f: (path: String, display: String), header: [String], reader: inout CSVReader, report: inout Report) {
        let trimmed = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let progressNames = rules.progress.map(\.entity.id)
        var expect: [(column: Int, field: String)] = []
        var inputColumns: [Int] = []
        var roundColumn = 0, caseColumn: Int?, outcomesColumn: Int?, idColumn: Int?
        for (k, h) in trimmed.enumerated() {
            switch h {
            case "round": roundColumn = k
            case "case": caseColumn = k
            case "note": continue
            case "outcomes": outcomesColumn = k
            default:
                if h.hasPrefix("expect_") {
                    let field = String(h.dropFirst("expect_".count))
                    if FixtureRunner.twoRoundFields.contains(field) || progressNames.contains(field) { expect.append((k, field)) } else {
                        let known = (FixtureRunner.twoRoundFields + progressNames).joined(separator: ", ")
                        report.fileErrors.append(InputError(file: f.display, row: 1, column: k + 1, columnName: h,
                            en: "`\(field)` is not checked in a two-round file; expect one of: \(known)",
                            th: "`\(field)` ไม่ได้ตรวจในไฟล์ทดสอบสองรอบ ใช้ได้: \(known)"))
                    }
                } else {
                    if Assessments.normaliseHeader(h) == "id" { idColumn = inputColumns.count }
                    inputColumns.append(k)
                }
            }
        }
        guard let idColumn else {
            report.fileErrors.append(InputError(file: f.display, row: 1, en: "there is no `id` column", th: "ไม่มีคอลัมน์ `id`"))
            return
        }
        // Split the file into the two rounds and the outcomes, remembering where each row came from.
        var before: [[String]] = [], after: [[String]] = [], outcomes: [[String]] = []
        var beforeRows: [Int] = [], afterRows: [Int] = [], outcomeRows: [Int] = []
        var records: [Int: [String]] = [:]
        var order: [Int] = []
        while let next = reader.next() {
            guard case .success(let r) = next else {
                if case .failure(let e) = next { report.fileErrors.append(e) }
                continue
            }
            var fields = r.fields
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            fields += Array(repeating: "", count: max(0, header.count - fields.count))
            records[r.row] = fields
            order.append(r.row)
            let input = inputColumns.map { fields[$0] }
            switch fields[roundColumn].trimmingCharacters(in: .whitespaces).lowercased() {
            case "before", "ก่อน":
                before.append(input)
                beforeRows.append(r.row)
                for part in (outcomesColumn.map { fields[$0] } ?? "").split(separator: ";") {
                    let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    outcomes.append([input[idColumn], pieces[0], pieces.count > 1 ? pieces[1] : ""])
                    outcomeRows.append(r.row)
                }
            case "after", "หลัง":
                after.append(input)
                afterRows.append(r.row)
            default:
                report.fileErrors.append(InputError(file: f.display, row: r.row, column: roundColumn + 1, columnName: "round",
                                                    en: "`round` is `before` or `after`", th: "`round` ต้องเป็น `before` หรือ `after` (ก่อน / หลัง)"))
            }
        }
        let dir = NSTemporaryDirectory() + "thaksa-rounds-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = ["before": dir + "/before.csv", "after": dir + "/after.csv", "outcomes": dir + "/outcomes.csv"]
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let inputHeader = inputColumns.map { header[$0] }
            let csv = { (rows: [[String]]) in rows.map { $0.map(ResultEncoder.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n" }
            try csv([inputHeader] + before).write(toFile: paths["before"]!, atomically: true, encoding: .utf8)
            try csv([inputHeader] + after).write(toFile: paths["after"]!, atomically: true, encoding: .utf8)
            try csv([["id", "item", "outcome"]] + outcomes).write(toFile: paths["outcomes"]!, atomically: true, encoding: .utf8)
        } catch {
            report.fileErrors.append(InputError(file: f.display, row: 0, en: "cannot write temporary files", th: "เขียนไฟล์ชั่วคราวไม่ได้"))
            return
        }
        // Errors point back at the test file's rows.
        func locate(_ e: InputError) -> InputError {
            var e = e
            let map = e.file == "before" ? beforeRows : e.file == "after" ? afterRows : outcomeRows
            if e.column > 0 {
                if e.file == "outcomes" { e.column = (outcomesColumn ?? 0) + 1 }
                else if e.column - 1 < inputColumns.count { e.column = inputColumns[e.column - 1] + 1 }
            }
            e.file = f.display
            e.row = e.row >= 2 && e.row - 2 < map.count ? map[e.row - 2] : 0
            return e
        }
        let runner = ProgressRunner(rules: rules)
        let result = runner.run(before: (paths["before"]!, "before"), after: (paths["after"]!, "after"),
                                outcomes: outcomes.isEmpty ? nil : (paths["outcomes"]!, "outcomes"))
        let name = { (row: Int) in caseColumn.map { records[row]![$0] } ?? "row \(row)" }
        switch result {
        case .failure(let e):
            let located = e.items.map(locate)
            var explained = Set<Int>()
            for row in order {
                let mine = located.enumerated().filter { $0.element.row == row }
                let want = expect.first { $0.field == "error" }.map { records[row]![$0.column].trimmingCharacters(in: .whitespaces) } ?? ""
                var failures: [Failure] = []
                if !want.isEmpty {
                    if let hit = mine.first(where: { $0.element.en.contains(want) || $0.element.th.contains(want) }) { explained.insert(hit.offset) } else {
                        failures.append(Failure(field: "error", expected: want, actual: mine.map { $0.element.message(.en) }.joined(separator: "; "), rule: nil))
                    }
                } else if !mine.isEmpty {
                    failures.append(Failure(field: "error", expected: "", actual: mine.map { $0.element.message(.en) }.joined(separator: "; "), rule: nil))
                    explained.formUnion(mine.map(\.offset))
                }
                // One bad row rejects both rounds, so nobody's other expectations could be checked.
                for (column, field) in expect where field != "error" && !records[row]![column].trimmingCharacters(in: .whitespaces).isEmpty {
                    failures.append(Failure(field: field, expected: records[row]![column],
                                            actual: "(not checked: the rounds were rejected; put rejected rows in a file of their own)", rule: nil))
                }
                report.cases.append(CaseResult(file: f.display, row: row, name: name(row), failures: failures))
            }
            // What no row expected (e.g. rounds with no common id) is a problem of the file.
            for (k, err) in located.enumerated() where !explained.contains(k) && err.row == 0 { report.fileErrors.append(err) }
        case .success(let progress):
            var rowOf: [String: Int] = [:]
            for (k, row) in beforeRows.enumerated() { rowOf[before[k][idColumn].trimmingCharacters(in: .whitespaces)] = row }
            for (k, row) in afterRows.enumerated() { rowOf[after[k][idColumn].trimmingCharacters(in: .whitespaces)] = row }
            var checked = Set<Int>()
            for p in progress.people {
                guard let row = rowOf[p.id], let fields = records[row] else { continue }
                checked.insert(row)
                var failures: [Failure] = []
                for (column, field) in expect {
                    let want = fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !want.isEmpty else { continue }
                    let (actual, rule) = twoRoundActual(field, p)
                    let ok = field == "status" || progressNames.contains(field)
                        ? (Rational(parsing: want).flatMap { a in Rational(parsing: actual).map { a == $0 } } ?? (want.lowercased() == actual))
                        : FixtureRunner.list(want) == FixtureRunner.list(actual)
                    if field == "error" || !ok { failures.append(Failure(field: field, expected: want, actual: field == "error" ? "" : actual, rule: rule)) }
                }
                report.cases.append(CaseResult(file: f.display, row: row, name: name(row), failures: failures))
            }
            // A before row of someone assessed again carries no expectations of its own.
            for row in order where !checked.contains(row) {
                report.cases.append(CaseResult(file: f.display, row: row, name: name(row), failures: []))
            }
        }
    }

    func twoRoundActual(_ field: String, _ p: PersonProgress) -> (String, SourceSpan?) {
        let codes = { (items: [Int]) in items.map { rules.items[$0].entity.id }.joined(separator: ";") }
        switch field {
        case "status": return (p.status.rawValue, nil)
        case "closed_gaps": return (codes(p.closedGaps), nil)
        case "new_gaps": return (codes(p.newGaps), nil)
        case "remaining_gaps": return (codes(p.remainingGaps), nil)
        default:
            guard let i = rules.progress.firstIndex(where: { $0.entity.id == field }) else { return ("", nil) }
            guard let r = p.after, i < r.progress.count else { return ("(not assessed in the AFTER round)", rules.progress[i].entity.span) }
            return (FixtureRunner.written(r.progress[i]), rules.progress[i].entity.span)
        }
    }
}
