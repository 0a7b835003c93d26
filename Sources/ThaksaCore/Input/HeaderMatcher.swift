/// How column headers (and JSON keys) are read: which item, person field or metadata column a
/// header names. An item is found by its code, a `column` alias, or its Thai or English title, in
/// a normalised form (case, white space, zero-width characters, SARA AM written as ํ+า), also inside
/// a Google Forms grid header `PREFIX [TITLE]` and as the one item code among the header's words.
public struct HeaderMatcher: Sendable {
    /// How a header was matched (for `--show-columns`).
    public enum How: String, Sendable {
        case code, alias, title, grid, codeInText = "code in text", person, metadata, override = "--column", input, workload, blank, unknown
    }

    let rules: RuleSet
    /// Normalised code or alias → item; normalised title → item. Ambiguous keys are dropped.
    let byColumn: [String: Int]
    let byTitle: [String: Int]
    /// Lower-cased codes → item, for codes found among a header's words.
    let byCode: [String: Int]

    public init(rules: RuleSet) {
        self.rules = rules
        byColumn = HeaderMatcher.unambiguous(rules.itemColumns.map { ($0.key, $0.value) })
        var titles: [(String, Int)] = []
        for (k, item) in rules.items.enumerated() {
            titles.append((item.entity.title.th, k))
            if let en = item.entity.title.en { titles.append((en, k)) }
        }
        byTitle = HeaderMatcher.unambiguous(titles)
        var codes: [String: Int] = [:]
        for (k, item) in rules.items.enumerated() { codes[item.entity.id.lowercased()] = k }
        byCode = codes
    }

    static func unambiguous(_ pairs: [(String, Int)]) -> [String: Int] {
        var out: [String: Int] = [:]
        var clash = Set<String>()
        for (header, item) in pairs {
            let key = normalise(header)
            if key.isEmpty { continue }
            if let other = out[key], other != item { clash.insert(key) } else { out[key] = item }
        }
        for key in clash { out[key] = nil }
        return out
    }

    /// Case, runs of white space (no-break spaces too), zero-width characters and the two
    /// spellings of SARA AM do not matter.
    public static func normalise(_ s: String) -> String {
        var t = s
        if t.unicodeScalars.contains(where: { zeroWidth.contains($0.value) }) {
            t = String(String.UnicodeScalarView(t.unicodeScalars.filter { !zeroWidth.contains($0.value) }))
        }
        return Assessments.normaliseHeader(t)
    }

    static let zeroWidth: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

    /// The item a header or answer key names exactly (code or alias as declared), else loosely.
    func item(named header: String) -> Int? {
        rules.itemColumns[header] ?? byColumn[HeaderMatcher.normalise(header)]
    }

    /// The item a column header names, and how.
    public func item(header raw: String) -> (Int, How)? {
        let h = HeaderMatcher.normalise(raw)
        if let i = rules.itemColumns[raw] { return (i, rules.items[i].entity.id == raw ? .code : .alias) }
        if let i = byColumn[h] { return (i, rules.items[i].entity.id.lowercased() == h ? .code : .alias) }
        if let i = byTitle[h] { return (i, .title) }
        if let inner = HeaderMatcher.gridTitle(h), let i = byColumn[inner] ?? byTitle[inner] { return (i, .grid) }
        // `DLit100 เข้าถึง...`, `1. เข้าถึง... (DLit100)`: exactly one word that is an item code.
        var found: Set<Int> = []
        for word in h.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            guard word.contains(where: \.isNumber), word.contains(where: \.isLetter), let i = byCode[String(word)] else { continue }
            found.insert(i)
        }
        if found.count == 1, let i = found.first { return (i, .codeInText) }
        return nil
    }

    /// `ด้านความสามารถ [เข้าถึงและตระหนักรู้ดิจิทัล]` → `เข้าถึงและตระหนักรู้ดิจิทัล` (already normalised).
    static func gridTitle(_ h: String) -> String? {
        guard h.hasSuffix("]"), let open = h.lastIndex(of: "[") else { return nil }
        let inner = h[h.index(after: open)..<h.index(before: h.endIndex)]
        let t = String(inner).split(whereSeparator: { $0 == " " }).joined(separator: " ")
        return t.isEmpty ? nil : t
    }

    /// Person columns under the headers HR files use; looked up with spaces removed.
    static let personHeaders: [String: AssessmentMapper.Role] = {
        let table: [(AssessmentMapper.Role, [String])] = [
            (.id, ["id", "รหัส", "เลขประจำตัว", "รหัสพนักงาน", "รหัสประจำตัว", "รหัสบุคลากร", "employee id", "staff id"]),
            (.name, ["name", "ชื่อ", "ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อนามสกุล", "ชื่อ นามสกุล", "ชื่อและนามสกุล", "full name"]),
            (.position, ["position", "ตำแหน่ง", "ชื่อตำแหน่ง", "ตำแหน่งงาน", "position title"]),
            (.unit, ["unit", "หน่วยงาน", "สังกัด", "ส่วนราชการ", "department"]),
            (.group, ["group", "กลุ่ม", "กลุ่มภารกิจ"]),
            (.careerPath, ["career_path", "เส้นทางความก้าวหน้า"]),
            (.add, ["add", "เพิ่ม"]), (.waive, ["waive", "ยกเว้น"]),
            (.has, ["has", "มี"]), (.hasNot, ["has_not", "ไม่มี"]),
        ]
        var out: [String: AssessmentMapper.Role] = [:]
        for (role, names) in table { for n in names { out[squeeze(normalise(n))] = role } }
        return out
    }()

    /// Columns a form or HR system adds that are not answers: ignored by name.
    static let metadata: Set<String> = Set([
        "timestamp", "ประทับเวลา", "วันที่และเวลา", "email", "e-mail", "email address", "อีเมล", "อีเมล์", "ที่อยู่อีเมล",
        "score", "total score", "points", "คะแนน", "คะแนนรวม",
    ].map { squeeze(normalise($0)) })

    static func squeeze(_ h: String) -> String { h.contains(" ") ? h.replacingOccurrences(of: " ", with: "") : h }

    public static func person(_ h: String) -> AssessmentMapper.Role? { personHeaders[squeeze(h)] }
    public static func isMetadata(_ h: String) -> Bool { metadata.contains(squeeze(h)) }
}
