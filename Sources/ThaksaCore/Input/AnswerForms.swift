/// Why an input file may not write answers in a form (`input { answers … }`), in words.
extension AnswerForm {
    static func declared(_ forms: Set<AnswerForm>) -> String {
        "`input { answers " + AnswerForm.allCases.filter(forms.contains).map(\.rawValue).joined(separator: ", ") + " }`"
    }

    /// The reason `form` is refused by `rules`, and what to do.
    static func why(_ rules: RuleSet, _ lang: Language, refusing form: AnswerForm = .lists) -> String {
        let th = lang == .th
        if let forms = rules.declaredAnswerForms {
            let d = declared(forms)
            if form == .columns {
                return th ? "ชุดกฎกำหนด \(d) คำตอบอ่านจากคอลัมน์ `has` / `has_not` (มี / ไม่มี) เท่านั้น หากต้องการรับคอลัมน์ของแต่ละรายการ ให้เพิ่ม `columns`"
                          : "the rule set declares \(d): answers are read from the `has` / `has_not` columns only; add `columns` to accept one column per item"
            }
            return th ? "ชุดกฎกำหนด \(d) ให้ตอบแต่ละรายการในคอลัมน์ของรายการนั้น หรือเพิ่ม `lists` ในชุดกฎ"
                      : "the rule set declares \(d); answer each item in its own column, or add `lists` there"
        }
        let scale = rules.scales.first { $0.levels.count > 2 }
        let name = scale.map { "`\($0.entity.id)`" } ?? ""
        let count = scale?.levels.count ?? 0
        return th ? "มาตรวัด \(name) มี \(count) ระดับ รายการ \"มี\" / \"ไม่มี\" จึงไม่บอกว่าเป็นระดับใด ให้ตอบแต่ละรายการในคอลัมน์ของรายการนั้น "
                    + "หรือประกาศ `input { answers columns, lists }` ในชุดกฎ (แล้ว `has` หมายถึงระดับ `expect` ของมาตรวัด `has_not` หมายถึงระดับต่ำสุด)"
                  : "scale \(name) has \(count) levels, so a list of items \"have\" / \"have not\" does not say which level; answer each item in its own column, "
                    + "or declare `input { answers columns, lists }` in the rule set (then `has` means the scale's `expect` level, `has_not` its lowest)"
    }
}
