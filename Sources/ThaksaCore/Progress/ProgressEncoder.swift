/// Writes `thaksa progress` results: one JSON Lines object, CSV row or text block per person
/// (schema in docs/results.md). Keys keep a fixed order, so output is byte-deterministic.
public struct ProgressEncoder: Sendable {
    public let rules: RuleSet
    public let lang: Language
    let results: ResultEncoder
    /// Numeric scores, reported before / after / change.
    let numberSlots: [Int]

    public init(rules: RuleSet, lang: Language = .en) {
        self.rules = rules
        self.lang = lang
        results = ResultEncoder(rules: rules, lang: lang)
        numberSlots = rules.computed.indices.filter { rules.computed[$0].isOutputScore && rules.computed[$0].type == .number }
    }

    func code(_ item: Int) -> String { rules.items[item].entity.id }
    func group(_ r: PersonResult?) -> String? { r.map { rules.groups[$0.group].entity.id } }
    func band(_ r: PersonResult?) -> String? { r.flatMap { rules.bands.isEmpty ? nil : results.bandCase($0, 0)?.entity.id } }

    func number(_ r: PersonResult?, _ slot: Int) -> Rational? {
        guard let r, case .number(let n) = r.values[slot] else { return nil }
        return n
    }

    /// after − before, when both are known.
    func change(_ p: PersonProgress, _ slot: Int) -> Rational? {
        guard let b = number(p.before, slot), let a = number(p.after, slot) else { return nil }
        return a - b
    }

    /// Whether the plan item's gap is closed: nil when the item was not a gap before, or the person
    /// was not assessed again.
    func gapClosed(_ p: PersonProgress, _ item: Int) -> Bool? {
        guard p.beforeGaps.contains(item), p.after != nil else { return nil }
        return p.closedGaps.contains(item)
    }

    // MARK: JSON Lines

    public func json(_ p: PersonProgress) -> JSONValue {
        let opt = { (s: String?) in s.map(JSONValue.string) ?? .null }
        let codes = { (items: [Int]) in JSONValue.array(items.map { .string(code($0)) }) }
        let num = { (r: Rational?) in r.map { JSONValue.number($0.description) } ?? .null }
        let scores: [(String, JSONValue)] = numberSlots.map { s in
            (rules.computed[s].entity.id, .object([("before", num(number(p.before, s))), ("after", num(number(p.after, s))), ("change", num(change(p, s)))]))
        }
        let plan: [JSONValue] = p.plan.map { item in
            let o = p.outcomes[item]
            return .object([("item", .string(code(item))), ("title", .string(rules.items[item].entity.title.text(lang))),
                            ("outcome", o.map { .string($0.outcome.key) } ?? .null),
                            ("note", o.map { .string($0.note) } ?? .null), ("suggestion", o.map { .string($0.suggestion) } ?? .null),
                            ("was_gap", .bool(p.beforeGaps.contains(item))),
                            ("gap_closed", gapClosed(p, item).map(JSONValue.bool) ?? .null)])
        }
        let progress: [(String, JSONValue)] = p.after.map { r in
            rules.progress.enumerated().map { i, def in (def.entity.id, i < r.progress.count ? results.json(r.progress[i], def.type) : .null) }
        } ?? []
        return .object([
            ("id", .string(p.id)), ("name", .string(p.name)), ("unit", .string(p.unit)), ("status", .string(p.status.rawValue)),
            ("group_before", opt(group(p.before))), ("group_after", opt(group(p.after))), ("group_changed", .bool(p.groupChanged)),
            ("band_before", opt(band(p.before))), ("band_after", opt(band(p.after))),
            ("closed_gaps", codes(p.closedGaps)), ("new_gaps", codes(p.newGaps)), ("remaining_gaps", codes(p.remainingGaps)),
            ("scores", .object(scores)),
            ("plan_source", p.before == nil ? .null : .string(p.planAgreed ? "agreed" : "draft")),
            ("plan", .array(plan)),
            ("progress", p.after == nil ? .null : .object(progress)),
        ])
    }

    public func jsonLine(_ p: PersonProgress) -> String { json(p).serialized() + "\n" }

    // MARK: CSV

