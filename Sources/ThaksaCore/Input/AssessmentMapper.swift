/// Turns input rows (CSV records under a header, or JSON objects) into `Assessment`s, checking
/// every value against the rule set. A row either maps whole or yields all of its errors.
public struct AssessmentMapper: Sendable {
    public enum Role: Sendable, Hashable {
        case id, name, position, unit, group, careerPath, add, waive
        /// A column the rules read with `input("...")`.
        case extra(String)
        /// Lists of items answered "have" / "have not" (at the scale's expected / lowest level).
        case has, hasNot
        case workload(Int)      // group index
        case item(Int)          // item index
        case ignored
    }

    public let rules: RuleSet
    /// Normalised header → item, from item codes and the rule set's `column` aliases.
    let itemHeaders: [String: Int]

    public init(rules: RuleSet) {
        self.rules = rules
        // Loose matching (case, spaces) only where it is unambiguous: `ab` and `AB` can be two items.
        var h: [String: Int] = [:]
        var clash = Set<String>()
        for (header, item) in rules.itemColumns {
            let key = AssessmentMapper.normaliseHeader(header)
            if let other = h[key], other != item { clash.insert(key) } else { h[key] = item }
        }
        for key in clash { h[key] = nil }
        itemHeaders = h
    }

    /// The item a column header or answer key names: exactly as declared, else loosely.
    func item(named header: String) -> Int? {
        rules.itemColumns[header] ?? itemHeaders[AssessmentMapper.normaliseHeader(header)]
    }

    static let personHeaders: [String: Role] = [
        "id": .id, "รหัส": .id, "เลขประจำตัว": .id,
        "name": .name, "ชื่อ": .name, "ชื่อ-สกุล": .name, "ชื่อ-นามสกุล": .name,
        "position": .position, "ตำแหน่ง": .position,
        "unit": .unit, "หน่วยงาน": .unit, "สังกัด": .unit,
        "group": .group, "กลุ่ม": .group, "กลุ่มภารกิจ": .group,
        "career_path": .careerPath, "เส้นทางความก้าวหน้า": .careerPath,
        "add": .add, "เพิ่ม": .add, "waive": .waive, "ยกเว้น": .waive,
        "has": .has, "มี": .has, "has_not": .hasNot, "ไม่มี": .hasNot,
    ]

    static func normaliseHeader(_ s: String) -> String { Assessments.normaliseHeader(s) }

    // MARK: CSV

    public struct Plan: Sendable {
        public var roles: [Role]
        public var headers: [String]
        /// Headers matched to nothing (reported once as a warning).
        public var unknown: [String]
    }

    public func plan(header: [String], file: String) -> Result<Plan, InputErrors> {
        var roles: [Role] = []
        var unknown: [String] = []
        var errors: [InputError] = []
        var seen: [Role: Int] = [:]
        for (k, raw) in header.enumerated() {
            let h = AssessmentMapper.normaliseHeader(raw)
            var role = Role.ignored
            if let r = AssessmentMapper.personHeaders[h] { role = r }
            else if let item = item(named: raw) { role = .item(item) }
            else if rules.inputColumns.contains(h) { role = .extra(h) }
            else if let g = workloadGroup(h) {
                if let gi = rules.groupByID[g] { role = .workload(gi) }
                else {
                    errors.append(InputError(file: file, row: 1, column: k + 1, columnName: raw,
                                             en: "unknown group `\(g)` in a workload column; the rule set has \(groupList)",
                                             th: "ไม่รู้จักกลุ่ม `\(g)` ในคอลัมน์สัดส่วนงาน ชุดกฎมีกลุ่ม \(groupList)"))
                }
            } else if !h.isEmpty { unknown.append(raw) }
            if role != .ignored {
                if let prior = seen[role] {
                    errors.append(InputError(file: file, row: 1, column: k + 1, columnName: raw,
                                             en: "this column means the same as column \(prior + 1) (`\(header[prior])`)",
                                             th: "คอลัมน์นี้ซ้ำกับคอลัมน์ \(prior + 1) (`\(header[prior])`)"))
                }
                seen[role] = k
            }
            roles.append(role)
        }
        if seen[.id] == nil {
            errors.append(InputError(file: file, row: 1, en: "there is no `id` column", th: "ไม่มีคอลัมน์ `id`"))
        }
        return errors.isEmpty ? .success(Plan(roles: roles, headers: header, unknown: unknown)) : .failure(InputErrors(errors))
    }

