/// The organisation dashboard of `thaksa report`: headline figures, targets, per group and
/// per unit, the most common gaps and, given an earlier round, the change since then. Only
/// aggregates: no person's name or answer appears. Every chart has a table with its numbers.
public struct Dashboard {
    public struct Options: Sendable {
        public var lang: Language = .th
        public var digits: Digits = .arabic
        /// Input files as shown to the reader (now, and the earlier round).
        public var inputs: [String] = []
        public var beforeInputs: [String] = []
        public init() {}
    }

    let rules: RuleSet
    let now: OrganisationSummary
    let before: OrganisationSummary?
    let options: Options
    typealias Tally = OrganisationSummary.Tally

    public init(rules: RuleSet, now: OrganisationSummary, before: OrganisationSummary?, options: Options) {
        self.rules = rules
        self.now = now
        self.before = before
        self.options = options
    }

    func t(_ th: String, _ en: String) -> String { options.lang == .th ? th : en }
    func title(_ l: LocalizedText) -> String { l.text(options.lang) }
    func int(_ i: Int) -> String { options.digits.apply(String(i)) }
    func fmt(_ r: Rational?) -> String { r.map { options.digits.apply($0.formatted(places: 1)) } ?? "-" }
    func change(_ a: Rational?, _ b: Rational?) -> String {
        guard let a, let b, let d = a - b else { return "-" }
        return (d > .zero ? "+" : d == .zero ? "±" : "") + fmt(d)
    }
    /// A comparison as printed for people (≥ rather than >=), kept on one line with its number.
    func symbol(_ op: CompareOp) -> String {
        switch op.rawValue {
        case ">=": return "≥\u{A0}"
        case "<=": return "≤\u{A0}"
        case "!=": return "≠\u{A0}"
        default: return op.rawValue + "\u{A0}"
        }
    }
    func double(_ r: Rational?) -> Double? { r.map { Double($0.description) ?? 0 } }

    // MARK: measures of a tally

    /// Yes/no scores (e.g. assessed), shown as the share of people for whom they hold.
    var boolScores: [Int] { rules.computed.indices.filter { rules.computed[$0].isOutputScore && rules.computed[$0].type == .bool } }
    /// The score the first band is on (e.g. readiness), shown as a mean.
    var meanScore: Int? { rules.bands.first.map(\.score).flatMap { $0 >= 0 ? $0 : nil } }
    var band: BandDef? { rules.bands.first }

    func percent(_ n: Int, _ of: Int) -> Rational? { of > 0 ? Rational(Int64(n) * 100, Int64(of))?.rounded(places: 1) : nil }
    func share(_ t: Tally, _ s: Int) -> Rational? { percent(t.trueCounts[s] ?? 0, t.headcount) }
    func idpShare(_ t: Tally) -> Rational? { percent(t.withIDP, t.headcount) }
    func mean(_ t: Tally, _ s: Int) -> Rational? {
        t.headcount == 0 ? nil : ((t.sums[s] ?? .zero) / Rational(t.headcount))?.rounded(places: 1)
    }
    func groupLabel(_ g: Int) -> String { title(rules.groups[g].entity.title) + " (" + rules.groups[g].entity.id + ")" }
    func unitLabel(_ u: String) -> String { u.isEmpty ? t("(ไม่ระบุหน่วยงาน)", "(no unit)") : u }

    // MARK: document

    public func render() -> String {
        HTML.document(lang: options.lang, title: t("รายงานภาพรวม", "Organisation dashboard") + " — " + title(rules.title),
                      style: ReportStyle.common + ReportStyle.report, script: Dashboard.sortScript) { h in
            h.element("h1", t("รายงานภาพรวมการประเมินและการพัฒนาทักษะ", "Organisation dashboard: assessment and development"))
            h.element("p", title(rules.title))
            h.element("p", t("ข้อมูล: ", "Data: ") + options.inputs.joined(separator: ", "), [("class", "note")])
            if before != nil {
                h.element("p", t("เทียบกับรอบก่อน: ", "Compared with the earlier round: ") + options.beforeInputs.joined(separator: ", "), [("class", "note")])
            }
            guard now.total.headcount > 0 else {
                h.element("p", t("ไม่มีบุคคลในข้อมูลที่ให้มา จึงยังไม่มีตัวเลขให้รายงาน", "There is no one in the input, so there is nothing to report yet."),
                          [("class", "empty")])
                return
            }
            headline(&h)
            targets(&h)
            groups(&h)
            units(&h)
            gaps(&h)
            if let before { changes(&h, before) }
        }
    }

