/// The language messages are shown in.
public enum Language: String, Sendable, CaseIterable {
    case en, th

    /// From THAKSA_LANG, LC_ALL, LC_MESSAGES or LANG (a value starting with `th` means Thai).
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        for key in ["THAKSA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("th") ? .th : .en }
        }
        return .en
    }
}

/// Every user-facing diagnostic text, keyed by code, in English and Thai. Style: lowercase start,
/// no final period, names from the rules in backticks, advice in the help line.
public enum Messages {
    struct Entry {
        let en: String
        let th: String
        var helpEN: String? = nil
        var helpTH: String? = nil
    }

    static let catalogue: [DiagnosticCode: Entry] = [
        .invalidUTF8: Entry(en: "the file is not valid UTF-8 text", th: "ไฟล์นี้ไม่ใช่ข้อความ UTF-8 ที่ถูกต้อง",
                            helpEN: "save the file as UTF-8", helpTH: "บันทึกไฟล์เป็นรหัส UTF-8"),
        .unexpectedCharacter: Entry(en: "unexpected character `{0}`", th: "พบอักขระที่ไม่คาดคิด `{0}`"),
        .unterminatedString: Entry(en: "text is not closed: a `\"` is missing before the end of the line",
                                   th: "ข้อความไม่ได้ปิด: ขาดเครื่องหมาย `\"` ก่อนจบบรรทัด"),
        .invalidEscape: Entry(en: "unknown escape `\\{0}` in text", th: "ไม่รู้จักรหัสพิเศษ `\\{0}` ในข้อความ",
                              helpEN: "use \\\" \\\\ \\n or \\t", helpTH: "ใช้ \\\" \\\\ \\n หรือ \\t"),
        .malformedNumber: Entry(en: "malformed number `{0}`", th: "ตัวเลข `{0}` เขียนไม่ถูกต้อง"),
        .fileTooLarge: Entry(en: "the file is larger than {0} bytes", th: "ไฟล์ใหญ่เกิน {0} ไบต์"),
        .expectedToken: Entry(en: "expected {0}, found {1}", th: "ต้องการ {0} แต่พบ {1}"),
        .unknownDeclaration: Entry(en: "unknown declaration `{0}`", th: "ไม่รู้จักการประกาศ `{0}`",
                                   helpEN: "a declaration starts with one of: {1}", helpTH: "การประกาศต้องขึ้นต้นด้วย: {1}"),
        .unknownProperty: Entry(en: "unknown property `{0}` in {1}", th: "ไม่รู้จักคุณสมบัติ `{0}` ใน {1}",
                                helpEN: "{1} takes: {2}", helpTH: "{1} ใช้ได้: {2}"),
        .nestingTooDeep: Entry(en: "nesting is deeper than {0} levels", th: "ซ้อนกันลึกเกิน {0} ชั้น",
                               helpEN: "split a long expression into several scores or lists", helpTH: "แยกนิพจน์ที่ยาวเป็นคะแนนหรือรายการย่อยหลายรายการ"),
        .unclosedBlock: Entry(en: "`{` is never closed", th: "เครื่องหมาย `{` ไม่ได้ปิด",
                              helpEN: "add `}` at the end of the block", helpTH: "เติม `}` ที่ท้ายบล็อก"),
        .tooManyErrors: Entry(en: "too many errors; stopped after {0}", th: "ข้อผิดพลาดมากเกินไป หยุดหลังจาก {0} รายการ"),
        .duplicateName: Entry(en: "`{0}` is declared more than once", th: "`{0}` ถูกประกาศซ้ำ",
                              helpEN: "every name in a rule set is unique; the first is at {1}",
                              helpTH: "ชื่อในชุดกฎต้องไม่ซ้ำกัน ประกาศครั้งแรกที่ {1}"),
        .undefinedName: Entry(en: "unknown name `{0}`", th: "ไม่รู้จักชื่อ `{0}`"),
        .wrongNameKind: Entry(en: "`{0}` is {1}, but {2} is needed here", th: "`{0}` เป็น{1} แต่ที่นี่ต้องการ{2}"),
        .typeMismatch: Entry(en: "{0} is needed here, but this is {1}", th: "ที่นี่ต้องการ{0} แต่ค่านี้เป็น{1}"),
        .cycle: Entry(en: "`{0}` depends on itself: {1}", th: "`{0}` อ้างถึงตัวเอง: {1}",
                      helpEN: "computed values must not refer to each other in a circle",
                      helpTH: "ค่าที่คำนวณต้องไม่อ้างถึงกันเป็นวง"),
        .unreachableBand: Entry(en: "band case `{0}` can never be chosen{1}", th: "ระดับ `{0}` ไม่มีทางถูกเลือก{1}",
                                helpEN: "the cases above it already take every value it would take",
                                helpTH: "ระดับก่อนหน้าครอบคลุมทุกค่าที่ระดับนี้รับไว้แล้ว"),
        .bandGap: Entry(en: "band `{0}` gives no case for values {1}{2}", th: "แถบ `{0}` ไม่มีระดับสำหรับค่า {1}{2}",
                        helpEN: "add a case, or end with one that says `otherwise`",
                        helpTH: "เพิ่มระดับ หรือปิดท้ายด้วยระดับที่ใช้ `otherwise`"),
        .levelNotInScale: Entry(en: "level {0} is not in scale `{1}` of item `{2}`", th: "ระดับ {0} ไม่อยู่ในมาตรวัด `{1}` ของรายการ `{2}`",
                                helpEN: "levels of `{1}`: {3}", helpTH: "ระดับของ `{1}`: {3}"),
        .includeOutsideRoot: Entry(en: "`{0}` is outside the rule-set folder", th: "`{0}` อยู่นอกโฟลเดอร์ของชุดกฎ",
                                   helpEN: "rule files can include only files inside their rule-set folder",
                                   helpTH: "ไฟล์กฎรวมได้เฉพาะไฟล์ในโฟลเดอร์ของชุดกฎเดียวกัน"),
        .unknownFunction: Entry(en: "unknown function `{0}`", th: "ไม่รู้จักฟังก์ชัน `{0}`"),
        .wrongArgumentCount: Entry(en: "`{0}` takes {1}, but {2} given", th: "`{0}` รับ {1} แต่ได้ {2}"),
        .missingProperty: Entry(en: "{0} `{1}` has no `{2}`", th: "{0} `{1}` ไม่มี `{2}`"),
        .duplicateProperty: Entry(en: "`{0}` is given more than once in {1}", th: "`{0}` ถูกกำหนดซ้ำใน {1}"),
        .invalidValue: Entry(en: "{0}", th: "{1}"),
        .duplicateRequirement: Entry(en: "`{0}` is required twice in group `{1}` phase `{2}`",
                                     th: "`{0}` ถูกกำหนดซ้ำในกลุ่ม `{1}` ระยะ `{2}`"),
        .unknownField: Entry(en: "{0} has no field `{1}`", th: "{0} ไม่มีช่อง `{1}`",
                             helpEN: "fields: {2}", helpTH: "ช่องที่มี: {2}"),
        .notACollection: Entry(en: "`{0}` needs a collection, but this is {1}", th: "`{0}` ต้องการชุดข้อมูล แต่ค่านี้เป็น{1}"),
        .unknownTopic: Entry(en: "item `{0}` has no topic \"{1}\"", th: "รายการ `{0}` ไม่มีหัวข้อย่อย \"{1}\"",
                             helpEN: "topics of `{0}`: {2}", helpTH: "หัวข้อย่อยของ `{0}`: {2}"),
        .duplicateDeclaration: Entry(en: "there is more than one `{0}` declaration", th: "มีการประกาศ `{0}` มากกว่าหนึ่งครั้ง",
                                     helpEN: "a rule set has at most one; the first is at {1}",
                                     helpTH: "ชุดกฎมีได้ไม่เกินหนึ่ง ประกาศครั้งแรกที่ {1}"),
        .dependencyTooDeep: Entry(en: "`{0}` depends on a chain of more than {1} scores and lists", th: "`{0}` อ้างถึงคะแนนและรายการต่อกันเกิน {1} ชั้น",
                                  helpEN: "compute it from fewer steps", helpTH: "คำนวณโดยใช้ขั้นตอนน้อยลง"),
        .peopleOutsideTarget: Entry(en: "`people` can be used only in a target's `measure`",
                                    th: "ใช้ `people` ได้เฉพาะใน `measure` ของเป้าหมาย"),
        .needsTwoRounds: Entry(en: "`{0}` needs two rounds and can be used only in a `progress` score (or a target, through one)",
                               th: "`{0}` ต้องใช้ผลการประเมินสองรอบ ใช้ได้เฉพาะในคะแนน `progress` (หรือในเป้าหมายผ่านคะแนนนั้น)",
                               helpEN: "`thaksa progress BEFORE AFTER` computes `progress` scores; `thaksa score` has one round only",
                               helpTH: "คำสั่ง `thaksa progress ก่อน หลัง` คำนวณคะแนน `progress` ส่วน `thaksa score` มีรอบเดียว"),
        .unreadableFile: Entry(en: "cannot read `{0}`: {1}", th: "อ่าน `{0}` ไม่ได้: {1}"),
        .noRuleFiles: Entry(en: "no `.thaksa` files in `{0}`", th: "ไม่พบไฟล์ `.thaksa` ใน `{0}`"),
        .includeNotFound: Entry(en: "included file `{0}` does not exist", th: "ไม่พบไฟล์ `{0}` ที่ระบุใน include"),
        .divisionByZero: Entry(en: "division by zero in `{0}`", th: "หารด้วยศูนย์ใน `{0}`",
                               helpEN: "guard it with `if ... then ... else`", helpTH: "ป้องกันด้วย `if ... then ... else`"),
        .numberOverflow: Entry(en: "a number in `{0}` is too large", th: "ตัวเลขใน `{0}` ใหญ่เกินไป"),
        .emptyAggregate: Entry(en: "`{0}` of an empty collection has no value", th: "`{0}` ของชุดข้อมูลว่างไม่มีค่า"),
        .noGroup: Entry(en: "the group cannot be decided: {0}", th: "กำหนดกลุ่มภารกิจไม่ได้: {1}"),
        .unknownGroup: Entry(en: "unknown group `{0}`; the rule set has {1}", th: "ไม่รู้จักกลุ่ม `{0}` ชุดกฎมีกลุ่ม {1}"),
        .unknownItem: Entry(en: "unknown item `{0}`", th: "ไม่รู้จักรายการ `{0}`"),
        .adjustmentNotAllowed: Entry(en: "the rule set does not allow supervisors to {0} items", th: "ชุดกฎไม่อนุญาตให้ผู้บังคับบัญชาปรับรายการ ({0})"),
        .noPreviousRound: Entry(en: "`{0}` has no value: the person was not assessed in the BEFORE round", th: "`{0}` ไม่มีค่า: บุคคลนี้ไม่ได้ประเมินในรอบก่อน",
                                helpEN: "guard it with `if assessed_before then ... else ...`", helpTH: "ป้องกันด้วย `if assessed_before then ... else ...`"),
        .noFamilyMember: Entry(en: "`{0}` has no member here (an item outside every dimension, skill set or kind?) in `{1}`",
                               th: "`{0}` ไม่มีค่าของส่วนนี้ (รายการที่ไม่อยู่ในมิติ กลุ่มความสามารถ หรือด้านใด?) ใน `{1}`",
                               helpEN: "filter first, e.g. `where dimension != ...`, or guard with `if ... then ... else`", helpTH: "กรองก่อน หรือป้องกันด้วย `if ... then ... else`"),
    ]

