/// The printed forms file of `thaksa forms`: one A4 page per person, the plan (IDP1) or the
/// end-of-year review (IDP2).
public protocol FormPage {
    func render(into h: inout HTML)
}

/// What the two forms share: wording in the chosen language and digits, and the header.
protocol FormParts {
    var rules: RuleSet { get }
    var person: PersonResult { get }
    var options: FormOptions { get }
}

extension FormParts {
    func t(_ th: String, _ en: String) -> String { options.lang == .th ? th : en }
    func n(_ i: Int) -> String { options.digits.apply(String(i)) }
    /// The form's column number, e.g. (๑).
    func col(_ i: Int) -> String { "(" + n(i) + ") " }
    var blank: String { "................................" }
    var name: String { options.redact ? person.id : person.name }

    /// Title, rule set and fiscal year, then name, id, position and unit (dotted lines when empty).
    func header(_ h: inout HTML, title: String) {
        h.element("h1", title)
        h.element("p", [("class", "sub")]) { h in
            h.escaped(rules.title.text(options.lang) + " · " + t("ปีงบประมาณ พ.ศ. ", "fiscal year (BE) "))
            h.element("span", options.year.map(n) ?? "........", [("class", "fill")])
        }
        h.element("p", [("class", "who")]) { h in
            for (label, value) in [(t("ชื่อ-สกุล (ผู้รับการพัฒนา)", "Name (person developed)"), name),
                                   (t("รหัส", "ID"), person.id), (t("ตำแหน่ง", "Position"), person.position),
                                   (t("สังกัด", "Unit"), person.unit)] {
                h.element("span", [("class", "field")]) { h in
                    h.element("b", label)
                    h.escaped(" ")
                    h.element("span", value.isEmpty ? blank : value, [("class", "fill")])
                }
            }
        }
    }

    /// Column (๑) of a plan item: number, title and code.
    func itemCell(_ h: inout HTML, _ k: Int, _ item: Int) {
        h.element("td", [("class", "item")]) { h in
            h.escaped(n(k + 1) + ". " + rules.items[item].entity.title.text(options.lang))
            h.element("span", " (" + rules.items[item].entity.id + ")", [("class", "code")])
        }
    }

    /// Column (๒) of a draft IDP entry: its courses with their source.
    func coursesCell(_ h: inout HTML, _ e: IDPEntry?) {
        h.element("td", [("class", "topic")]) { h in
            for c in e?.courses ?? [] {
                guard let track = person.track else { break }
                let course = rules.tracks[track].courses[c]
                h.element("div") { h in
                    h.escaped(course.title.text(options.lang))
                    if let source = course.source { h.element("span", " — " + source, [("class", "source")]) }
                }
            }
        }
    }

    func signatures(_ h: inout HTML, title: String) {
        h.element("div", [("class", "sign")]) { h in
            h.element("p", title, [("class", "sign-title")])
            h.element("p", t("ลงชื่อ", "Signed ") + blank + t(" ผู้รับการพัฒนา", " person developed") + " (" + name + ")")
            h.element("p", t("ลงชื่อ", "Signed ") + blank + t(" ผู้บังคับบัญชา", " supervisor") + " (" + blank + ")")
            h.element("p", t("วันที่", "Date ") + blank)
        }
    }
}

/// What a page shows of one person: the name is replaced by the id under `--redact`.
public struct FormOptions: Sendable {
    public var lang: Language = .th
    public var digits: Digits = .arabic
    /// Fiscal year (BE) printed in the header; nil leaves a dotted line to fill in by hand.
    public var year: Int?
    public var redact = false
    public init() {}
}

/// The individual development plan form IDP1 (001 L1638-1655): header, columns (๑)-(๖) with the
/// draft plan's items, courses, methods per 70/20/10 bucket and quarter, and the (๗) signatures.
/// Columns the person and supervisor fill in (goal, evaluation) are left empty.
public struct IDP1Page: FormPage, FormParts {
    let rules: RuleSet
    let person: PersonResult
    let options: FormOptions

    public init(rules: RuleSet, person: PersonResult, options: FormOptions) {
        self.rules = rules
        self.person = person
        self.options = options
    }

    public func render(into h: inout HTML) {
        h.open("section", [("class", "page idp1"), ("data-person", person.id)])
        header(&h, title: t("ตารางกำหนดแผนพัฒนารายบุคคล (Individual Development Plan - IDP)", "Individual Development Plan (IDP)") + " (IDP1)")
        table(&h)
        signatures(&h, title: col(7) + t("การรับทราบแผนพัฒนา IDP", "Acknowledgement of the IDP"))
        h.close("section")
        h.newline()
    }

    /// Column (๓), development methods: one column per 70:20:10 bucket as on the form; a rule set
    /// with methods but no buckets gets one column; one without methods none.
    var methodColumns: Int { rules.buckets.isEmpty ? (rules.methods.isEmpty ? 0 : 1) : rules.buckets.count }

