import Foundation
import ThaksaCore

/// `thaksa forms INPUT... [--id ID]... --out FILE.html`: printable IDP1 forms, one A4 page a person;
/// with `--outcomes FILE` the IDP2 review of the plans agreed in INPUT.
struct FormsCommand {
    let cli: CLI

    static func help(_ lang: Language) -> String {
        lang == .th ? """
        วิธีใช้: thaksa forms INPUT... [--id ID]... --out FILE.html [--rules DIR] [--year ปี]
                              [--redact] [--skip-invalid] [--lang th|en] [--digits thai|arabic]
                thaksa forms ROUND --outcomes FILE [--id ID]... --out FILE.html [...]

        พิมพ์แบบฟอร์มแผนพัฒนารายบุคคล (IDP1) หนึ่งหน้า A4 ต่อหนึ่งคน จากผลการประเมินตนเอง: รายการที่ต้องพัฒนา
        หลักสูตร วิธีการพัฒนาตามสัดส่วน ๗๐:๒๐:๑๐ และไตรมาส ตามร่างแผนที่กฎกำหนด ช่องเป้าหมาย วิธีประเมินผล
        และลายมือชื่อเว้นว่างไว้ให้ผู้รับการพัฒนาและผู้บังคับบัญชากรอก

        เมื่อระบุ --outcomes พิมพ์แบบประเมินผลการพัฒนา (IDP2) แทน: ROUND คือไฟล์การประเมินรอบที่ตกลงแผนไว้
        (แผนจากคอลัมน์ plan หรือร่างแผนที่กฎกำหนด) แต่ละรายการในแผนแสดงผลการดำเนินการที่บันทึกไว้ (ทำเครื่องหมาย
        ในช่องหนึ่งในสี่ช่อง) ผลการพัฒนาและข้อเสนอแนะ รายการที่ยังไม่มีผลเว้นช่องว่างไว้ให้กรอก

        ตัวเลือก:
          --id ID            พิมพ์เฉพาะคนนี้ (ใช้ซ้ำได้; ไม่ระบุ = ทุกคน)
          --outcomes FILE    ผลการพัฒนาตามแผน (CSV หรือ JSON Lines: id, item, outcome, note, suggestion)
                             พิมพ์แบบ IDP2; ปีงบประมาณมาจากคอลัมน์ fiscal_year ของ ROUND ถ้าไม่ระบุ --year
          --out FILE.html    ไฟล์ที่จะเขียน (เขียนทั้งไฟล์หรือไม่เขียนเลย)
          --rules DIR        โฟลเดอร์ชุดกฎ (ค่าเริ่มต้น: ชุดกฎ OCSC/BMA ที่มากับโปรแกรม)
          --year ปี          ปีงบประมาณ พ.ศ. ที่พิมพ์ในหัวแบบฟอร์ม (ไม่ระบุ = เว้นให้เขียน)
          --redact           แสดงรหัสแทนชื่อ
          --skip-invalid     ข้ามแถวที่มีข้อผิดพลาด (แจ้งทุกแถวที่ข้าม)
          --lang th|en       ภาษา (ค่าเริ่มต้น: ตาม THAKSA_LANG หรือ LANG)
          --digits thai|arabic  เลขไทยหรือเลขอารบิก (ค่าเริ่มต้น: arabic)

        รหัสออก: 0 สำเร็จ, 1 ข้อมูลผิดหรือไม่พบรหัส, 2 ใช้คำสั่งผิด, 3 อ่านหรือเขียนไฟล์ไม่ได้

        """ : """
        Usage: thaksa forms INPUT... [--id ID]... --out FILE.html [--rules DIR] [--year BE]
                            [--redact] [--skip-invalid] [--lang th|en] [--digits thai|arabic]
               thaksa forms ROUND --outcomes FILE [--id ID]... --out FILE.html [...]

        Prints the individual development plan form (IDP1) for each person, one A4 page each, from the
        self-assessments: the items to develop, courses, methods in the 70:20:10 columns and quarters of
        the draft plan the rules make. The goal, evaluation and signature columns are left empty for the
        person and the supervisor to fill in.

        With --outcomes it prints the review form (IDP2) instead: ROUND is the assessment round the
        plans were agreed in (the `plan` column, else the draft). Each plan item shows the recorded
        outcome ticked among the four, the result and suggestions; items with no outcome recorded are
        left empty to fill in by hand.

        Options:
          --id ID            only this person (repeatable; none means everyone)
          --outcomes FILE    IDP2 outcomes (CSV or JSON Lines: id, item, outcome, note, suggestion):
                             print IDP2 pages; the year comes from ROUND's fiscal_year unless --year
          --out FILE.html    the file to write (whole or not at all)
          --rules DIR        rule-set folder (default: the shipped OCSC/BMA rule set)
          --year BE          fiscal year (Buddhist Era) printed in the header (default: left to fill in)
          --redact           show ids instead of names
          --skip-invalid     leave out bad rows (each is still reported)
          --lang th|en       language (default: THAKSA_LANG or LANG)
          --digits thai|arabic  Thai or Arabic digits (default: arabic)

        Exit codes: 0 ok, 1 bad rows or unknown id, 2 usage error, 3 unreadable input or unwritable output.

        """
    }