    public static func message(_ code: DiagnosticCode, _ lang: Language, _ args: [String]) -> String {
        guard let e = catalogue[code] else { return code.rawValue }
        if code == .invalidValue { return args.count > (lang == .th ? 1 : 0) ? args[lang == .th ? 1 : 0] : "" }
        return fill(lang == .th ? e.th : e.en, args, lang)
    }

    public static func help(_ code: DiagnosticCode, _ lang: Language, _ args: [String]) -> String? {
        guard let e = catalogue[code], let t = (lang == .th ? e.helpTH : e.helpEN) else { return nil }
        return fill(t, args, lang)
    }

    /// Words used inside messages (kinds of names and types), in each language. A word with
    /// parameters is written `key:p0:p1` (e.g. `line:12`, `below:80`).
    public static func word(_ en: String, _ lang: Language) -> String {
        let parts = en.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, let t = phrases[parts[0]] {
            var out = lang == .th ? t.th : t.en
            for (i, p) in parts.dropFirst().enumerated() { out = out.replacingOccurrences(of: "{\(i)}", with: p) }
            return out
        }
        return lang == .en ? en : (thaiWords[en] ?? en)
    }

    static let phrases: [String: (en: String, th: String)] = [
        "line": ("line {0}", "บรรทัด {0}"),
        "below": ("below {0}", "ต่ำกว่า {0}"),
        "upto": ("up to {0}", "ไม่เกิน {0}"),
        "above": ("above {0}", "มากกว่า {0}"),
        "from": ("from {0} upwards", "ตั้งแต่ {0} ขึ้นไป"),
        "aboveup": ("above {0}", "มากกว่า {0}"),
        "fromto": ("from {0} to {1}", "ตั้งแต่ {0} ถึง {1}"),
        "fromunder": ("from {0} to under {1}", "ตั้งแต่ {0} ถึงต่ำกว่า {1}"),
        "aboveto": ("above {0} up to {1}", "มากกว่า {0} ถึง {1}"),
        "aboveunder": ("above {0} to under {1}", "มากกว่า {0} ถึงต่ำกว่า {1}"),
        "any": ("of any size{0}", "ทุกค่า{0}"),
        "nofile": ("no such file or folder{0}", "ไม่มีไฟล์หรือโฟลเดอร์นี้{0}"),
        "unreadable": ("cannot be read{0}", "อ่านไม่ได้{0}"),
        // a band whose thresholds are declared values: the group the finding is for
        "forgroup": (" for group `{0}` (its thresholds: {1})", " สำหรับกลุ่ม `{0}` (เกณฑ์ของกลุ่มนี้: {1})"),
    ]

