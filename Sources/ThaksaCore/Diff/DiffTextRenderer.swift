/// The report for people: plain text for a terminal, or Markdown for a pull-request comment.
/// Both say the same things in the same order; only the markup differs.
public struct DiffTextRenderer {
    public enum Style: Sendable { case text, markdown }
    let report: DiffReport
    let lang: Language
    let style: Style
    /// Units listed in the by-unit table (most changed first).
    static let unitRows = 20

    public init(_ report: DiffReport, lang: Language, style: Style) {
        self.report = report
        self.lang = lang
        self.style = style
    }

    var th: Bool { lang == .th }
    func t(_ en: String, _ thai: String) -> String { th ? thai : en }
    var md: Bool { style == .markdown }

    /// A sentence about people, and the rule lines behind it.
    struct Finding {
        var text: String
        var causes: [String]
    }

    public func render() -> String {
        var out = ""
        let title = t("Rule change", "การเปลี่ยนแปลงกฎ") + ": \(report.oldLabel) → \(report.newLabel)"
        out += md ? "## \(title)\n\n" : "\(title)\n\n"
        let n = report.changes.count
        out += t("\(n) semantic change\(n == 1 ? "" : "s") in the rules", "กฎเปลี่ยน \(n) รายการ (ตามความหมาย)") + "\n"
        if let impact = report.impact { out += summary(impact) }
        if let impact = report.impact {
            let findings = self.findings(impact)
            if !findings.isEmpty {
                out += section(t("What it does to people", "ผลต่อบุคลากร"))
                for f in findings.prefix(md ? 12 : 40) {
                    let lines = f.causes.isEmpty ? "" : " — " + f.causes.map { md ? "`\($0)`" : $0 }.joined(separator: ", ")
                    out += "- \(f.text)\(lines)\n"
                }
            }
        }
        out += section(t("Changes in the rules", "การเปลี่ยนแปลงในกฎ"))
        if report.changes.isEmpty { out += t("No change in meaning (layout and comments are not compared).", "ไม่มีการเปลี่ยนแปลงทางความหมาย (ไม่เปรียบเทียบรูปแบบและหมายเหตุ)") + "\n" }
        for (k, c) in report.changes.enumerated() {
            var line = "- " + report.describe(c, lang)
            let places = report.places(c, lang)
            if !places.isEmpty { line += md ? " (`\(places)`)" : " (\(places))" }
            if let impact = report.impact, k < impact.touched.count {
                if let e = impact.touched[k] {
                    line += "; " + t("touches \(e.count) \(Self.people(e.count))", "มีผลต่อ \(e.count) คน") + examples(e)
                } else {
                    line += "; " + t("people touched: not attributable", "จำนวนคนที่ได้รับผล: ระบุแยกไม่ได้")
                }
            }
            out += md ? line.replacingOccurrences(of: "|", with: "\\|") + "\n" : line + "\n"
        }
        if let impact = report.impact { out += details(impact) }
        return out
    }

    static func people(_ n: Int) -> String { n == 1 ? "person" : "people" }

    func section(_ s: String) -> String { md ? "\n### \(s)\n\n" : "\n\(s)\n\(String(repeating: "-", count: s.count))\n" }

    func examples(_ e: Impact.Examples) -> String {
        e.ids.isEmpty ? "" : " (" + t("e.g. ", "เช่น ") + e.ids.map { md ? "`\(Self.inline($0))`" : $0 }.joined(separator: ", ") + ")"
    }