    func workloadGroup(_ h: String) -> String? {
        for prefix in ["workload_", "สัดส่วนงาน_"] where h.hasPrefix(prefix) {
            let code = String(h.dropFirst(prefix.count))
            // Group ids are matched case-insensitively in headers (they were lowercased).
            return rules.groupByID.keys.first { $0.lowercased() == code } ?? code
        }
        return nil
    }

    var groupList: String { rules.groups.map(\.entity.id).joined(separator: ", ") }

    public func map(_ record: CSVReader.Record, plan: Plan, file: String) -> Result<Assessment, InputErrors>? {
        if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }   // blank row
        var a = Assessment(id: "")
        var errors: [InputError] = []
        if record.fields.count > plan.roles.count {
            errors.append(InputError(file: file, row: record.row, column: plan.roles.count + 1,
                                     en: "the row has \(record.fields.count) fields but the header has \(plan.roles.count)",
                                     th: "แถวนี้มี \(record.fields.count) ช่อง แต่หัวตารางมี \(plan.roles.count) ช่อง"))
        }
        for (k, role) in plan.roles.enumerated() where k < record.fields.count {
            let v = record.fields[k]
            set(&a, role, .string(v), at: Place(file: file, row: record.row, column: k + 1, name: plan.headers[k]), &errors)
        }
        return finish(a, Place(file: file, row: record.row, column: 0, name: nil), idColumn: plan.roles.firstIndex(of: .id).map { $0 + 1 }, errors)
    }

    // MARK: JSON

    public func map(json: JSONValue, row: Int, file: String) -> Result<Assessment, InputErrors> {
        var a = Assessment(id: "")
        var errors: [InputError] = []
        guard case .object(let fields) = json else {
            return .failure(InputErrors([InputError(file: file, row: row, en: "each line must be a JSON object `{...}`", th: "แต่ละบรรทัดต้องเป็นออบเจกต์ JSON `{...}`")]))
        }
        for (key, value) in fields {
            let place = Place(file: file, row: row, column: 0, name: key)
            switch key {
            case "has" where !value.isObject:
                set(&a, .has, value, at: place, &errors)   // a list of items answered "have"
            case "answers", "has":
                guard case .object(let answers) = value else { errors.append(place.error("must be an object of item codes", "ต้องเป็นออบเจกต์ของรหัสรายการ")); continue }
                for (code, v) in answers {
                    let p = Place(file: file, row: row, column: 0, name: "\(key).\(code)")
                    guard let item = item(named: code) else {
                        errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                        continue
                    }
                    if a.answers[item] != nil {
                        errors.append(p.error("`\(code)` is answered twice", "`\(code)` ถูกตอบซ้ำ"))
                        continue
                    }
                    set(&a, .item(item), v, at: p, &errors)
                }
            case "workload":
                guard case .object(let shares) = value else { errors.append(place.error("must be an object of group shares", "ต้องเป็นออบเจกต์ของสัดส่วนแต่ละกลุ่ม")); continue }
                for (g, v) in shares {
                    let p = Place(file: file, row: row, column: 0, name: "workload.\(g)")
                    guard let gi = rules.groupByID[g] else {
                        errors.append(p.error("unknown group `\(g)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(g)` ชุดกฎมีกลุ่ม \(groupList)"))
                        continue
                    }
                    set(&a, .workload(gi), v, at: p, &errors)
                }
            default:
                if let role = AssessmentMapper.personHeaders[key] { set(&a, role, value, at: place, &errors) }
                else if rules.inputColumns.contains(AssessmentMapper.normaliseHeader(key)) {
                    set(&a, .extra(AssessmentMapper.normaliseHeader(key)), value, at: place, &errors)
                }
                // Other keys (e.g. an e-mail from the exporting system) are ignored.
            }
        }
        return finish(a, Place(file: file, row: row, column: 0, name: nil), idColumn: nil, errors) ?? .failure(InputErrors([]))
    }

    // MARK: values

    struct Place {
        var file: String
        var row: Int
        var column: Int
        var name: String?
        func error(_ en: String, _ th: String) -> InputError {
            InputError(file: file, row: row, column: column, columnName: name, en: en, th: th)
        }
    }

    func text(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        default: return nil
        }
    }

    func list(_ v: JSONValue) -> [String]? {
        if case .array(let items) = v { return items.compactMap(text) }
        return text(v).map { s in s.split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init) }
    }

    func set(_ a: inout Assessment, _ role: Role, _ value: JSONValue, at p: Place, _ errors: inout [InputError]) {
        // Fast path for answers, the bulk of every row: a word the scale accepts exactly as written.
        if case .item(let item) = role {
            let accepted = rules.scales[rules.items[item].scale].accepted
            switch value {
            case .bool(let b): if let level = accepted[b ? "true" : "false"] { a.answers[item] = level; return }
            case .string(let s): if let level = accepted[s] { a.answers[item] = level; return }
            default: break
            }
        }
        guard let raw = text(value) ?? ([.add, .waive, .has, .hasNot].contains(role) ? "" : nil) else {
            errors.append(p.error("must be text or a number", "ต้องเป็นข้อความหรือตัวเลข"))
            return
        }
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch role {
        case .ignored: break
        case .extra(let key): a.extra[key] = s
        case .id: a.id = s
        case .name: a.name = s
        case .position: a.position = s
        case .unit: a.unit = s
        case .group:
            guard !s.isEmpty else { return }
            if rules.groupByID[s] == nil {
                errors.append(p.error("unknown group `\(s)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(s)` ชุดกฎมีกลุ่ม \(groupList)"))
            }
            a.group = s
        case .careerPath:
            guard !s.isEmpty else { return }
            if rules.groupByID[s] == nil {
                errors.append(p.error("unknown group `\(s)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(s)` ชุดกฎมีกลุ่ม \(groupList)"))
            }
            a.careerPath = s
        case .add, .waive:
            for code in list(value) ?? [] {
                guard rules.itemColumns[code] != nil else {
                    errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                    continue
                }
                if role == .add { a.add.append(code) } else { a.waive.append(code) }
            }
        case .has, .hasNot:
            for code in list(value) ?? [] {
                guard let item = item(named: code) else {
                    errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                    continue
                }
                let scale = rules.scales[rules.items[item].scale]
                if a.answers[item] != nil {
                    errors.append(p.error("`\(code)` is answered twice", "`\(code)` ถูกตอบซ้ำ"))
                }
                a.answers[item] = role == .has ? scale.expect : (scale.levels.first?.value ?? 0)
            }
        case .workload(let g):
            guard !s.isEmpty else { return }
            let digits = s.hasSuffix("%") ? String(s.dropLast()) : s
            guard let share = Rational(parsing: digits), share >= .zero, share <= .hundred else {
                errors.append(p.error("`\(s)` is not a workload share (a number from 0 to 100)", "`\(s)` ไม่ใช่สัดส่วนงาน (ตัวเลข 0 ถึง 100)"))
                return
            }
            if share > .zero { a.workload.append((rules.groups[g].entity.id, share)) }
        case .item(let item):
            guard !s.isEmpty else { return }
            let scale = rules.scales[rules.items[item].scale]
            let key = Assessments.normaliseAnswer(s)
            if let level = scale.accepted[key] { a.answers[item] = level; return }
            let words = scale.levels.flatMap { l in [l.title.th] + l.accepts }
            var seen = Set<String>()
            let expected = words.filter { seen.insert($0).inserted }.joined(separator: ", ")
            errors.append(p.error("`\(s)` is not an answer for `\(rules.items[item].entity.id)`; expected one of: \(expected)",
                                  "`\(s)` ไม่ใช่คำตอบของ `\(rules.items[item].entity.id)` ใช้ได้: \(expected)"))
        }
    }

    func finish(_ a: Assessment, _ p: Place, idColumn: Int?, _ errors: [InputError]) -> Result<Assessment, InputErrors>? {
        var errors = errors
        if a.id.isEmpty {
            errors.insert(InputError(file: p.file, row: p.row, column: idColumn ?? 0, columnName: "id",
                                     en: "the id is missing", th: "ไม่มีรหัส (id)"), at: 0)
        }
        return errors.isEmpty ? .success(a) : .failure(InputErrors(errors))
    }
}

import Foundation
