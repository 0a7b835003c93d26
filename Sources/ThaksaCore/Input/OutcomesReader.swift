import Foundation

/// One line of the IDP2 form (001 L1659-1667): the outcome of one item of a person's agreed plan.
public struct OutcomeRecord: Sendable {
    public var row: Int
    public var id: String
    public var item: Int
    public var outcome: IDPOutcome
    public var note: String
    public var suggestion: String
    /// 1-based columns of `id` and `item` (0 in JSON Lines), for errors found later.
    public var idColumn: Int
    public var itemColumn: Int
}

/// Reads IDP2 outcomes: CSV with a header (`id`, `item`, `outcome`, optional `note`,
/// `suggestion`; Thai headers too) or JSON Lines with the same keys.
public enum OutcomesReader {
    enum Field: String { case id, item, outcome, note, suggestion }

    static let headers: [String: Field] = [
        "id": .id, "รหัส": .id, "เลขประจำตัว": .id,
        "item": .item, "รายการ": .item, "รายการความสามารถและความรู้": .item,
        "outcome": .outcome, "การดำเนินการ": .outcome, "ผลการดำเนินการ": .outcome,
        "note": .note, "ผลการพัฒนา": .note,
        "suggestion": .suggestion, "ข้อเสนอแนะ": .suggestion, "ข้อเสนอแนะการพัฒนาเพิ่มเติม": .suggestion,
    ]

    /// The good records and the errors of the bad ones (every bad row is reported, not just the first).
    public static func read(path: String, display: String, rules: RuleSet) -> (records: [OutcomeRecord], errors: [InputError]) {
        var errors: [InputError] = []
        var out: [OutcomeRecord] = []
        func record(_ row: Int, _ values: [Field: (String, Int)]) {
            var bad = false
            for f in [Field.id, .item, .outcome] where (values[f]?.0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(InputError(file: display, row: row, column: values[f]?.1 ?? 0, columnName: f.rawValue,
                                         en: "`\(f.rawValue)` is empty", th: "`\(f.rawValue)` ว่าง"))
                bad = true
            }
            if bad { return }
            let (id, idColumn) = values[.id]!, (code, itemColumn) = values[.item]!, (word, outcomeColumn) = values[.outcome]!
            let trimmedCode = code.trimmingCharacters(in: .whitespaces)
            guard let item = rules.itemColumns[trimmedCode] else {
                errors.append(InputError(file: display, row: row, column: itemColumn, columnName: "item",
                                         en: "unknown item `\(trimmedCode)`", th: "ไม่รู้จักรายการ `\(trimmedCode)`"))
                return
            }
            guard let outcome = IDPOutcome(input: word) else {
                let th = IDPOutcome.allCases.map(\.thai).joined(separator: " / "), en = IDPOutcome.allCases.map(\.key).joined(separator: ", ")
                errors.append(InputError(file: display, row: row, column: outcomeColumn, columnName: "outcome",
                                         en: "unknown outcome `\(word)`; write one of the IDP2 form's phrases (\(th)) or \(en)",
                                         th: "ไม่รู้จักผลการดำเนินการ `\(word)` ใช้ข้อความในแบบ IDP2 (\(th)) หรือ \(en)"))
                return
            }
            out.append(OutcomeRecord(row: row, id: id.trimmingCharacters(in: .whitespaces), item: item, outcome: outcome,
                                     note: values[.note]?.0 ?? "", suggestion: values[.suggestion]?.0 ?? "",
                                     idColumn: idColumn, itemColumn: itemColumn))
        }
        if ScoreRunner.isJSONLines(path) {
            let opened = LineReader.eachJSON(path: path, display: display, errors: &errors) { n, json, errors in
                switch json {
                case .object(let fields):
                    var values: [Field: (String, Int)] = [:]
                    for (k, v) in fields {
                        guard let f = headers[Assessments.normaliseHeader(k)] else { continue }
                        switch v {
                        case .string(let s), .number(let s): values[f] = (s, 0)
                        case .null: values[f] = ("", 0)
                        default:
                            errors.append(InputError(file: display, row: n, columnName: k, en: "`\(k)` must be text", th: "`\(k)` ต้องเป็นข้อความ"))
                        }
                    }
                    record(n, values)
                default:
                    errors.append(InputError(file: display, row: n, en: "each line must be a JSON object `{...}`", th: "แต่ละบรรทัดต้องเป็นออบเจกต์ JSON `{...}`"))
                }
            }
            if !opened { return ([], [InputError(file: display, row: 0, en: "cannot be read", th: "อ่านไม่ได้")]) }
        } else {
            var csv: TableReader
            do { csv = try TableReader(path: path, display: display) } catch { return ([], [error]) }
            guard case .success(let header)? = csv.next() else {
                return ([], [InputError(file: display, row: 1, en: "the file is empty or has no header row", th: "ไฟล์ว่างหรือไม่มีแถวหัวตาราง")])
            }
            var columns: [Field: Int] = [:]
            for (k, h) in header.fields.enumerated() {
                guard let f = headers[Assessments.normaliseHeader(h)] else { continue }
                if columns[f] != nil {
                    errors.append(InputError(file: display, row: 1, column: k + 1, columnName: h, en: "`\(f.rawValue)` is given twice", th: "`\(f.rawValue)` ซ้ำ"))
                }
                columns[f] = k
            }
            for f in [Field.id, .item, .outcome] where columns[f] == nil {
                errors.append(InputError(file: display, row: 1, en: "there is no `\(f.rawValue)` column", th: "ไม่มีคอลัมน์ `\(f.rawValue)`"))
            }
            if !errors.isEmpty { return ([], errors) }
            while let next = csv.next() {
                switch next {
                case .failure(let e): errors.append(e)
                case .success(let r):
                    if r.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                    var values: [Field: (String, Int)] = [:]
                    for (f, k) in columns { values[f] = (k < r.fields.count ? r.fields[k] : "", k + 1) }
                    record(r.row, values)
                }
            }
        }
        return (out, errors)
    }
}