    /// The methods of an IDP item that go in method column `k`.
    func methods(_ e: IDPEntry, column k: Int) -> [Int] {
        rules.buckets.isEmpty ? e.methods : e.methods.filter { rules.methods[$0].bucket == k }
    }

    func table(_ h: inout HTML) {
        let lang = options.lang
        let columns = methodColumns
        h.open("table", [("class", "form")])
        h.trusted("<colgroup><col class=\"c-item\"><col class=\"c-topic\">"
            + String(repeating: "<col class=\"c-method\">", count: columns) + "<col class=\"c-goal\">"
            + String(repeating: "<col class=\"c-q\">", count: rules.quarters.count) + "<col class=\"c-eval\"><col class=\"c-eval\"></colgroup>")
        h.open("thead")
        h.open("tr")
        h.element("th", col(1) + t("รายการความสามารถ และความรู้ ที่จำเป็นต้องพัฒนา", "Abilities and knowledge to develop"), [("rowspan", "2")])
        h.element("th", col(2) + t("ชื่อเรื่อง / เนื้อหา / หัวข้อการพัฒนา", "Topic / content / course"), [("rowspan", "2")])
        if !rules.buckets.isEmpty {
            h.element("th", col(3) + t("วิธีการพัฒนา", "Development methods"), [("colspan", String(columns))])
        } else if columns > 0 {
            h.element("th", col(3) + t("วิธีการพัฒนา", "Development methods"), [("rowspan", "2")])
        }
        h.element("th", col(4) + t("เป้าหมาย การนำไปพัฒนางาน", "Goal: how it will improve the work"), [("rowspan", "2")])
        if !rules.quarters.isEmpty {
            h.element("th", col(5) + t("ช่วงระยะเวลาการพัฒนา (ไม่น้อยกว่า ๓ เดือน)", "Period (at least 3 months)"), [("colspan", String(rules.quarters.count))])
        }
        h.element("th", col(6) + t("วิธีประเมินผลการพัฒนา", "How it will be evaluated"), [("colspan", "2")])
        h.close("tr")
        h.open("tr")
        for b in rules.buckets {
            h.element("th", n(Int(b.share.description) ?? 0) + " " + b.entity.title.text(lang), [("class", "sub")])
        }
        for q in rules.quarters { h.element("th", q.entity.title.text(lang), [("class", "sub q")]) }
        h.element("th", t("ประเมินตนเอง", "self"), [("class", "sub")])
        h.element("th", t("ผู้บังคับบัญชา / เพื่อนร่วมงาน", "supervisor / colleague"), [("class", "sub")])
        h.close("tr")
        h.close("thead")
        h.open("tbody")
        let rows = max(person.idp.count, rules.idp?.maxItems ?? 4)
        for k in 0..<rows {
            h.open("tr")
            if k < person.idp.count { entryCells(&h, k) } else {
                h.element("td", n(k + 1) + ".", [("class", "item")])
                for _ in 0..<(1 + columns) { h.void("td"); h.close("td") }
                h.void("td"); h.close("td")
                for _ in rules.quarters { h.void("td"); h.close("td") }
            }
            h.trusted("<td></td><td></td>")
            h.close("tr")
        }
        h.close("tbody")
        h.close("table")
    }

    /// Columns (๑)-(๕) of one item of the draft plan; (๔) the goal stays empty.
    func entryCells(_ h: inout HTML, _ k: Int) {
        let lang = options.lang
        let e = person.idp[k]
        itemCell(&h, k, person.requirements[e.requirement].item)
        coursesCell(&h, e)
        for k in 0..<methodColumns {
            let names = methods(e, column: k).map { rules.methods[$0].entity.title.text(lang) }
            h.element("td", names.joined(separator: ", "), [("class", "method")])
        }
        h.trusted("<td></td>")
        for q in rules.quarters.indices {
            if e.quarter == q {
                h.element("td", "✓", [("class", "tick"), ("aria-label", t("ใช่", "yes"))])
            } else {
                h.trusted("<td></td>")
            }
        }
    }
}

/// The IDP2 form (001 L1657-1667): for each item of the agreed IDP1 plan, its courses (when the
/// draft planned the item), the goal left empty, the four outcomes with the recorded one ticked,
/// the result (note) and suggestions; the review's signatures. Rows without a recorded outcome,
/// and empty rows up to the IDP maximum, are left to fill in by hand.
public struct IDP2Page: FormPage, FormParts {
    let rules: RuleSet
    let review: IDP2Review
    let options: FormOptions
    var person: PersonResult { review.person }

    public init(rules: RuleSet, review: IDP2Review, options: FormOptions) {
        self.rules = rules
        self.review = review
        self.options = options
    }