    func run(_ raw: [String]) -> ExitCode {
        var lang = Language.fromEnvironment(cli.environment)
        let args: Arguments
        var options = FormOptions()
        do {
            args = try Arguments(raw, valued: ["--id", "--out", "--rules", "--year", "--lang", "--digits", "--outcomes"],
                                 switches: ["--help", "--redact", "--skip-invalid"])
            lang = try cli.language(args)
            options.digits = try cli.digits(args)
            if let y = args.options["--year"] {
                guard let n = Int(y), (2400...2700).contains(n) else {
                    throw Arguments.UsageError(message: lang == .th ? "`--year` ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2568 ไม่ใช่ `\(y)`"
                                                                 : "`--year` takes a fiscal year in the Buddhist Era such as 2568, not `\(y)`")
                }
                options.year = n
            }
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, FormsCommand.help(lang))
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(FormsCommand.help(lang)); return .ok }
        guard !args.positionals.isEmpty else { return cli.usage(lang == .th ? "ระบุไฟล์ข้อมูลอย่างน้อยหนึ่งไฟล์" : "give at least one INPUT file", FormsCommand.help(lang)) }
        guard let out = args.options["--out"].map(cli.absolute) else { return cli.usage(lang == .th ? "ระบุไฟล์ที่จะเขียนด้วย `--out FILE.html`" : "give `--out FILE.html`", FormsCommand.help(lang)) }
        let outcomes = args.options["--outcomes"]
        if outcomes != nil, args.positionals.count != 1 || args.flags.contains("--skip-invalid") {
            return cli.usage(lang == .th ? "`--outcomes` ใช้กับไฟล์การประเมินรอบเดียว (รอบที่ตกลงแผนไว้) และไม่ใช้กับ `--skip-invalid`"
                                         : "`--outcomes` takes one INPUT (the round the plans were agreed in) and no `--skip-invalid`", FormsCommand.help(lang))
        }
        options.lang = lang
        options.redact = args.flags.contains("--redact")
        let wanted = args.all["--id"] ?? []
        if let empty = wanted.firstIndex(where: { $0.isEmpty }) {
            return cli.usage(lang == .th ? "`--id` ตัวที่ \(empty + 1) ว่าง" : "`--id` number \(empty + 1) is empty", FormsCommand.help(lang))
        }

        let (loaded, rulesShown) = cli.ruleSet(args.options["--rules"])
        if let code = cli.reportRuleErrors(loaded, rulesShown, lang) { return code }
        let rules = loaded.ruleSet
        let inputs = ReportInputs(cli: cli, rules: rules, lang: lang, skipInvalid: args.flags.contains("--skip-invalid"))
        let paths: [(path: String, display: String)]
        switch inputs.paths(args.positionals + (outcomes.map { [$0] } ?? [])) {
        case .failure(let code): return code
        case .success(let p): paths = p
        }

        // Pages are built as people are scored; the file is written only when all is well.
        let wantedSet = Set(wanted)
        var found: Set<String> = []
        var allIDs: [String] = []
        var pages = FormsDocument.head(options, review: outcomes != nil)
        func add(_ id: String, _ page: @autoclosure () -> FormPage) {
            // Ids for a "did you mean" hint; bounded, a typo is caught among the first 100 000.
            if allIDs.count < 100_000 { allIDs.append(id) }
            if wantedSet.isEmpty || wantedSet.contains(id) {
                found.insert(id)
                var h = HTML()
                page().render(into: &h)
                pages += h.text
            }
        }
        if outcomes != nil {
            switch ProgressRunner(rules: rules).reviews(round: paths[0], outcomes: paths[1]) {
            case .failure(let e):
                for item in e.items { cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + item.rendered(lang) + "\n") }
                cli.stderr.write(lang == .th ? "ไม่ได้เขียนแบบฟอร์ม\n" : "no forms written\n")
                return .problems
            case .success(let r):
                options.year = options.year ?? r.fiscalYear
                pages = FormsDocument.head(options, review: true)
                for review in r.people { add(review.person.id, IDP2Page(rules: rules, review: review, options: options)) }
            }
        } else {
            switch inputs.score(paths, person: { r in add(r.id, IDP1Page(rules: rules, person: r, options: options)) }) {
            case .failure(let code): return code
            case .success: break
            }
        }
        let missing = wanted.enumerated().filter { !found.contains($0.element) }
        for (k, id) in missing where wanted.firstIndex(of: id) == k {
            let place = argumentPosition(raw, occurrence: k)
            let files = paths.prefix(args.positionals.count).map(\.display).joined(separator: ", ")
            let hint = Suggestions.closest(to: id, in: allIDs).map { lang == .th ? " (หมายถึง `\($0)` หรือไม่?)" : " (did you mean `\($0)`?)" } ?? ""
            cli.stderr.write(lang == .th
                ? "ข้อผิดพลาด: บรรทัดคำสั่ง อาร์กิวเมนต์ที่ \(place): ไม่พบรหัส `\(id)` ใน \(files)\(hint)\n"
                : "error: command line, argument \(place): no person with id `\(id)` in \(files)\(hint)\n")
        }
        if !missing.isEmpty {
            cli.stderr.write(lang == .th ? "ไม่ได้เขียนแบบฟอร์ม\n" : "no forms written\n")
            return .problems
        }
        if found.isEmpty { pages += FormsDocument.emptyPage(options) }
        pages += FormsDocument.tail
        return inputs.write(out) { $0.write(pages) }
    }

    /// Position of the `occurrence`-th `--id` value among the words after `thaksa` (`forms` is 1).
    func argumentPosition(_ raw: [String], occurrence: Int) -> Int {
        var seen = 0
        for (i, a) in raw.enumerated() where a == "--id" || a.hasPrefix("--id=") {
            if seen == occurrence { return a == "--id" ? i + 3 : i + 2 }
            seen += 1
        }
        return 0
    }
}
