/// Mistakes in the learning catalogue that `check` cannot see because every name resolves:
/// L022 a course serving an ability of another skill set than its course-table section's,
/// L023 a method put in another 70:20:10 bucket than the model puts it in,
/// L024 one position title whose `unit starts with` conditions overlap (one prefix extends the other).
enum LearningRules {
    /// L022: a course under a `section` that names skill sets or dimensions serves an item outside
    /// them; under a section that names none, it serves an item of any skill set (or dimension).
    /// Items outside the framework (knowledge, experience, attributes) may be served by any section.
    @Sendable static func courseOutsideSection(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var itemByID: [String: Int] = [:]
        var dimensionOf: [Int: Int] = [:]   // skill set → its dimension
        for (i, item) in rs.items.enumerated() {
            itemByID[item.entity.id] = i
            if let s = item.skillset, let d = item.dimension { dimensionOf[s] = d }
        }
        var out: [LintFinding] = []
        for t in rs.tracks {
            for c in t.courses {
                guard let si = c.section, let course = ctx.statement(at: c.span) else { continue }
                let section = t.sections[si]
                let allowed = Set(section.skillsets), areas = Set(section.dimensions)
                for sv in course.block ?? [] where sv.keyword.text == "serves" {
                    guard case .serves(let entries)? = sv.args.first else { continue }
                    for e in entries {
                        guard let i = itemByID[e.item.text], ctx.isCompetency(i) else { continue }
                        let item = rs.items[i]
                        let inside = item.dimension.map { areas.contains($0) } == true
                            || (item.skillset.map { allowed.contains($0) } ?? allowed.contains { dimensionOf[$0] == item.dimension })
                        guard !inside else { continue }
                        let home = item.skillset.map { rs.skillsets[$0].id } ?? item.dimension.map { rs.dimensions[$0].id } ?? "-"
                        let subject = t.entity.id + "/" + c.id + "/" + item.entity.id
                        if allowed.isEmpty && areas.isEmpty {
                            out.append(LintFinding(rule: "L022", variant: "none", span: e.item.span, subject: subject,
                                                   args: [c.id, t.entity.id, item.entity.id, home, section.number],
                                                   related: section.span))
                        } else {
                            let names = (section.skillsets.map { rs.skillsets[$0].id } + section.dimensions.map { rs.dimensions[$0].id })
                                .map { "`\($0)`" }.joined(separator: ", ")
                            out.append(LintFinding(rule: "L022", span: e.item.span, subject: subject,
                                                   args: [c.id, t.entity.id, item.entity.id, home, section.number, names],
                                                   related: section.span))
                        }
                    }
                }
            }
        }
        return out
    }

    /// L023: a method whose title names a method of one part of the 70:20:10 model (001 ๒.๓.๑-๒.๓.๓)
    /// in the bucket of another part. Runs only when the rule set's buckets have the shares 70, 20
    /// and 10; titles that name methods of two parts, or E-Learning/online learning (which the
    /// sources put both in 70 and in 10), are not judged.
    @Sendable static func methodInWrongBucket(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        let shares = Set(rs.buckets.map(\.share))
        guard [70, 20, 10].allSatisfy({ shares.contains(Rational($0)) }) else { return [] }
        var out: [LintFinding] = []
        for m in rs.methods {
            guard let b = m.bucket, let part = LearningModel.part(of: [m.entity.title.th, m.entity.title.en ?? ""]),
                  rs.buckets[b].share != Rational(part.share),
                  let expected = rs.buckets.first(where: { $0.share == Rational(part.share) }) else { continue }
            var span = m.entity.span
            if let s = ctx.statements("method").first(where: { if case .name(let n)? = $0.args.first { return n.span == m.entity.span }; return false }),
               s.args.count > 2, case .name(let n) = s.args[2] { span = n.span }
            out.append(LintFinding(rule: "L023", span: span, subject: m.entity.id,
                                   args: [m.entity.id, rs.buckets[b].entity.id, rs.buckets[b].share.description,
                                          part.keyword, String(part.share), expected.entity.id]))
        }
        return out
    }

