/// Everything `thaksa diff` reports: the semantic changes and, with a population, their impact.
public struct DiffReport: Sendable {
    public var oldLabel: String
    public var newLabel: String
    public var old: RuleSet
    public var new: RuleSet
    public var changes: [RuleChange]
    public var impact: Impact?

    public init(oldLabel: String, newLabel: String, old: RuleSet, new: RuleSet, changes: [RuleChange], impact: Impact? = nil) {
        self.oldLabel = oldLabel
        self.newLabel = newLabel
        self.old = old
        self.new = new
        self.changes = changes
        self.impact = impact
    }

    /// People who change in any way (including failing under one rule set only); 0 without a population.
    public var peopleChanged: Int { impact?.changed.count ?? 0 }

    /// Where a change is, `file:line` in OLD and NEW.
    func places(_ c: RuleChange, _ lang: Language) -> String {
        var parts: [String] = []
        if let o = c.old { parts.append((lang == .th ? "เดิม " : "old ") + o.description) }
        if let n = c.new { parts.append((lang == .th ? "ใหม่ " : "new ") + n.description) }
        return parts.joined(separator: ", ")
    }

    /// One line saying what changed, with titles, in the chosen language.
    func describe(_ c: RuleChange, _ lang: Language) -> String {
        let th = lang == .th
        let verb: String
        switch c.kind {
        case .added: verb = th ? "เพิ่ม" : "added"
        case .removed: verb = th ? "ลบ" : "removed"
        case .retitled: verb = th ? "เปลี่ยนชื่อ" : "retitled"
        case .changed: verb = th ? "เปลี่ยน" : "changed"
        }
        var s = "\(verb) \(DiffReport.noun(c.subject, lang)) \(c.key)"
        if let t = c.title, c.kind != .retitled, t.th != c.key { s += " “\(t.text(lang))”" }
        if let a = c.aspect { s += " " + (th ? (DiffReport.aspectTH[a] ?? a) : a) + ":" }
        if c.kind == .changed || c.kind == .retitled {
            func shown(_ v: String?) -> String { v.flatMap { $0.isEmpty ? nil : $0 } ?? "—" }
            s += " " + shown(c.before) + " → " + shown(c.after)
        } else if let v = c.before ?? c.after {
            s += " (\(v))"
        }
        return s
    }

    static func noun(_ s: RuleChange.Subject, _ lang: Language) -> String {
        let names: [RuleChange.Subject: (String, String)] = [
            .ruleset: ("rule set", "ชุดกฎ"), .kind: ("kind", "ด้าน"), .scale: ("scale", "มาตรวัด"), .dimension: ("dimension", "มิติ"),
            .skillset: ("skill set", "ชุดทักษะ"), .item: ("item", "รายการ"), .phase: ("phase", "ระยะ"), .programme: ("programme", "แผนงาน"),
            .group: ("group", "กลุ่มภารกิจ"), .requirement: ("requirement", "รายการที่ต้องมี"), .position: ("position", "ตำแหน่ง"),
            .assignment: ("group assignment", "การกำหนดกลุ่ม"), .bucket: ("learning bucket", "สัดส่วนการเรียนรู้"),
            .method: ("learning method", "วิธีการเรียนรู้"), .quarter: ("quarter", "ไตรมาส"), .track: ("track", "เส้นทางการพัฒนา"),
            .course: ("course", "หลักสูตร"), .list: ("list", "รายการคำนวณ"), .score: ("score", "คะแนน"), .band: ("band", "ระดับ"),
            .bandCase: ("band case", "ช่วงระดับ"), .idp: ("IDP policy", "นโยบายแผนพัฒนารายบุคคล (IDP)"), .target: ("target", "ตัวชี้วัด"),
            .value: ("named value", "ค่าที่ตั้งชื่อ"),
        ]
        let n = names[s] ?? (s.rawValue, s.rawValue)
        return lang == .th ? n.1 : n.0
    }

    static let aspectTH: [String: String] = [
        "level": "ระดับ", "weight": "น้ำหนัก", "formula": "สูตร", "threshold": "เกณฑ์", "group": "กลุ่ม", "condition": "เงื่อนไข",
        "order": "ลำดับ", "serves": "รายการที่พัฒนา", "methods": "วิธีการเรียนรู้", "source": "แหล่งเรียนรู้", "share": "สัดส่วน",
        "bucket": "สัดส่วนการเรียนรู้", "months": "เดือน", "kind": "ด้าน", "scale": "มาตรวัด", "skillset": "ชุดทักษะ",
        "columns": "คอลัมน์", "topics": "หัวข้อย่อย", "role": "บทบาท", "track": "เส้นทางการพัฒนา", "groups": "กลุ่ม", "levels": "ระดับ",
        "expect": "ระดับที่คาดหวัง", "items": "จำนวนรายการ", "pick": "การเลือก", "courses": "จำนวนหลักสูตร", "schedule": "ไตรมาส",
        "settings": "ค่าที่กำหนด", "default": "ค่าเริ่มต้น",
        "measure": "การวัด", "goal": "เป้าหมาย", "year": "ปี", "score": "คะแนน", "ruleset": "ชุดกฎ",
        "current, next, split": "ระยะปัจจุบัน ระยะถัดไป สัดส่วน", "order, supervisor": "ลำดับ ผู้บังคับบัญชา",
        "section": "หมวด",
        "fields": "ฟิลด์ของสมาชิก", "per": "คะแนนรายส่วน",
    ]

    // MARK: titles for people

    func groupTitle(_ id: String, _ lang: Language) -> String {
        let g = (new.groupByID[id].map { new.groups[$0] } ?? old.groupByID[id].map { old.groups[$0] })
        return g.map { "\(id) (\($0.entity.title.text(lang)))" } ?? id
    }

    func itemTitle(_ id: String, _ lang: Language) -> String {
        let i = new.items.first { $0.entity.id == id } ?? old.items.first { $0.entity.id == id }
        return i.map { "\(id) (\($0.entity.title.text(lang)))" } ?? id
    }

    func caseTitle(band: String, _ id: String, _ lang: Language) -> String {
        let cases = (new.bands.first { $0.entity.id == band } ?? old.bands.first { $0.entity.id == band })?.cases ?? []
        let other = old.bands.first { $0.entity.id == band }?.cases ?? []
        let c = cases.first { $0.entity.id == id } ?? other.first { $0.entity.id == id }
        guard id != "-" else { return lang == .th ? "ไม่มีระดับ" : "no band" }
        return c.map { $0.entity.title.text(lang) == id ? id : "\(id) (\($0.entity.title.text(lang)))" } ?? id
    }

    /// The changes behind a set of people, as `file:line` places (new, else old), at most a few.
    func causes(_ set: Set<Int>) -> [String] {
        set.sorted().prefix(5).compactMap { k in (changes[k].new ?? changes[k].old)?.description }.uniqued()
    }

    static func percent(_ n: Int, _ of: Int) -> String {
        guard of > 0, let r = Rational(Int64(n) * 100, Int64(of)) else { return "-" }
        return r.formatted(places: 1) + "%"
    }
}