    public var csvHeader: String {
        var h = ["id", "name", "unit", "status", "group_before", "group_after", "group_changed", "band_before", "band_after",
                 "closed_gaps", "new_gaps", "remaining_gaps"]
        for s in numberSlots { let n = rules.computed[s].entity.id; h += [n + "_before", n + "_after", n + "_change"] }
        h += ["plan", "plan_source", "plan_outcomes"] + rules.progress.map { "progress_" + $0.entity.id }
        return "\u{FEFF}" + h.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    public func csvRow(_ p: PersonProgress) -> String {
        let list = { (items: [Int]) in items.map(code).joined(separator: "; ") }
        var cells = [p.id, p.name, p.unit, p.status.rawValue, group(p.before) ?? "", group(p.after) ?? "", p.groupChanged ? "true" : "false",
                     band(p.before) ?? "", band(p.after) ?? "", list(p.closedGaps), list(p.newGaps), list(p.remainingGaps)]
        for s in numberSlots { cells += [number(p.before, s)?.description ?? "", number(p.after, s)?.description ?? "", change(p, s)?.description ?? ""] }
        cells += [list(p.plan), p.before == nil ? "" : (p.planAgreed ? "agreed" : "draft"),
                  p.plan.map { code($0) + ": " + (p.outcomes[$0]?.outcome.key ?? "-") }.joined(separator: "; ")]
        cells += rules.progress.indices.map { i in
            guard let r = p.after, i < r.progress.count else { return "" }
            return ProgressEncoder.plain(results.json(r.progress[i], rules.progress[i].type))
        }
        return cells.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    static func plain(_ v: JSONValue) -> String {
        switch v {
        case .string(let s), .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    // MARK: text

    public func text(_ p: PersonProgress) -> String {
        let th = lang == .th
        let status: [PersonProgress.Status: (String, String)] = [
            .both: ("assessed in both rounds", "ประเมินทั้งสองรอบ"), .before_only: ("assessed in the BEFORE round only", "ประเมินเฉพาะรอบก่อน"),
            .after_only: ("assessed in the AFTER round only", "ประเมินเฉพาะรอบหลัง")]
        var out = "\(p.id)  \(p.name)  \(p.unit)\n"
        func line(_ en: String, _ thai: String, _ value: String) { out += "  " + (th ? thai : en).padded(16) + value + "\n" }
        line("status", "สถานะ", th ? status[p.status]!.1 : status[p.status]!.0)
        let g = (group(p.before) ?? "-") + " → " + (group(p.after) ?? "-")
        line("group", "กลุ่มภารกิจ", g + (p.groupChanged ? (th ? "  (เปลี่ยนกลุ่ม: เทียบจากรายการของทั้งสองกลุ่ม)" : "  (group changed: compared on both groups' lists)") : ""))
        let bandTitle = { (r: PersonResult?) in r.flatMap { rules.bands.isEmpty ? nil : results.bandCase($0, 0)?.entity.title.text(lang) } ?? "-" }
        line("band", "ระดับความพร้อม", bandTitle(p.before) + " → " + bandTitle(p.after))
        let list = { (items: [Int]) in items.isEmpty ? "-" : items.map(code).joined(separator: ", ") }
        line("gaps closed", "จุดที่พัฒนาแล้ว", list(p.closedGaps))
        line("new gaps", "จุดที่ต้องพัฒนาใหม่", list(p.newGaps))
        line("gaps remaining", "จุดที่ยังต้องพัฒนา", list(p.remainingGaps))
        for s in numberSlots {
            let def = rules.computed[s]
            let value = (number(p.before, s)?.description ?? "-") + " → " + (number(p.after, s)?.description ?? "-")
                + (change(p, s).map { " (" + ($0 < .zero ? "" : "+") + $0.description + ")" } ?? "")
            line(def.entity.title.text(lang), def.entity.title.text(lang), value)
        }
        if p.before != nil {
            line("plan", "แผนพัฒนา (IDP1)", p.plan.isEmpty ? "-" : (p.planAgreed ? (th ? "ตามที่ตกลงกัน" : "as agreed") : (th ? "ร่างจากระบบ" : "the draft")))
            for (k, item) in p.plan.enumerated() {
                let o = p.outcomes[item].map { th ? $0.outcome.thai : $0.outcome.english } ?? (th ? "ยังไม่บันทึกผล" : "no outcome recorded")
                let closed = gapClosed(p, item).map { $0 ? (th ? "ปิดจุดที่ต้องพัฒนาแล้ว" : "gap closed") : (th ? "ยังเป็นจุดที่ต้องพัฒนา" : "gap not closed") }
                out += "    \(k + 1). \(code(item)) \(rules.items[item].entity.title.text(lang)): \(o)" + (closed.map { " · " + $0 } ?? "") + "\n"
            }
        }
        if let r = p.after {
            for (i, def) in rules.progress.enumerated() where i < r.progress.count {
                let value: String
                if case .bool(let b) = r.progress[i] { value = b ? (th ? "ใช่" : "yes") : (th ? "ไม่ใช่" : "no") }
                else { value = ProgressEncoder.plain(results.json(r.progress[i], def.type)) }
                line(def.entity.title.text(lang), def.entity.title.text(lang), value)
            }
        }
        return out + "\n"
    }
}
