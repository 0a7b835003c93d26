/// `--show-columns`: how an input file's columns are read, before anything is scored.
public struct ColumnReport: Sendable {
    public var display: String
    public var format: (en: String, th: String)?
    public var rows: [(header: String, target: String, how: HeaderMatcher.How)] = []
    public var missing: [String] = []
    public var errors: [InputError] = []

    public static func make(path: String, display: String, rules: RuleSet, options: ScoreRunner.Options) -> ColumnReport {
        var report = ColumnReport(display: display)
        if ScoreRunner.isJSONLines(path) {
            report.format = ("JSON Lines (keys are read by name: id, name, position, unit, group, answers, workload)",
                             "JSON Lines (อ่านคีย์ตามชื่อ: id, name, position, unit, group, answers, workload)")
            return report
        }
        let mapper = AssessmentMapper(rules: rules, overrides: options.columns, allowUnmapped: options.allowUnmapped)
        var reader: TableReader
        do { reader = try TableReader(path: path, display: display, encoding: options.encoding, sheet: options.sheet) } catch {
            report.errors = [error]
            return report
        }
        report.format = (reader.describe(.en), reader.describe(.th))
        switch reader.next() {
        case .success(let header)?:
            let (plan, errors) = mapper.planWithErrors(header: header.fields, file: display)
            report.errors = errors
            for (k, role) in plan.roles.enumerated() {
                report.rows.append((plan.headers[k], ColumnReport.name(role, rules), plan.how[k]))
            }
            report.missing = plan.missing.map { rules.items[$0].entity.id }
        case .failure(let e)?: report.errors = [e]
        case nil: report.errors = [InputError(file: display, row: 0, en: "the file is empty", th: "ไฟล์ว่าง")]
        }
        return report
    }

    static func name(_ role: AssessmentMapper.Role, _ rules: RuleSet) -> String {
        switch role {
        case .id: return "id"
        case .name: return "name"
        case .position: return "position"
        case .unit: return "unit"
        case .group: return "group"
        case .careerPath: return "career_path"
        case .add: return "add"
        case .waive: return "waive"
        case .has: return "has"
        case .hasNot: return "has_not"
        case .approvedBy: return "approved_by"
        case .extra(let key): return "input(\"\(key)\")"
        case .workload(let g): return "workload_" + rules.groups[g].entity.id
        case .item(let i): return rules.items[i].entity.id
        case .ignored: return "-"
        }
    }

    public func text(_ lang: Language) -> String {
        let th = lang == .th
        var out = display + ": " + ((th ? format?.th : format?.en) ?? "") + "\n"
        for (k, r) in rows.enumerated() {
            let target = r.how == .unknown ? (th ? "(ไม่ตรงกับอะไร)" : "(nothing)") : r.target == "-" ? (th ? "(ข้าม)" : "(ignored)") : r.target
            out += (th ? "  คอลัมน์ \(k + 1) `\(r.header)` → \(target)" : "  column \(k + 1) `\(r.header)` → \(target)")
            out += " [" + ColumnReport.label(r.how, lang) + "]\n"
        }
        if !missing.isEmpty {
            out += (th ? "รายการที่กลุ่มใดกลุ่มหนึ่งกำหนด แต่ไม่มีคอลัมน์ (\(missing.count)): " : "Items some group requires that have no column (\(missing.count)): ")
                + InputLimits.list(missing, lang) + "\n"
        }
        for e in errors { out += (th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n" }
        return out
    }

    static func label(_ how: HeaderMatcher.How, _ lang: Language) -> String {
        let th: String
        switch how {
        case .code: th = "รหัสรายการ"
        case .alias: th = "ชื่อคอลัมน์ในกฎ (column)"
        case .title: th = "ชื่อรายการ"
        case .grid: th = "หัวตารางแบบตาราง Google Forms"
        case .codeInText: th = "รหัสรายการในข้อความ"
        case .person: th = "ข้อมูลบุคคล"
        case .metadata: th = "ข้อมูลประกอบ ไม่ใช้"
        case .override: th = "กำหนดด้วย column ในกฎ หรือ --column"
        case .input: th = "input() ในกฎ"
        case .workload: th = "สัดส่วนงาน"
        case .blank: th = "ไม่มีหัวคอลัมน์"
        case .unknown: th = "ไม่ตรงกับรายการหรือข้อมูลบุคคล"
        }
        let en: String
        switch how {
        case .alias: en = "column alias"
        case .title: en = "item title"
        case .grid: en = "Google Forms grid"
        case .codeInText: en = "item code in the text"
        case .person: en = "person field"
        case .metadata: en = "metadata, not used"
        case .input: en = "input() in the rules"
        case .blank: en = "no header"
        case .unknown: en = "matches no item or person field"
        case .code: en = "item code"
        case .override: en = "mapped by `column` in the rules or --column"
        case .workload: en = "workload"
        }
        return lang == .th ? th : en
    }
}