    /// L024: the same position title declared for two groups with `when unit starts with "P"` and,
    /// further down, `when unit starts with "PQ"`: every unit the second names the first already
    /// takes (the first declaration that holds decides), so the second never applies.
    @Sendable static func overlappingUnitPrefixes(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var out: [LintFinding] = []
        for (j, p) in rs.positions.enumerated() {
            guard let pj = ctx.unitPrefix(p) else { continue }
            for i in (rs.positionsByTitle[p.title] ?? []) where i < j {
                let q = rs.positions[i]
                guard q.group != p.group, let pi = ctx.unitPrefix(q), pi != pj, pj.hasPrefix(pi) else { continue }
                out.append(LintFinding(rule: "L024", span: ctx.positionTitleSpan(p),
                                       subject: p.title + "/" + rs.groups[p.group].entity.id,
                                       args: [p.title, rs.groups[p.group].entity.id, pj, rs.groups[q.group].entity.id, pi],
                                       related: ctx.positionTitleSpan(q)))
                break
            }
        }
        return out
    }
}

/// The 70:20:10 model's method lists (001 ๒.๓.๑-๒.๓.๓ L966-995 and ch. 6 L863-865) as words to
/// find in a method's Thai or English title, compared without case, spaces or punctuation.
enum LearningModel {
    struct Part { var share: Int; var keyword: String }

    static let table: [(share: Int, words: [String])] = [
        (70, ["self-learning", "เรียนรู้ด้วยตนเอง", "on the job", "ลงมือปฏิบัติ", "ปฏิบัติงานจริง", "project assignment",
              "มอบหมายโครงการ", "มอบหมายงาน", "job enrichment", "เพิ่มคุณค่าในงาน", "job enlargement", "เพิ่มปริมาณงาน",
              "job rotation", "หมุนเวียนงาน", "job shadowing", "ติดตาม/สังเกต", "activity", "ทำกิจกรรม",
              "internal trainer", "วิทยากรภายใน", "site visit", "ดูงานนอกสถานที่", "benchmarking", "คู่เปรียบเทียบ",
              "problem-solving", "แก้ไขปัญหา", "team-working", "ทำงานเป็นทีม"]),
        (20, ["coaching", "สอนงาน", "mentoring", "พี่เลี้ยง", "consulting", "คำปรึกษา", "feedback", "ข้อมูลป้อนกลับ",
              "counterpart", "ฝึกงานกับผู้เชี่ยวชาญ", "team meeting", "ประชุมทีม"]),
        (10, ["classroom", "ห้องเรียน", "ฝึกอบรม", "seminar", "สัมมนา", "scholarship", "ทุนการศึกษา"]),
    ]
    /// In 70 in ch. 4 and 6 and the course tables, in 10 in the appendix and on the IDP1 form.
    static let ambiguous = ["e-learning", "online", "ออนไลน์"]

    static func fold(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter {
            !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuationOrSymbol
        }))
    }

    static let folded: [(share: Int, words: [(String, String)])] = table.map { ($0.share, $0.words.map { ($0, fold($0)) }) }
    static let foldedAmbiguous = ambiguous.map(fold)

    /// The one part of the model the titles name, with the first word found; nil when they name
    /// none, several, or an ambiguous method.
    static func part(of titles: [String]) -> Part? {
        let text = titles.map(fold)
        guard !foldedAmbiguous.contains(where: { w in text.contains { $0.contains(w) } }) else { return nil }
        var found: [Part] = []
        for (share, words) in folded {
            if let w = words.first(where: { w in text.contains { $0.contains(w.1) } }) { found.append(Part(share: share, keyword: w.0)) }
        }
        return found.count == 1 ? found[0] : nil
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