    /// Ids and unit names come from input files: keep them on one line and out of Markdown syntax.
    static func inline(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "`" ? "'" : $0.value < 0x20 || $0 == "|" ? " " : Character($0) })
    }

    func summary(_ i: Impact) -> String {
        let total = i.people + i.failsOld + i.failsNew
        var s = t("\(total) people compared; \(i.changed.count) change (\(DiffReport.percent(i.changed.count, total)))",
                  "เปรียบเทียบ \(total) คน เปลี่ยน \(i.changed.count) คน (\(DiffReport.percent(i.changed.count, total)))") + "\n"
        if i.badBoth.count > 0 {
            s += t("\(i.badBoth.count) rows are rejected under both rule sets and not compared", "\(i.badBoth.count) แถวใช้ไม่ได้ทั้งสองชุดกฎ จึงไม่ได้เปรียบเทียบ")
                + examples(i.badBoth) + "\n"
        }
        return s
    }

    func findings(_ i: Impact) -> [Finding] {
        var out: [Finding] = []
        for (m, e) in Impact.ranked(i.bandMoves, { "\($0.band) \($0.group) \($0.from) \($0.to)" }) {
            let band = report.new.bands.count > 1 ? t(" on \(m.band)", " ของ \(m.band)") : ""
            let from = report.caseTitle(band: m.band, m.from, lang), to = report.caseTitle(band: m.band, m.to, lang)
            let g = report.groupTitle(m.group, lang)
            out.append(Finding(text: t("this moves **\(e.count)** \(Self.people(e.count)) in group \(g) from \(from) to \(to)\(band)",
                                       "ย้าย **\(e.count)** คนในกลุ่ม \(g) จาก \(from) เป็น \(to)\(band)") + examples(e),
                               causes: report.causes(e.causes)))
        }
        for (k, e) in Impact.ranked(i.groupMoves, { $0 }) {
            let parts = k.components(separatedBy: " → ")
            let from = report.groupTitle(parts.first ?? k, lang), to = report.groupTitle(parts.last ?? k, lang)
            out.append(Finding(text: t("**\(e.count)** \(Self.people(e.count)) move\(e.count == 1 ? "s" : "") from group \(from) to \(to)", "**\(e.count)** คนย้ายจากกลุ่ม \(from) ไปกลุ่ม \(to)") + examples(e),
                               causes: report.causes(e.causes)))
        }
        for (item, e) in Impact.ranked(i.idpLost, { $0 }) {
            out.append(Finding(text: t("**\(e.count)** lose \(report.itemTitle(item, lang)) from their IDP",
                                       "**\(e.count)** คนไม่มี \(report.itemTitle(item, lang)) ในแผนพัฒนารายบุคคล (IDP) อีกต่อไป") + examples(e),
                               causes: report.causes(e.causes)))
        }
        for (item, e) in Impact.ranked(i.idpGained, { $0 }) {
            out.append(Finding(text: t("**\(e.count)** gain \(report.itemTitle(item, lang)) in their IDP",
                                       "**\(e.count)** คนมี \(report.itemTitle(item, lang)) เพิ่มในแผนพัฒนารายบุคคล (IDP)") + examples(e),
                               causes: report.causes(e.causes)))
        }
        if i.failsNew > 0 {
            out.append(Finding(text: t("**\(i.failsNew)** \(Self.people(i.failsNew)) scored under OLD \(i.failsNew == 1 ? "is" : "are") rejected under NEW", "**\(i.failsNew)** คนที่ประเมินได้ตามกฎเดิม ประเมินไม่ได้ตามกฎใหม่"), causes: []))
        }
        if i.failsOld > 0 {
            out.append(Finding(text: t("**\(i.failsOld)** \(Self.people(i.failsOld)) rejected under OLD \(i.failsOld == 1 ? "is" : "are") scored under NEW", "**\(i.failsOld)** คนที่ประเมินไม่ได้ตามกฎเดิม ประเมินได้ตามกฎใหม่"), causes: []))
        }
        if !md { out = out.map { Finding(text: $0.text.replacingOccurrences(of: "**", with: ""), causes: $0.causes) } }
        return out
    }

    static let kindNames: [(String, String, String)] = [
        ("group", "group", "กลุ่ม"), ("required", "required items", "รายการที่ต้องมี"), ("gaps", "gaps", "จุดที่ต้องพัฒนา"),
        ("band", "band", "ระดับ"), ("idp", "IDP items", "รายการใน IDP"), ("score", "any score", "คะแนน"),
        ("fails_old", "rejected under OLD", "ใช้ไม่ได้ตามกฎเดิม"), ("fails_new", "rejected under NEW", "ใช้ไม่ได้ตามกฎใหม่"),
    ]

    func details(_ i: Impact) -> String {
        var out = section(t("People whose result changes, by kind", "จำนวนคนที่ผลเปลี่ยน แยกตามประเภท"))
        let total = i.people + i.failsOld + i.failsNew
        var rows = [[t("kind", "ประเภท"), t("people", "คน"), t("share", "ร้อยละ"), t("examples", "ตัวอย่าง")]]
        for (k, en, thai) in Self.kindNames {
            let e = i.kinds[k] ?? Impact.Examples()
            rows.append([t(en, thai), String(e.count), DiffReport.percent(e.count, total), e.ids.joined(separator: ", ")])
        }
        out += table(rows)
        let kinds = Self.kindNames.prefix(6)
        func breakdown(_ label: String, _ keys: [String], _ d: [String: Impact.Breakdown], title: (String) -> String) -> String {
            var rows = [[label, t("people", "คน"), t("changed", "เปลี่ยน"), t("share", "ร้อยละ")] + kinds.map { t($0.1, $0.2) }]
            for k in keys {
                guard let b = d[k] else { continue }
                rows.append([title(k), String(b.people), String(b.changed), DiffReport.percent(b.changed, b.people)] + kinds.map { String(b.kinds[$0.0] ?? 0) })
            }
            return table(rows)
        }
        out += section(t("By group", "แยกตามกลุ่ม"))
        let groupOrder = (report.old.groups.map(\.entity.id) + report.new.groups.map(\.entity.id) + i.byGroup.keys.sorted()).uniqued()
        out += breakdown(t("group", "กลุ่ม"), groupOrder, i.byGroup) { report.groupTitle($0, lang) }
        let units = i.byUnit.sorted { ($0.value.changed, $1.key) > ($1.value.changed, $0.key) }.map(\.key)
        out += section(t("By unit", "แยกตามหน่วยงาน") + (units.count > Self.unitRows ? t(" (the \(Self.unitRows) most changed of \(units.count))", " (\(Self.unitRows) หน่วยงานที่เปลี่ยนมากที่สุด จาก \(units.count))") : ""))
        out += breakdown(t("unit", "หน่วยงาน"), Array(units.prefix(Self.unitRows)), i.byUnit) { md ? Self.inline($0) : $0 }
        if !i.targets.isEmpty {
            out += section(t("Targets", "ตัวชี้วัด"))
            var rows = [[t("target", "ตัวชี้วัด"), t("before", "เดิม"), t("after", "ใหม่"), t("met", "บรรลุ")]]
            func met(_ b: Bool?) -> String { b.map { $0 ? t("yes", "ใช่") : t("no", "ไม่") } ?? "-" }
            for v in i.targets {
                rows.append(["\(v.id) (\(v.title.text(lang)))", v.before ?? "-", v.after ?? "-", "\(met(v.metBefore)) → \(met(v.metAfter))"])
            }
            out += table(rows)
            if i.targetErrors.old + i.targetErrors.new > 0 {
                out += t("targets could not be measured for \(i.targetErrors.old) (OLD) / \(i.targetErrors.new) (NEW) people (number overflow)",
                         "วัดตัวชี้วัดไม่ได้สำหรับ \(i.targetErrors.old) (เดิม) / \(i.targetErrors.new) (ใหม่) คน (ตัวเลขล้น)") + "\n"
            }
        }
        if !i.failures.isEmpty {
            out += section(t("Rejected under one rule set only", "ใช้ไม่ได้ตามชุดกฎเดียว"))
            for f in i.failures {
                let side = f.side == "old" ? t("OLD", "กฎเดิม") : t("NEW", "กฎใหม่")
                let text = "\(f.id): \(side): \(f.error.rendered(lang))"
                out += "- " + (md ? Self.inline(text) : text) + "\n"
            }
            let more = i.failsOld + i.failsNew - i.failures.count
            if more > 0 { out += t("- and \(more) more\n", "- และอีก \(more) คน\n") }
        }
        return out
    }

    func table(_ rows: [[String]]) -> String {
        if md {
            guard let head = rows.first else { return "" }
            var s = "| " + head.joined(separator: " | ") + " |\n|" + head.map { _ in "---|" }.joined() + "\n"
            for r in rows.dropFirst() { s += "| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return s
        }
        var widths: [Int] = []
        for r in rows { for (k, c) in r.enumerated() { if k >= widths.count { widths.append(0) }; widths[k] = max(widths[k], c.count) } }
        return rows.map { r in
            var line = r.enumerated().map { k, c in c + String(repeating: " ", count: widths[k] - c.count) }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