    public func render(into h: inout HTML) {
        h.open("section", [("class", "page idp2"), ("data-person", person.id)])
        header(&h, title: t("แบบประเมินผลการพัฒนาตามแผนพัฒนารายบุคคล (Individual Development Plan - IDP)",
                            "Review of the Individual Development Plan (IDP)") + " (IDP2)")
        h.open("table", [("class", "form")])
        h.trusted("<colgroup><col class=\"c-item\"><col class=\"c-topic\"><col class=\"c-goal\"><col class=\"c-done\">"
            + "<col class=\"c-note\"><col class=\"c-more\"></colgroup>")
        h.open("thead")
        h.open("tr")
        h.element("th", t("รายการพัฒนาที่กำหนดไว้ในแผนพัฒนารายบุคคล (IDP1)", "What the development plan (IDP1) set"), [("colspan", "3")])
        h.element("th", t("ผลการพัฒนา", "Results"), [("colspan", "2")])
        h.element("th", t("ข้อเสนอแนะการพัฒนาเพิ่มเติม", "Suggestions for further development"), [("rowspan", "2")])
        h.close("tr")
        h.open("tr")
        for (th, en) in [("รายการความสามารถและความรู้", "Abilities and knowledge"), ("ชื่อเรื่อง / เนื้อหา / หัวข้อการพัฒนา", "Topic / content / course"),
                         ("เป้าหมายการนำไปพัฒนางาน", "Goal for the work"), ("การดำเนินการ", "Outcome"), ("ผลการพัฒนา", "Result")] {
            h.element("th", t(th, en), [("class", "sub")])
        }
        h.close("tr")
        h.close("thead")
        h.open("tbody")
        for k in 0..<max(review.plan.count, rules.idp?.maxItems ?? 4) {
            h.open("tr")
            let item = k < review.plan.count ? review.plan[k] : nil
            let record = item.flatMap { review.outcomes[$0] }
            if let item {
                itemCell(&h, k, item)
                coursesCell(&h, person.idp.first { person.requirements[$0.requirement].item == item })
            } else {
                h.element("td", n(k + 1) + ".", [("class", "item")])
                h.trusted("<td></td>")
            }
            h.trusted("<td></td>")
            h.element("td", [("class", "done")]) { h in
                for o in IDPOutcome.allCases {
                    h.element("div") { h in
                        if record?.outcome == o {
                            h.element("span", "✓", [("class", "box"), ("role", "img"), ("aria-label", t("เลือก", "ticked"))])
                        } else {
                            h.element("span", "", [("class", "box")])
                        }
                        h.escaped(" " + t(o.thai, o.english))
                    }
                }
            }
            h.element("td", record?.note ?? "", [("class", "note")])
            h.element("td", record?.suggestion ?? "", [("class", "note")])
            h.close("tr")
        }
        h.close("tbody")
        h.close("table")
        signatures(&h, title: t("รับทราบผลการประเมินแผนพัฒนา IDP", "Acknowledgement of the IDP review"))
        h.close("section")
        h.newline()
    }
}

/// The forms file: a document around the pages.
public enum FormsDocument {
    public static func head(_ options: FormOptions, review: Bool = false) -> String {
        let title = review ? (options.lang == .th ? "แบบประเมินผลการพัฒนาตามแผนพัฒนารายบุคคล (IDP2)" : "Reviews of individual development plans (IDP2)")
                           : (options.lang == .th ? "แบบฟอร์มแผนพัฒนารายบุคคล (IDP1)" : "Individual development plans (IDP1)")
        return HTML.documentHead(lang: options.lang, title: title, style: ReportStyle.common + ReportStyle.forms + (review ? ReportStyle.review : ""))
    }

    public static let tail = HTML.documentTail(script: fitScript)

    /// A plan too long for one sheet is scaled down to fit it, so each person stays on one page.
    /// Without scripts such a page prints on two sheets; nothing is cut off either way.
    static let fitScript = """
    (function () {
      var mm = 96 / 25.4, room = 185 * mm; // 194 mm between the margins, less what print layout adds
      document.querySelectorAll(".page").forEach(function (p) {
        var s = getComputedStyle(p);
        var h = p.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)
          - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth);
        if (h > room) { p.style.zoom = String(Math.floor(room / h * 1000) / 1000); }
      });
    })();

    """

    /// The page shown when no one is in the input.
    public static func emptyPage(_ options: FormOptions) -> String {
        var h = HTML()
        h.element("section", [("class", "page empty")]) { h in
            h.element("p", options.lang == .th ? "ไม่มีบุคคลในข้อมูลที่ให้มา จึงไม่มีแบบฟอร์มให้พิมพ์" : "There is no one in the input, so there are no forms to print.")
        }
        return h.text + "\n"
    }
}