    static let thaiWords: [String: String] = [
        "a number": "ตัวเลข", "text": "ข้อความ", "true/false": "ค่าจริง/เท็จ", "a list": "รายการชุด",
        "a kind": "ประเภทรายการ", "a scale": "มาตรวัด", "an item": "รายการประเมิน", "a group": "กลุ่มภารกิจ",
        "a phase": "ระยะ", "a track": "เส้นทางการพัฒนา", "a method": "วิธีการเรียนรู้", "a bucket": "สัดส่วนการเรียนรู้",
        "a quarter": "ไตรมาส", "a score": "คะแนน", "a band": "แถบระดับ", "a band case": "ระดับ",
        "a dimension": "มิติ", "a skill set": "ชุดทักษะ", "a computed list": "รายการคำนวณ", "a target": "เป้าหมาย", "an IDP2 outcome": "ผลการพัฒนาตามแผน (IDP2)", "a progress score": "คะแนนความก้าวหน้า",
        "the end of the file": "ท้ายไฟล์", "a name": "ชื่อ", "a requirement": "ข้อกำหนด", "a person": "บุคคล",
        "a course": "หลักสูตร", "a value": "ค่า",
        "a named value": "ค่าที่ประกาศด้วย value", "a dimension, skill set or item": "มิติ ชุดทักษะ หรือรายการประเมิน",
    ]

    /// Substitutes {0}, {1}, ... in one pass. An argument written `@a group` is a word to translate.
    static func fill(_ template: String, _ args: [String], _ lang: Language) -> String {
        var out = ""
        var chars = template[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{", let close = chars.firstIndex(of: "}"), let i = Int(chars[..<close]), i < args.count {
                let a = args[i]
                out += a.hasPrefix("@") ? word(String(a.dropFirst()), lang) : a
                chars = chars[chars.index(after: close)...]
            } else {
                out.append(c)
            }
        }
        return out
    }
}
