/// Writes one person's result as a JSON Lines object, a CSV row or a text block. The JSON schema
/// is documented in docs/results.md and guarded by a golden test; keys keep a fixed order.
public struct ResultEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv, text }

    public let rules: RuleSet
    public let lang: Language
    let gapsSlot: Int?
    let scoreSlots: [Int]

    public init(rules: RuleSet, lang: Language = .en) {
        self.rules = rules
        self.lang = lang
        gapsSlot = rules.computed.firstIndex { $0.isList && $0.entity.id == "gaps" && $0.type == .list(.requirement) }
        scoreSlots = rules.computed.indices.filter { !rules.computed[$0].isList }
    }

    /// The requirements reported as gaps: the rule set's `gaps` list, else those answered and not held.
    public func gaps(_ r: PersonResult) -> [Int] {
        if let g = gapsSlot { return r.values[g].indices }
        return r.required.indices.filter { r.requirements[$0].answered && !r.requirements[$0].held }
    }

    func code(_ item: Int) -> String { rules.items[item].entity.id }
    func kind(_ item: Int) -> String { rules.items[item].kind >= 0 ? rules.kinds[rules.items[item].kind].id : "" }
    func title(_ t: LocalizedText) -> String { t.text(lang) }

    public func bandCase(_ r: PersonResult, _ b: Int) -> BandCaseDef? { r.bands[b].map { rules.bands[b].cases[$0] } }

    func json(_ v: Value, _ type: ValueType) -> JSONValue {
        switch (v, type) {
        case (.number(let n), _): return .number(n.description)
        case (.bool(let b), _): return .bool(b)
        case (.text(let s), _): return .string(s)
        case (.entity(let e), .scalar(.entity(let k))): return .string(entityID(k, e))
        default: return .null
        }
    }

    func entityID(_ k: EntityKind, _ i: Int) -> String {
        guard i >= 0 else { return "" }
        switch k {
        case .kind: return rules.kinds[i].id
        case .item: return rules.items[i].entity.id
        case .group: return rules.groups[i].entity.id
        case .phase: return rules.phases[i].id
        case .track: return rules.tracks[i].entity.id
        case .skillset: return rules.skillsets[i].id
        case .dimension: return rules.dimensions[i].id
        case .quarter: return rules.quarters[i].entity.id
        case .method: return rules.methods[i].entity.id
        case .bucket: return rules.buckets[i].entity.id
        default: return String(i)
        }
    }

    public func jsonObject(_ r: PersonResult, name: String) -> JSONValue {
        let required = r.required.map { JSONValue.string(code($0.item)) }
        let upcoming = r.requirements[r.requiredCount...].map { JSONValue.string(code($0.item)) }
        let gapObjects = gaps(r).map { i -> JSONValue in
            let item = r.requirements[i].item
            return .object([("item", .string(code(item))), ("kind", .string(kind(item))), ("title", .string(title(rules.items[item].entity.title)))])
        }
        var scores: [(String, JSONValue)] = []
        for s in scoreSlots { scores.append((rules.computed[s].entity.id, json(r.values[s], rules.computed[s].type))) }
        var bands: [(String, JSONValue)] = []
        for (b, band) in rules.bands.enumerated() {
            bands.append((band.entity.id, bandCase(r, b).map { .string($0.entity.id) } ?? .null))
        }
        let idp = r.idp.map { e -> JSONValue in
            let item = r.requirements[e.requirement].item
            let courses = e.courses.map { c -> JSONValue in
                let course = rules.tracks[r.track!].courses[c]
                return .object([("track", .string(rules.tracks[r.track!].entity.id)), ("id", .string(course.id)),
                                ("title", .string(title(course.title))), ("source", course.source.map(JSONValue.string) ?? .null)])
            }
            return .object([("item", .string(code(item))), ("kind", .string(kind(item))), ("title", .string(title(rules.items[item].entity.title))),
                            ("courses", .array(courses)), ("methods", .array(e.methods.map { .string(rules.methods[$0].entity.id) })),
                            ("quarter", e.quarter.map { .string(rules.quarters[$0].entity.id) } ?? .null)])
        }
        return .object([
            ("id", .string(r.id)), ("name", .string(name)), ("position", .string(r.position)), ("unit", .string(r.unit)),
            ("group", .string(rules.groups[r.group].entity.id)), ("group_reason", .string(r.groupReason.rawValue)),
            ("required", .array(required)), ("upcoming", .array(Array(upcoming))),
            ("gaps", .array(gapObjects)), ("unanswered", .array(r.unanswered.map { .string(code($0)) })),
            ("scores", .object(scores)), ("band", rules.bands.isEmpty ? .null : bands[0].1), ("bands", .object(bands)),
            ("idp", .array(idp)), ("idp_short", .bool(r.idp.count < (rules.idp?.minItems ?? 0))),
        ])
    }

    public func jsonLine(_ r: PersonResult, name: String) -> String { jsonObject(r, name: name).serialized() + "\n" }

    // MARK: CSV

    public var csvHeader: String {
        let cols = ["id", "name", "position", "unit", "group", "group_reason", "band"] + scoreSlots.map { rules.computed[$0].entity.id }
            + ["gaps", "unanswered", "idp", "idp_courses", "idp_methods", "idp_quarters"]
        return "\u{FEFF}" + cols.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    public func csvRow(_ r: PersonResult, name: String) -> String {
        var fields = [r.id, name, r.position, r.unit, rules.groups[r.group].entity.id, r.groupReason.rawValue,
                      rules.bands.isEmpty ? "" : (bandCase(r, 0)?.entity.id ?? "")]
        for s in scoreSlots {
            switch json(r.values[s], rules.computed[s].type) {
            case .number(let n): fields.append(n)
            case .bool(let b): fields.append(b ? "true" : "false")
            case .string(let t): fields.append(t)
            default: fields.append("")
            }
        }
        fields.append(gaps(r).map { code(r.requirements[$0].item) }.joined(separator: "; "))
        fields.append(r.unanswered.map(code).joined(separator: "; "))
        fields.append(r.idp.map { code(r.requirements[$0.requirement].item) }.joined(separator: "; "))
        fields.append(r.idp.map { e in
            code(r.requirements[e.requirement].item) + ": " + e.courses.map { rules.tracks[r.track!].courses[$0].id }.joined(separator: ", ")
        }.joined(separator: "; "))
        fields.append(r.idp.map { e in
            code(r.requirements[e.requirement].item) + ": " + e.methods.map { rules.methods[$0].entity.id }.joined(separator: ", ")
        }.joined(separator: "; "))
        fields.append(r.idp.map { e in e.quarter.map { rules.quarters[$0].entity.id } ?? "" }.joined(separator: "; "))
        return fields.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: text

    public func text(_ r: PersonResult, name: String) -> String {
        let th = lang == .th
        let g = rules.groups[r.group]
        let reason: [GroupReason: (String, String)] = [.column: ("given in the input", "ระบุในข้อมูล"), .workload: ("largest workload share", "สัดส่วนงานมากที่สุด"),
                                                       .career_path: ("career path, equal workload", "เส้นทางความก้าวหน้า (สัดส่วนงานเท่ากัน)"),
                                                       .position: ("by position", "ตามตำแหน่ง")]
        var out = r.id + (name.isEmpty ? "" : "  " + name)
        let where_ = [r.position, r.unit].filter { !$0.isEmpty }.joined(separator: ", ")
        if !where_.isEmpty { out += " — " + where_ }
        out += "\n"
        func line(_ en: String, _ thai: String, _ value: String) { out += "  " + (th ? thai : en).padded(14) + value + "\n" }
        line("group", "กลุ่มภารกิจ", "\(g.entity.id) \(title(g.entity.title)) (\(th ? reason[r.groupReason]!.1 : reason[r.groupReason]!.0))")
        let gapList = gaps(r).map { code(r.requirements[$0].item) }
        line("gaps", "ช่องว่าง", gapList.isEmpty ? "-" : gapList.joined(separator: ", "))
        if !r.unanswered.isEmpty { line("unanswered", "ยังไม่ตอบ", r.unanswered.map(code).joined(separator: ", ")) }
        let scoreText = scoreSlots.map { s -> String in
            let v: String
            switch json(r.values[s], rules.computed[s].type) {
            case .number(let n): v = n
            case .bool(let b): v = th ? (b ? "ใช่" : "ไม่ใช่") : (b ? "yes" : "no")
            case .string(let t): v = t
            default: v = "-"
            }
            return "\(rules.computed[s].entity.id) \(v)"
        }
        if !scoreText.isEmpty { line("scores", "คะแนน", scoreText.joined(separator: " · ")) }
        for (b, _) in rules.bands.enumerated() {
            line("band", "ระดับ", bandCase(r, b).map { "\($0.entity.id) \(title($0.entity.title))" } ?? "-")
        }
        if r.idp.isEmpty { line("IDP", "แผน IDP", "-") }
        for (k, e) in r.idp.enumerated() {
            let item = r.requirements[e.requirement].item
            let q = e.quarter.map { " [\(rules.quarters[$0].entity.id)]" } ?? ""
            line(k == 0 ? "IDP" : "", k == 0 ? "แผน IDP" : "", "\(k + 1). \(code(item)) \(title(rules.items[item].entity.title))\(q)")
            for c in e.courses {
                let course = rules.tracks[r.track!].courses[c]
                out += String(repeating: " ", count: 19) + (th ? "หลักสูตร " : "course ") + "\(course.id) \(title(course.title))\n"
            }
            if !e.methods.isEmpty {
                out += String(repeating: " ", count: 19) + (th ? "วิธีการ " : "methods ") + e.methods.map { rules.methods[$0].entity.id }.joined(separator: ", ") + "\n"
            }
        }
        return out + "\n"
    }
}

extension String {
    /// Pads to a width counted in characters a person sees.
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}

import Foundation
