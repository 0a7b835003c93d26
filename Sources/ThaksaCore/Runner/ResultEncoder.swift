/// Writes one person's result as a JSON Lines object, a CSV row or a text block. The JSON schema
/// is documented in docs/results.md and guarded by a golden test; keys keep a fixed order.
public struct ResultEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv, text }

    public let rules: RuleSet
    public let lang: Language
    let gapsSlot: Int?
    let scoreSlots: [Int]
    let fragments: Fragments

    public init(rules: RuleSet, lang: Language = .en) {
        self.rules = rules
        self.lang = lang
        gapsSlot = rules.computed.firstIndex { $0.isList && $0.entity.id == "gaps" && $0.type == .list(.requirement) }
        scoreSlots = rules.computed.indices.filter { rules.computed[$0].isOutputScore }
        fragments = ResultEncoder.fragments(rules, lang, scoreSlots: scoreSlots)
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
        case .outcome: return IDPOutcome(rawValue: i)?.key ?? ""
        default: return String(i)
        }
    }

    /// One person's result as a JSON Lines record (docs/results.md).
    public func jsonLine(_ r: PersonResult, name: String) -> [UInt8] {
        var w = ByteWriter(capacity: 2048)
        jsonLine(r, name: name, into: &w)
        return w.bytes
    }

    public func jsonLine(_ r: PersonResult, name: String, into w: inout ByteWriter) {
        let f = fragments
        w.raw("{\"id\":"); w.string(r.id)
        w.raw(",\"name\":"); w.string(name)
        w.raw(",\"position\":"); w.string(r.position)
        w.raw(",\"unit\":"); w.string(r.unit)
        w.raw(",\"group\":"); w.raw(f.group[r.group])
        w.raw(",\"group_reason\":"); w.raw(f.reason[r.groupReason]!)
        func codes(_ items: some Sequence<Int>) {
            w.byte(UInt8(ascii: "["))
            var first = true
            for i in items {
                if !first { w.byte(UInt8(ascii: ",")) }
                first = false
                w.raw(f.code[i])
            }
            w.byte(UInt8(ascii: "]"))
        }
        w.raw(",\"required\":"); codes(r.required.lazy.map(\.item))
        w.raw(",\"upcoming\":"); codes(r.requirements[r.requiredCount...].lazy.map(\.item))
        w.raw(",\"gaps\":["); 
        for (k, g) in gaps(r).enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.itemObject[r.requirements[g].item])
        }
        w.raw("],\"unanswered\":"); codes(r.required.lazy.filter { !$0.answered }.map(\.item))
        w.raw(",\"scores\":{")
        for (k, s) in scoreSlots.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.scoreKey[k])
            switch r.values[s] {
            case .number(let n): w.number(n)
            case .bool(let b): if b { w.raw("true") } else { w.raw("false") }
            case .text(let t): w.string(t)
            case .entity(let e):
                if case .scalar(.entity(let kind)) = rules.computed[s].type { w.string(entityID(kind, e)) } else { w.raw("null") }
            default: w.raw("null")
            }
        }
        w.raw("},\"band\":")
        if rules.bands.isEmpty { w.raw("null") } else if let c = r.bands[0] { w.raw(f.bandCase[0][c]) } else { w.raw("null") }
        w.raw(",\"bands\":{")
        for b in rules.bands.indices {
            if b > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.bandKey[b])
            if let c = r.bands[b] { w.raw(f.bandCase[b][c]) } else { w.raw("null") }
        }
        w.raw("},\"idp\":[")
        for (k, e) in r.idp.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.idpHead[r.requirements[e.requirement].item])
            for (j, c) in e.courses.enumerated() {
                if j > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.course[r.track!][c])
            }
            w.raw("],\"methods\":[")
            for (j, m) in e.methods.enumerated() {
                if j > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.method[m])
            }
            // The IDP1 form's three columns (70 / 20 / 10, 001 L1647): the same methods by bucket.
            w.raw("],\"methods_by_bucket\":{")
            for (b, key) in f.bucketKey.enumerated() {
                if b > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(key)
                var first = true
                for m in e.methods where rules.methods[m].bucket == b {
                    if !first { w.byte(UInt8(ascii: ",")) }
                    first = false
                    w.raw(f.method[m])
                }
                w.byte(UInt8(ascii: "]"))
            }
            w.raw("},\"quarter\":")
            if let q = e.quarter { w.raw(f.quarter[q]) } else { w.raw("null") }
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"idp_short\":")
        if r.idp.count < (rules.idp?.minItems ?? 0) { w.raw("true}\n") } else { w.raw("false}\n") }
    }

    /// JSON fragments that depend only on the rules, serialised once.
    struct Fragments: Sendable {
        var code: [[UInt8]] = []
        var itemObject: [[UInt8]] = []
        var idpHead: [[UInt8]] = []
        var group: [[UInt8]] = []
        var reason: [GroupReason: [UInt8]] = [:]
        var scoreKey: [[UInt8]] = []
        var bandKey: [[UInt8]] = []
        var bandCase: [[[UInt8]]] = []
        var course: [[[UInt8]]] = []
        var method: [[UInt8]] = []
        var quarter: [[UInt8]] = []
        /// `"b70":[` per bucket
        var bucketKey: [[UInt8]] = []
    }

    static func fragments(_ rules: RuleSet, _ lang: Language, scoreSlots: [Int]) -> Fragments {
        var f = Fragments()
        let q = ByteWriter.quoted
        for (i, item) in rules.items.enumerated() {
            let kind = item.kind >= 0 ? rules.kinds[item.kind].id : ""
            f.code.append(q(item.entity.id))
            let head = Array("{\"item\":".utf8) + q(item.entity.id) + Array(",\"kind\":".utf8) + q(kind)
                + Array(",\"title\":".utf8) + q(item.entity.title.text(lang))
            f.itemObject.append(head + [UInt8(ascii: "}")])
            f.idpHead.append(head + Array(",\"courses\":[".utf8))
            _ = i
        }
        f.group = rules.groups.map { q($0.entity.id) }
        for reason in [GroupReason.column, .workload, .career_path, .position] { f.reason[reason] = q(reason.rawValue) }
        f.scoreKey = scoreSlots.map { q(rules.computed[$0].entity.id) + [UInt8(ascii: ":")] }
        f.bandKey = rules.bands.map { q($0.entity.id) + [UInt8(ascii: ":")] }
        f.bandCase = rules.bands.map { $0.cases.map { q($0.entity.id) } }
        f.course = rules.tracks.map { track in
            track.courses.map { c in
                Array("{\"track\":".utf8) + q(track.entity.id) + Array(",\"id\":".utf8) + q(c.id)
                    + Array(",\"title\":".utf8) + q(c.title.text(lang)) + Array(",\"source\":".utf8)
                    + (c.source.map(q) ?? Array("null".utf8)) + [UInt8(ascii: "}")]
            }
        }
        f.method = rules.methods.map { q($0.entity.id) }
        f.quarter = rules.quarters.map { q($0.entity.id) }
        f.bucketKey = rules.buckets.map { q($0.entity.id) + Array(":[".utf8) }
        return f
    }

    // MARK: CSV

    public var csvHeader: String {
        // `band` is the first band; a second or later band gets a column named after it.
        let cols = ["id", "name", "position", "unit", "group", "group_reason", "band"] + rules.bands.dropFirst().map(\.entity.id)
            + scoreSlots.map { rules.computed[$0].entity.id }
            + ["gaps", "unanswered", "idp", "idp_courses", "idp_methods", "idp_quarters"]
        return "\u{FEFF}" + cols.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    public func csvRow(_ r: PersonResult, name: String) -> String {
        var fields = [r.id, name, r.position, r.unit, rules.groups[r.group].entity.id, r.groupReason.rawValue,
                      rules.bands.isEmpty ? "" : (bandCase(r, 0)?.entity.id ?? "")]
        for b in rules.bands.indices.dropFirst() { fields.append(bandCase(r, b)?.entity.id ?? "") }
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
        line("gaps", "จุดที่ต้องพัฒนา", gapList.isEmpty ? "-" : gapList.joined(separator: ", "))
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
        for (b, band) in rules.bands.enumerated() {
            // With several bands each line is labelled by its band's title (its name if untitled).
            let t = band.entity.title.th.isEmpty ? band.entity.id : band.entity.title.text(lang)
            let label = rules.bands.count > 1 ? (t + ":", t + ":") : ("band", "ระดับ")
            line(label.0, label.1, bandCase(r, b).map { "\($0.entity.id) \(title($0.entity.title))" } ?? "-")
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