    func figure(_ h: inout HTML, _ label: String, _ value: String, _ was: String?) {
        h.element("div", [("class", "figure")]) { h in
            h.element("span", label)
            h.element("span", value, [("class", "value")])
            if let was { h.element("span", was, [("class", "change")]) }
        }
    }

    func headline(_ h: inout HTML) {
        let t0 = now.total, b0 = before?.total
        func was(_ a: Rational?, _ b: Rational?) -> String? {
            guard b0 != nil else { return nil }
            return t("เปลี่ยน ", "change ") + change(a, b) + t(" จาก ", " from ") + fmt(b)
        }
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("ตัวเลขสำคัญ", "Headline figures"))
            h.element("div", [("class", "headline")]) { h in
                figure(&h, t("จำนวนคน", "People"), int(t0.headcount), b0.map { b in
                    let d = t0.headcount - b.headcount
                    return t("เปลี่ยน ", "change ") + (d > 0 ? "+" : d == 0 ? "±" : "-") + int(abs(d)) + t(" จาก ", " from ") + int(b.headcount)
                })
                for s in boolScores {
                    figure(&h, title(rules.computed[s].entity.title) + " (%)", fmt(share(t0, s)), was(share(t0, s), b0.flatMap { share($0, s) }))
                }
                figure(&h, t("มีแผนพัฒนารายบุคคล (IDP) (%)", "With an IDP (%)"), fmt(idpShare(t0)), was(idpShare(t0), b0.flatMap(idpShare)))
                if let m = meanScore {
                    figure(&h, t("ค่าเฉลี่ย ", "Mean ") + title(rules.computed[m].entity.title), fmt(mean(t0, m)), was(mean(t0, m), b0.flatMap { mean($0, m) }))
                }
            }
        }
    }

    func targets(_ h: inout HTML) {
        guard !rules.targets.isEmpty else { return }
        let outcomes = now.targets.outcomes()
        let earlier = before?.targets.outcomes()
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("เป้าหมาย", "Targets"))
            for o in outcomes where o.value != nil {
                let target = rules.targets[o.target]
                let goal = t("เป้า ", "goal ") + symbol(target.goalOp) + fmt(o.goal)
                h.element("figure") { h in
                    h.element("figcaption", title(target.entity.title))
                    h.trusted(SVGChart.bars(id: "target-\(o.target)", title: title(target.entity.title),
                                            bars: [SVGChart.Bar(label: t("ผลที่วัดได้", "measured"), value: double(o.value), shown: fmt(o.value))]
                                                + (earlier.map { [SVGChart.Bar(label: t("รอบก่อน", "earlier round"), value: double($0[o.target].value), shown: fmt($0[o.target].value))] } ?? []),
                                            maximum: max(100, double(o.value) ?? 0, double(o.goal) ?? 0), goal: (double(o.goal) ?? 0, goal)))
                }
            }
            var head = [(t("เป้าหมาย", "Target"), false), (t("ปีงบประมาณ", "Fiscal year"), true), (t("เกณฑ์", "Goal"), false),
                        (t("ผลที่วัดได้", "Measured"), true)]
            if earlier != nil { head.append((t("รอบก่อน", "Earlier"), true)) }
            head.append((t("ผล", "Result"), false))
            let rows = outcomes.map { o -> [Cell] in
                let target = rules.targets[o.target]
                var r: [Cell] = [Cell(title(target.entity.title) + (target.note.map { " — " + $0 } ?? "")),
                                 Cell(target.year.map(int) ?? "-", sort: target.year.map(String.init)),
                                 Cell(symbol(target.goalOp) + fmt(o.goal)),
                                 Cell(o.value == nil ? t("วัดไม่ได้จากแบบประเมินตนเอง", "not measurable from the self-assessments") : fmt(o.value),
                                      sort: o.value?.description)]
                if let earlier { r.append(Cell(fmt(earlier[o.target].value), sort: earlier[o.target].value?.description)) }
                r.append(Cell(o.met.map { $0 ? t("บรรลุ", "met") : t("ยังไม่บรรลุ", "not met") } ?? "-", cls: o.met == true ? "met" : nil))
                return r
            }
            table(&h, caption: t("เป้าหมายทั้งหมด", "All targets"), head: head, rows: rows)
        }
    }

    /// The columns of the group and unit tables, with the matching cells of one tally.
    var tallyHead: [(String, Bool)] {
        var head = [(t("จำนวนคน", "People"), true)]
        head += boolScores.map { (title(rules.computed[$0].entity.title) + " %", true) }
        head.append((t("มี IDP %", "With IDP %"), true))
        if let m = meanScore { head.append((t("เฉลี่ย ", "mean ") + title(rules.computed[m].entity.title), true)) }
        head += band?.cases.map { (title($0.entity.title), true) } ?? []
        return head
    }

    func tallyCells(_ tally: Tally) -> [Cell] {
        var r = [Cell(int(tally.headcount), sort: String(tally.headcount))]
        r += boolScores.map { s in Cell(fmt(share(tally, s)), sort: share(tally, s)?.description) }
        r.append(Cell(fmt(idpShare(tally)), sort: idpShare(tally)?.description))
        if let m = meanScore { r.append(Cell(fmt(mean(tally, m)), sort: mean(tally, m)?.description)) }
        r += band?.cases.indices.map { Cell(int(tally.bandCounts[$0] ?? 0), sort: String(tally.bandCounts[$0] ?? 0)) } ?? []
        return r
    }

    func breakdown(_ h: inout HTML, id: String, name: String, rows: [(String, Tally)]) {
        if let m = meanScore {
            let caption = t("ค่าเฉลี่ย", "Mean ") + title(rules.computed[m].entity.title) + t(" ตาม", " by ") + name
            h.element("figure") { h in
                h.element("figcaption", caption)
                let bars = rows.map { SVGChart.Bar(label: $0.0, value: double(mean($0.1, m)), shown: fmt(mean($0.1, m))) }
                h.trusted(SVGChart.bars(id: "\(id)-mean", title: caption, bars: bars,
                                        maximum: max(100, bars.compactMap(\.value).max() ?? 0)))
            }
        }
        if let band {
            let caption = title(band.entity.title) + t(" ตาม", " by ") + name + t(" (จำนวนคน)", " (people)")
            h.element("figure") { h in
                h.element("figcaption", caption)
                h.trusted(SVGChart.stacked(id: "\(id)-bands", title: caption, series: band.cases.map { title($0.entity.title) },
                                           rows: rows.map { row in
                                               let counts = band.cases.indices.map { row.1.bandCounts[$0] ?? 0 }
                                               return SVGChart.Stack(label: row.0, counts: counts, shown: counts.map(int))
                                           }))
            }
        }
        table(&h, caption: t("ตัวเลขตาม", "Figures by ") + name, head: [(name, false)] + tallyHead,
              rows: rows.map { [Cell($0.0)] + tallyCells($0.1) }, total: [Cell(t("รวม", "Total"))] + tallyCells(now.total))
    }

    func groups(_ h: inout HTML) {
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("ตาม", "By ") + rules.groupTerm.text(options.lang))
            breakdown(&h, id: "group", name: rules.groupTerm.text(options.lang),
                      rows: now.byGroup.keys.sorted().map { (groupLabel($0), now.byGroup[$0]!) })
        }
    }

    func units(_ h: inout HTML) {
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("ตามหน่วยงาน", "By unit"))
            breakdown(&h, id: "unit", name: t("หน่วยงาน", "unit"),
                      rows: now.byUnit.keys.sorted().map { (unitLabel($0), now.byUnit[$0]!) })
        }
    }

    /// The ten most common gaps, most common first; ties in item order.
    func topGaps(_ tally: Tally) -> [(item: Int, people: Int)] {
        Array(tally.gapCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10).map { ($0.key, $0.value) })
    }

    func itemLabel(_ i: Int) -> String { title(rules.items[i].entity.title) + " (" + rules.items[i].entity.id + ")" }

    func gaps(_ h: inout HTML) {
        let top = topGaps(now.total)
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("จุดที่ต้องพัฒนาที่พบบ่อย", "Most common gaps"))
            guard !top.isEmpty else { h.element("p", t("ไม่พบจุดที่ต้องพัฒนา", "No gaps found.")); return }
            let caption = t("จำนวนคนที่มีจุดที่ต้องพัฒนาในรายการนี้ (๑๐ อันดับแรก)", "People with this gap (top 10)")
            h.element("figure") { h in
                h.element("figcaption", caption)
                h.trusted(SVGChart.bars(id: "gaps", title: caption,
                                        bars: top.map { g in
                                            // code first: a cut label still says which item it is
                                            let e = rules.items[g.item].entity
                                            return SVGChart.Bar(label: e.id + " " + title(e.title), value: Double(g.people), shown: int(g.people))
                                        },
                                        maximum: Double(top.first?.people ?? 1)))
            }
            let kinds = rules.kinds
            table(&h, caption: caption, head: [(t("อันดับ", "Rank"), true), (t("รายการ", "Item"), false), (t("ด้าน", "Aspect"), false),
                                               (t("จำนวนคน", "People"), true), (t("ร้อยละของทุกคน", "% of everyone"), true)],
                  rows: top.enumerated().map { k, g in
                      let kind = rules.items[g.item].kind
                      return [Cell(int(k + 1), sort: String(k + 1)), Cell(itemLabel(g.item)),
                              Cell(kind >= 0 && kind < kinds.count ? title(kinds[kind].title) : "-"),
                              Cell(int(g.people), sort: String(g.people)),
                              Cell(fmt(percent(g.people, now.total.headcount)), sort: percent(g.people, now.total.headcount)?.description)]
                  })
        }
    }

    func changes(_ h: inout HTML, _ before: OrganisationSummary) {
        h.element("section", [("class", "part")]) { h in
            h.element("h2", t("การเปลี่ยนแปลงจากรอบก่อน", "Change since the earlier round"))
            h.element("p", t("ทั้งสองรอบคิดด้วยกฎชุดเดียวกัน", "Both rounds are scored with the same rules."), [("class", "note")])
            func row(_ label: String, _ a: Rational?, _ b: Rational?) -> [Cell] {
                [Cell(label), Cell(fmt(b), sort: b?.description), Cell(fmt(a), sort: a?.description), Cell(change(a, b), sort: (a.flatMap { a in b.flatMap { a - $0 } })?.description)]
            }
            let head = [(t("ตัวชี้วัด", "Measure"), false), (t("รอบก่อน", "Earlier"), true), (t("รอบนี้", "Now"), true), (t("เปลี่ยน", "Change"), true)]
            let (a, b) = (now.total.headcount, before.total.headcount)
            var rows = [[Cell(t("จำนวนคน", "People")), Cell(int(b), sort: String(b)), Cell(int(a), sort: String(a)),
                         Cell((a > b ? "+" : a == b ? "±" : "-") + int(abs(a - b)), sort: String(a - b))]]
            for s in boolScores { rows.append(row(title(rules.computed[s].entity.title) + " %", share(now.total, s), share(before.total, s))) }
            rows.append(row(t("มี IDP %", "With IDP %"), idpShare(now.total), idpShare(before.total)))
            if let m = meanScore { rows.append(row(t("เฉลี่ย ", "mean ") + title(rules.computed[m].entity.title), mean(now.total, m), mean(before.total, m))) }
            let earlier = before.targets.outcomes()
            for o in now.targets.outcomes() where o.value != nil || earlier[o.target].value != nil {
                rows.append(row(title(rules.targets[o.target].entity.title), o.value, earlier[o.target].value))
            }
            table(&h, caption: t("ภาพรวม", "Overall"), head: head, rows: rows)
            if let m = meanScore {
                let groups = Set(now.byGroup.keys).union(before.byGroup.keys).sorted()
                let caption = t("ค่าเฉลี่ย", "Mean ") + title(rules.computed[m].entity.title) + t(" ตาม", " by ") + rules.groupTerm.text(options.lang)
                h.element("figure") { h in
                    h.element("figcaption", caption + t(" (รอบนี้ / รอบก่อน)", " (now / earlier)"))
                    var bars: [SVGChart.Bar] = []
                    for g in groups {
                        let a = now.byGroup[g].flatMap { mean($0, m) }, b = before.byGroup[g].flatMap { mean($0, m) }
                        bars.append(SVGChart.Bar(label: groupLabel(g) + t(" รอบนี้", " now"), value: double(a), shown: fmt(a)))
                        bars.append(SVGChart.Bar(label: groupLabel(g) + t(" รอบก่อน", " earlier"), value: double(b), shown: fmt(b)))
                    }
                    h.trusted(SVGChart.bars(id: "change-groups", title: caption, bars: bars, maximum: 100))
                }
                table(&h, caption: caption, head: [(t("กลุ่มภารกิจ", "Mission group"), false)] + head.dropFirst(),
                      rows: groups.map { g in
                          Array(row(groupLabel(g), now.byGroup[g].flatMap { mean($0, m) }, before.byGroup[g].flatMap { mean($0, m) }))
                      })
            }
        }
    }

    // MARK: tables

    struct Cell {
        var text: String
        /// Sort key for numeric columns (plain digits, whatever digits are shown).
        var sort: String?
        var cls: String?
        init(_ text: String, sort: String? = nil, cls: String? = nil) { self.text = text; self.sort = sort; self.cls = cls }
    }

    /// A data table; a click on a column heading sorts the rows (the total row stays last).
    func table(_ h: inout HTML, caption: String, head: [(String, Bool)], rows: [[Cell]], total: [Cell]? = nil) {
        h.open("table", [("class", "data")])
        h.element("caption", caption, [("class", "note")])
        h.open("thead")
        h.open("tr")
        for (label, numeric) in head {
            h.element("th", label, numeric ? [("class", "num"), ("data-sort", "num"), ("scope", "col")] : [("data-sort", "text"), ("scope", "col")])
        }
        h.close("tr")
        h.close("thead")
        func write(_ r: [Cell], _ h: inout HTML) {
            h.open("tr")
            for (k, c) in r.enumerated() {
                var attrs: [(String, String)] = []
                let numeric = k < head.count && head[k].1
                if numeric || c.cls != nil { attrs.append(("class", ([numeric ? "num" : nil, c.cls].compactMap { $0 }).joined(separator: " "))) }
                if let s = c.sort { attrs.append(("data-v", s)) }
                h.element(k == 0 ? "th" : "td", c.text, k == 0 ? attrs + [("scope", "row")] : attrs)
            }
            h.close("tr")
        }
        h.open("tbody")
        for r in rows { write(r, &h) }
        h.close("tbody")
        if let total {
            h.open("tfoot")
            write(total, &h)
            h.close("tfoot")
        }
        h.close("table")
        h.newline()
    }

    /// Sorts a table by the clicked column: numbers by their `data-v`, text in Thai order.
    static let sortScript = """
    document.querySelectorAll("table.data th[data-sort]").forEach(function (th) {
      th.tabIndex = 0;
      function sort() {
        var table = th.closest("table"), body = table.tBodies[0], i = th.cellIndex;
        var asc = th.getAttribute("aria-sort") !== "ascending", num = th.getAttribute("data-sort") === "num";
        table.querySelectorAll("th[aria-sort]").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        function key(r) { var c = r.cells[i]; return c.getAttribute("data-v") || c.textContent; }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "th");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });

    """
}
