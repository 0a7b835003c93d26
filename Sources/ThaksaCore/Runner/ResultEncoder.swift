/// Writes one person's result as a JSON Lines object, a CSV row or a text block. The JSON schema
/// is documented in docs/results.md and guarded by a golden test; keys keep a fixed order.
public struct ResultEncoder: Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv, text }

    public let rules: RuleSet
    public let lang: Language
    /// Digits of numbers in the CSV and text forms (JSON Lines always has 0-9).
    public let digits: Digits
    /// `--compact`: JSON Lines records in the lean form (CompactEncoder.swift).
    public let compact: Bool
    let gapsSlot: Int?
    let scoreSlots: [Int]
    /// Score families that are output, in declaration order.
    let familySlots: [Int]
    let fragments: Fragments

    public init(rules: RuleSet, lang: Language = .en, digits: Digits = .arabic, compact: Bool = false) {
        self.rules = rules
        self.lang = lang
        self.digits = digits
        self.compact = compact
        gapsSlot = rules.computed.firstIndex { $0.isList && $0.entity.id == "gaps" && $0.type == .list(.requirement) }
        scoreSlots = rules.computed.indices.filter { rules.computed[$0].isOutputScore }
        familySlots = rules.computed.indices.filter { rules.computed[$0].isOutputFamily }
        gapFields = gapsSlot.map { rules.computed[$0].fields } ?? []
        fragments = Fragments(rules, lang, scoreSlots: scoreSlots, defaults: ResultEncoder.defaultLists(rules))
    }

    /// The `with` fields of the reported gaps (none without a `gaps` list that has them).
    let gapFields: [ListField]

    /// Family `slot`'s value for member `k`.
    public func member(_ r: PersonResult, _ slot: Int, _ k: Int) -> Value {
        if case .values(let vs) = r.values[slot], k < vs.count { return vs[k] }
        return .bool(false)
    }

    /// The members of family `slot`: (code, title).
    func members(_ slot: Int) -> [Entity] { rules.computed[slot].family.map(rules.members) ?? [] }

    func write(_ v: Value, _ type: ValueType, into w: inout ByteWriter) {
        switch v {
        case .number(let n): w.number(n)
        case .bool(let b): if b { w.raw("true") } else { w.raw("false") }
        case .text(let t): w.string(t)
        case .entity(let e):
            if case .scalar(.entity(let kind)) = type { w.string(entityID(kind, e)) } else { w.raw("null") }
        default: w.raw("null")
        }
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

    /// One person's JSON Lines record (the lean form when `compact`).
    public func jsonLine(_ r: PersonResult, name: String, into w: inout ByteWriter) {
        if compact { return compactLine(r, into: &w) }
        let f = fragments, a = f.arena
        w.raw("{\"id\":"); w.string(r.id)
        w.raw(",\"name\":"); w.string(name)
        w.raw(",\"position\":"); w.string(r.position)
        w.raw(",\"unit\":"); w.string(r.unit)
        w.raw(",\"group\":"); w.raw(f.group[r.group], a)
        w.raw(",\"group_reason\":"); w.raw(f.reason[Fragments.index(r.groupReason)], a)
        combinedGroups(r, into: &w)
        r.requirements.withUnsafeBufferPointer { reqs in
            w.raw(",\"required\":"); itemCodes(reqs, 0..<r.requiredCount, into: &w)
            w.raw(",\"upcoming\":"); itemCodes(reqs, r.requiredCount..<reqs.count, into: &w)
            w.raw(",\"gaps\":[")
            let fields = gapFields
            let fieldValues = fields.isEmpty ? nil : gapsSlot.flatMap { r.fieldValues[$0] }
            let gaps = gaps(r)
            for k in gaps.indices {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                let item = reqs[gaps[k]].item
                guard let fieldValues, k < fieldValues.count else { w.raw(f.itemObject[item], a); continue }
                // The list's `with` fields after the item's keys (their names cannot be item, kind or title).
                w.raw(f.itemHead[item], a)
                for (j, field) in fields.enumerated() {
                    w.byte(UInt8(ascii: ",")); w.string(field.entity.id); w.byte(UInt8(ascii: ":"))
                    write(fieldValues[k][j], field.type, into: &w)
                }
                w.byte(UInt8(ascii: "}"))
            }
            w.raw("],\"unanswered\":"); itemCodes(reqs, 0..<r.requiredCount, into: &w) { !$0.answered }
        }
        w.raw(",\"scores\":")
        scores(r, into: &w)
        families(r, into: &w)
        w.raw(",\"band\":")
        if rules.bands.isEmpty { w.raw("null") } else if let c = r.bands[0] { w.raw(f.bandCase[f.bandStart[0] + c], a) } else { w.raw("null") }
        w.raw(",\"bands\":")
        bands(r, into: &w)
        w.raw(",\"idp\":[")
        for k in r.idp.indices {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.idpHead[r.requirements[r.idp[k].requirement].item], a)
            w.fragments(r.idp[k].courses, of: f.course, offset: r.track.map { f.courseStart[$0] } ?? 0, a)
            w.raw("],\"methods\":[")
            w.fragments(r.idp[k].methods, of: f.method, a)
            // The IDP1 form's three columns (70 / 20 / 10, 001 L1647): the same methods by bucket.
            w.raw("],\"methods_by_bucket\":{")
            r.idp[k].methods.withUnsafeBufferPointer { ms in
                for b in f.bucketKey.indices {
                    if b > 0 { w.byte(UInt8(ascii: ",")) }
                    w.raw(f.bucketKey[b], a)
                    var first = true
                    for m in ms where f.methodBucket[m] == b {
                        if !first { w.byte(UInt8(ascii: ",")) }
                        first = false
                        w.raw(f.method[m], a)
                    }
                    w.byte(UInt8(ascii: "]"))
                }
            }
            w.raw("},")
            idpEntryEnd(r.idp[k], into: &w)
        }
        idpEnd(r, into: &w)
    }

    /// An IDP entry's `"quarter":…`, its field values and its closing brace (full and compact forms).
    func idpEntryEnd(_ e: IDPEntry, into w: inout ByteWriter) {
        let f = fragments
        w.raw("\"quarter\":")
        if let q = e.quarter { w.raw(f.quarter[q], f.arena) } else { w.raw("null") }
        if !e.fields.isEmpty { idpFieldValues(e, into: &w) }
        w.byte(UInt8(ascii: "}"))
    }

    /// The end of the IDP array, `idp_short` and the end of the line (full and compact forms).
    func idpEnd(_ r: PersonResult, into w: inout ByteWriter) {
        w.raw("],\"idp_short\":")
        if r.idp.count < fragments.idpMinItems { w.raw("true}\n") } else { w.raw("false}\n") }
    }

    /// `[code, …]` of the items of `reqs[range]` that `include` lets through.
    @inline(__always)
    func itemCodes(_ reqs: UnsafeBufferPointer<Requirement>, _ range: Range<Int>, into w: inout ByteWriter,
                   where include: (Requirement) -> Bool = { _ in true }) {
        let f = fragments
        w.byte(UInt8(ascii: "["))
        var first = true
        for k in range where include(reqs[k]) {
            if !first { w.byte(UInt8(ascii: ",")) }
            first = false
            w.raw(f.code[reqs[k].item], f.arena)
        }
        w.byte(UInt8(ascii: "]"))
    }

    /// `[code, …]` of items.
    func codes(_ items: some Sequence<Int>, into w: inout ByteWriter) {
        let f = fragments
        w.byte(UInt8(ascii: "["))
        separated(items, into: &w) { i, w in w.raw(f.code[i], f.arena) }
        w.byte(UInt8(ascii: "]"))
    }

    /// Each element written by `write`, with commas between.
    @inline(__always)
    func separated<S: Sequence>(_ elements: S, into w: inout ByteWriter, _ write: (S.Element, inout ByteWriter) -> Void) {
        var first = true
        for e in elements {
            if !first { w.byte(UInt8(ascii: ",")) }
            first = false
            write(e, &w)
        }
    }

    /// `,"groups":[…],"approved_by":…` for a combined assignment only: one-group records keep their bytes.
    func combinedGroups(_ r: PersonResult, into w: inout ByteWriter) {
        guard !r.groups.isEmpty else { return }
        let f = fragments
        w.raw(",\"groups\":[")
        separated(r.groups, into: &w) { g, w in w.raw(f.group[g], f.arena) }
        w.raw("],\"approved_by\":"); w.string(r.approvedBy)
    }

    /// `,"families":{family: {member: value, …}, …}`, only in rule sets with output families.
    func families(_ r: PersonResult, into w: inout ByteWriter) {
        guard !familySlots.isEmpty else { return }
        w.raw(",\"families\":{")
        for (k, s) in familySlots.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.string(rules.computed[s].entity.id); w.raw(":{")
            for (j, m) in members(s).enumerated() {
                if j > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(m.id); w.byte(UInt8(ascii: ":"))
                write(member(r, s, j), rules.computed[s].type, into: &w)
            }
            w.byte(UInt8(ascii: "}"))
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// `,"name":value` for each `with` field an IDP entry carries (those of the list it was picked from).
    func idpFieldValues(_ e: IDPEntry, into w: inout ByteWriter) {
        for (j, field) in idpFields(e).enumerated() where j < e.fields.count {
            w.byte(UInt8(ascii: ",")); w.string(field.entity.id); w.byte(UInt8(ascii: ":"))
            write(e.fields[j], field.type, into: &w)
        }
    }

    /// `{name: value, …}` of every output score.
    func scores(_ r: PersonResult, into w: inout ByteWriter) {
        let f = fragments
        w.byte(UInt8(ascii: "{"))
        r.values.withUnsafeBufferPointer { values in
            for k in scoreSlots.indices {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.scoreKey[k], f.arena)
                // Numbers and yes/no, the common values, without a detour through `write`.
                switch values[scoreSlots[k]] {
                case .number(let n): w.number(n)
                case .bool(let b): if b { w.raw("true") } else { w.raw("false") }
                case let v: write(v, f.scoreType[k], into: &w)
                }
            }
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// `{band: case | null, …}`
    func bands(_ r: PersonResult, into w: inout ByteWriter) {
        let f = fragments
        w.byte(UInt8(ascii: "{"))
        for b in f.bandKey.indices {
            if b > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.bandKey[b], f.arena)
            if let c = r.bands[b] { w.raw(f.bandCase[f.bandStart[b] + c], f.arena) } else { w.raw("null") }
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// JSON fragments that depend only on the rules, serialised once into one arena; the tables
    /// hold plain positions (no nested arrays), so writing one retains nothing.
    final class Fragments: Sendable {
        typealias Fragment = FragmentArena.Fragment
        let arena = FragmentArena()
        /// Per item: its code; `{"item":…,"kind":…,"title":…}`; that without its closing brace
        /// (gaps with fields); that followed by `,"courses":[` (IDP entries).
        let code: [Fragment], itemObject: [Fragment], itemHead: [Fragment], idpHead: [Fragment]
        let group: [Fragment]
        /// Per `GroupReason`, in the order of `index(_:)`.
        let reason: [Fragment]
        /// Per output score: `"name":`, and its type.
        let scoreKey: [Fragment], scoreType: [ValueType]
        let bandKey: [Fragment]
        /// Every band's case ids, band after band; band b's start at `bandStart[b]`.
        let bandCase: [Fragment], bandStart: [Int]
        /// Every track's course objects (full form) and ids (lean form), track after track.
        let course: [Fragment], courseID: [Fragment], courseStart: [Int]
        let method: [Fragment], methodBucket: [Int]
        let quarter: [Fragment]
        /// `"b70":[` per bucket
        let bucketKey: [Fragment]
        let idpMinItems: Int
        /// Per group: its requirement lists when the input adjusts nothing (the lean form).
        let defaults: [(required: [Int], upcoming: [Int])]

        static func index(_ reason: GroupReason) -> Int {
            switch reason {
            case .column: return 0
            case .workload: return 1
            case .career_path: return 2
            case .position: return 3
            }
        }

        init(_ rules: RuleSet, _ lang: Language, scoreSlots: [Int], defaults: [(required: [Int], upcoming: [Int])]) {
            let arena = self.arena
            func q(_ s: String) -> [UInt8] { ByteWriter.quoted(s) }
            func add(_ b: [UInt8]) -> Fragment { arena.add(b) }
            var code: [Fragment] = [], itemObject: [Fragment] = [], itemHead: [Fragment] = [], idpHead: [Fragment] = []
            for item in rules.items {
                let kind = item.kind >= 0 ? rules.kinds[item.kind].id : ""
                code.append(add(q(item.entity.id)))
                let head = Array("{\"item\":".utf8) + q(item.entity.id) + Array(",\"kind\":".utf8) + q(kind)
                    + Array(",\"title\":".utf8) + q(item.entity.title.text(lang))
                itemObject.append(add(head + [UInt8(ascii: "}")]))
                itemHead.append(add(head))
                idpHead.append(add(head + Array(",\"courses\":[".utf8)))
            }
            (self.code, self.itemObject, self.itemHead, self.idpHead) = (code, itemObject, itemHead, idpHead)
            group = rules.groups.map { add(q($0.entity.id)) }
            reason = [GroupReason.column, .workload, .career_path, .position].map { add(q($0.rawValue)) }
            scoreKey = scoreSlots.map { add(q(rules.computed[$0].entity.id) + [UInt8(ascii: ":")]) }
            scoreType = scoreSlots.map { rules.computed[$0].type }
            bandKey = rules.bands.map { add(q($0.entity.id) + [UInt8(ascii: ":")]) }
            bandStart = rules.bands.reduce(into: [0]) { $0.append($0.last! + $1.cases.count) }
            bandCase = rules.bands.flatMap { $0.cases.map { add(q($0.entity.id)) } }
            courseStart = rules.tracks.reduce(into: [0]) { $0.append($0.last! + $1.courses.count) }
            course = rules.tracks.flatMap { track in
                track.courses.map { c in
                    add(Array("{\"track\":".utf8) + q(track.entity.id) + Array(",\"id\":".utf8) + q(c.id)
                        + Array(",\"title\":".utf8) + q(c.title.text(lang)) + Array(",\"source\":".utf8)
                        + (c.source.map(q) ?? Array("null".utf8)) + [UInt8(ascii: "}")])
                }
            }
            courseID = rules.tracks.flatMap { $0.courses.map { add(q($0.id)) } }
            method = rules.methods.map { add(q($0.entity.id)) }
            methodBucket = rules.methods.map { $0.bucket ?? -1 }
            quarter = rules.quarters.map { add(q($0.entity.id)) }
            bucketKey = rules.buckets.map { add(q($0.entity.id) + Array(":[".utf8)) }
            idpMinItems = rules.idp?.minItems ?? 0
            self.defaults = defaults
            arena.seal()
        }
    }

    // MARK: CSV and text: for people, so titles in the chosen language rather than codes

    func item(_ i: Int) -> String { code(i) + " " + title(rules.items[i].entity.title) }
    func yesNo(_ b: Bool) -> String { lang == .th ? (b ? "ใช่" : "ไม่ใช่") : (b ? "yes" : "no") }
    func reasonText(_ r: GroupReason) -> String {
        switch r {
        case .column: return lang == .th ? "ระบุในข้อมูล" : "given in the input"
        case .workload: return lang == .th ? "สัดส่วนงานมากที่สุด" : "largest workload share"
        case .career_path: return lang == .th ? "เส้นทางความก้าวหน้า (สัดส่วนงานเท่ากัน)" : "career path, equal workload"
        case .position: return lang == .th ? "ตามตำแหน่ง" : "by position"
        }
    }
    func groupText(_ g: Int) -> String { title(rules.groups[g].entity.title) + " (" + rules.groups[g].entity.id + ")" }
    /// The person's group, or every group of a combined assignment joined by ` + `.
    func groupsText(_ r: PersonResult) -> String { r.allGroups.map(groupText).joined(separator: " + ") }
    /// Why the person is in their group(s), in words.
    func reasonText(_ r: PersonResult) -> String {
        guard !r.groups.isEmpty else { return reasonText(r.groupReason) }
        return (lang == .th ? "หลายกลุ่ม ผู้เห็นชอบ " : "combined, approved by ") + r.approvedBy
    }

    /// A score's value in words and the chosen digits.
    func valueText(_ r: PersonResult, _ s: Int) -> String { valueText(r.values[s], rules.computed[s].type) }

    func valueText(_ v: Value, _ type: ValueType) -> String {
        switch v {
        case .number(let n): return digits.apply(n.description)
        case .bool(let b): return yesNo(b)
        case .text(let t): return t
        case .entity(let e):
            if case .scalar(.entity(let k)) = type, e >= 0 {
                switch k {
                case .item: return item(e)
                case .group: return groupText(e)
                case .quarter: return title(rules.quarters[e].entity.title)
                case .method: return title(rules.methods[e].entity.title)
                case .bucket: return title(rules.buckets[e].entity.title)
                default: return entityID(k, e)
                }
            }
            return ""
        default: return ""
        }
    }

    func courseText(_ r: PersonResult, _ c: Int) -> String {
        let course = rules.tracks[r.track!].courses[c]
        return digits.apply(course.id) + " " + title(course.title)
    }

    public var csvHeader: String {
        let th = lang == .th
        var cols = th ? ["รหัส", "ชื่อ", "ตำแหน่ง", "หน่วยงาน", rules.groupTerm.th, "เหตุที่อยู่กลุ่มนี้"]
                      : ["id", "name", "position", "unit", rules.groupTerm.text(.en), "why this group"]
        cols.append(rules.bands.first.map { title($0.entity.title) } ?? (th ? "ระดับ" : "band"))
        cols += rules.bands.dropFirst().map { title($0.entity.title) }
        cols += scoreSlots.map { title(rules.computed[$0].entity.title) }
        cols += familyColumns.map { "\(title(rules.computed[$0.slot].entity.title)): \(title($0.member.title))" }
        cols += th ? ["จุดที่ต้องพัฒนา", "ยังไม่ได้ตอบ", "รายการในแผน IDP", "หลักสูตร", "วิธีการพัฒนา", "ไตรมาส"]
                   : ["gaps", "not answered", "IDP items", "courses", "methods", "quarters"]
        return "\u{FEFF}" + cols.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    public func csvRow(_ r: PersonResult, name: String) -> String {
        var fields = [r.id, name, r.position, r.unit, groupsText(r), reasonText(r),
                      rules.bands.isEmpty ? "" : (bandCase(r, 0).map { title($0.entity.title) } ?? "")]
        for b in rules.bands.indices.dropFirst() { fields.append(bandCase(r, b).map { title($0.entity.title) } ?? "") }
        fields += scoreSlots.map { valueText(r, $0) }
        fields += familyColumns.map { valueText(member(r, $0.slot, $0.index), rules.computed[$0.slot].type) }
        fields.append(gapTexts(r).joined(separator: "; "))
        fields.append(r.unanswered.map(item).joined(separator: "; "))
        fields.append(r.idp.map { itemWithFields(r.requirements[$0.requirement].item, idpFields($0), $0.fields) }.joined(separator: "; "))
        fields.append(perEntry(r, r.idp.contains { !$0.courses.isEmpty }) { e in e.courses.map { courseText(r, $0) }.joined(separator: ", ") })
        fields.append(perEntry(r, r.idp.contains { !$0.methods.isEmpty }) { e in
            e.methods.map { title(rules.methods[$0].entity.title) }.joined(separator: ", ")
        })
        fields.append(perEntry(r, !rules.quarters.isEmpty) { e in e.quarter.map { title(rules.quarters[$0].entity.title) } ?? "-" })
        return fields.map(ResultEncoder.csvField).joined(separator: ",") + "\r\n"
    }

    /// `DG100: …; DL300: …`, one fragment per IDP item; empty when `any` is false (a rule set
    /// without courses, methods or quarters, or a plan none of whose items has any), rather than
    /// a row of bare `C4_2: ; C1_2: ` labels.
    func perEntry(_ r: PersonResult, _ any: Bool, _ value: (IDPEntry) -> String) -> String {
        guard any else { return "" }
        return r.idp.map { code(r.requirements[$0.requirement].item) + ": " + value($0) }.joined(separator: "; ")
    }

    /// A column per member of each output family, in declaration order.
    var familyColumns: [(slot: Int, index: Int, member: Entity)] {
        familySlots.flatMap { s in members(s).enumerated().map { (s, $0.offset, $0.element) } }
    }

    /// The `with` fields an IDP entry carries: those of the list its pick took it from.
    func idpFields(_ e: IDPEntry) -> [ListField] {
        guard !e.fields.isEmpty, let policy = rules.idp, e.pick < policy.pickFields.count else { return [] }
        return policy.pickFields[e.pick]
    }

    /// An item with its fields as a person reads them: `code title (field title: value, …)`.
    func itemWithFields(_ item: Int, _ fields: [ListField], _ values: [Value]) -> String {
        guard !fields.isEmpty, !values.isEmpty else { return self.item(item) }
        return self.item(item) + " (" + zip(fields, values).map { title($0.entity.title) + ": " + valueText($1, $0.type) }.joined(separator: ", ") + ")"
    }

    /// The gaps as a person reads them: `code title`, with the list's fields: `(title: value, …)`.
    func gapTexts(_ r: PersonResult) -> [String] {
        let fields = gapFields
        let values = fields.isEmpty ? nil : gapsSlot.flatMap { r.fieldValues[$0] }
        return gaps(r).enumerated().map { k, g in
            guard let values, k < values.count else { return item(r.requirements[g].item) }
            return itemWithFields(r.requirements[g].item, fields, values[k])
        }
    }

    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: text

    public func text(_ r: PersonResult, name: String) -> String {
        let th = lang == .th
        var out = r.id + (name.isEmpty ? "" : "  " + name)
        let where_ = [r.position, r.unit].filter { !$0.isEmpty }.joined(separator: ", ")
        if !where_.isEmpty { out += " — " + where_ }
        out += "\n"
        let labels = th ? [rules.groupTerm.th, "จุดที่ต้องพัฒนา", "ยังไม่ได้ตอบ", "คะแนน", "ระดับ", "แผน IDP"]
                        : [rules.groupTerm.text(.en), "gaps", "not answered", "scores", "band", "IDP"]
        let width = labels.map(\.displayWidth).max()! + 2
        let indent = String(repeating: " ", count: 2 + width)
        func line(_ label: String, _ value: String) { out += "  " + label.padded(width) + value + "\n" }
        func more(_ value: String) { out += indent + value + "\n" }
        func list(_ label: String, _ values: [String]) {
            line(label, values.first ?? "-")
            for v in values.dropFirst() { more(v) }
        }
        line(labels[0], "\(groupsText(r)), \(reasonText(r))")
        list(labels[1], gapTexts(r))
        if !r.unanswered.isEmpty { list(labels[2], r.unanswered.map(item)) }
        list(labels[3], scoreSlots.map { title(rules.computed[$0].entity.title) + ": " + valueText(r, $0) }
             + familyColumns.map { "\(title(rules.computed[$0.slot].entity.title)) — \(title($0.member.title)): "
                                   + valueText(member(r, $0.slot, $0.index), rules.computed[$0.slot].type) })
        for b in rules.bands.indices {
            line(rules.bands.count == 1 ? labels[4] : title(rules.bands[b].entity.title), bandCase(r, b).map { title($0.entity.title) } ?? "-")
        }
        if r.idp.isEmpty { line(labels[5], "-") }
        for (k, e) in r.idp.enumerated() {
            let q = e.quarter.map { " — " + title(rules.quarters[$0].entity.title) } ?? ""
            let entry = digits.apply(String(k + 1)) + ". " + itemWithFields(r.requirements[e.requirement].item, idpFields(e), e.fields) + q
            if k == 0 { line(labels[5], entry) } else { more(entry) }
            for c in e.courses { more("   " + (th ? "หลักสูตร " : "course ") + courseText(r, c)) }
            if !e.methods.isEmpty {
                more("   " + (th ? "วิธีการ " : "methods ") + e.methods.map { title(rules.methods[$0].entity.title) }.joined(separator: ", "))
            }
        }
        return out + "\n"
    }
}


import Foundation
