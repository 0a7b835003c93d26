import Foundation
import ThaksaCore

/// `thaksa report INPUT... [--before FILE]... --out FILE.html`: the organisation dashboard.
struct ReportCommand {
    let cli: CLI

    static func help(_ lang: Language) -> String {
        lang == .th ? """
        วิธีใช้: thaksa report INPUT... --out FILE.html [--before FILE]... [--rules DIR]
                               [--skip-invalid] [--lang th|en] [--digits thai|arabic]

        รายงานภาพรวมขององค์กรเป็นไฟล์ HTML ไฟล์เดียว (เปิดได้โดยไม่ต้องต่ออินเทอร์เน็ต พิมพ์ได้): ตัวเลขสำคัญ
        เป้าหมายแต่ละข้อกับผลที่วัดได้ ตัวเลขตามกลุ่มภารกิจและตามหน่วยงาน (จำนวนคน ร้อยละที่ประเมินตนเองครบ
        ร้อยละที่มี IDP ความพร้อมเฉลี่ย การกระจายตามระดับความพร้อม) จุดที่ต้องพัฒนาที่พบบ่อย และเมื่อให้
        --before การเปลี่ยนแปลงจากรอบก่อน (ทั้งสองรอบคิดด้วยกฎชุดเดียวกัน) ทุกแผนภูมิมีตารางตัวเลขกำกับ
        รายงานไม่มีชื่อบุคคล

        ตัวเลือก:
          --out FILE.html    ไฟล์ที่จะเขียน (เขียนทั้งไฟล์หรือไม่เขียนเลย)
          --before FILE      ผลการประเมินรอบก่อน (ใช้ซ้ำได้)
          --rules DIR        โฟลเดอร์ชุดกฎ (ค่าเริ่มต้น: ชุดกฎ OCSC/BMA ที่มากับโปรแกรม)
          --skip-invalid     ข้ามแถวที่มีข้อผิดพลาด (แจ้งทุกแถวที่ข้าม)
          --lang th|en       ภาษา (ค่าเริ่มต้น: ตาม THAKSA_LANG หรือ LANG)
          --digits thai|arabic  เลขไทยหรือเลขอารบิก (ค่าเริ่มต้น: arabic)

        รหัสออก: 0 สำเร็จ, 1 ข้อมูลผิด, 2 ใช้คำสั่งผิด, 3 อ่านหรือเขียนไฟล์ไม่ได้

        """ : """
        Usage: thaksa report INPUT... --out FILE.html [--before FILE]... [--rules DIR]
                             [--skip-invalid] [--lang th|en] [--digits thai|arabic]

        The organisation dashboard as one HTML file (works offline, prints): headline figures, each
        target with its goal and measured value, per mission group and per unit (headcount, share
        self-assessed, share with an IDP, mean readiness, readiness bands), the most common gaps and,
        with --before, the change since that round (both scored with the same rules). Every chart has a
        table with its numbers. The dashboard contains no person's name.

        Options:
          --out FILE.html    the file to write (whole or not at all)
          --before FILE      an earlier round's assessments (repeatable)
          --rules DIR        rule-set folder (default: the shipped OCSC/BMA rule set)
          --skip-invalid     leave out bad rows (each is still reported)
          --lang th|en       language (default: THAKSA_LANG or LANG)
          --digits thai|arabic  Thai or Arabic digits (default: arabic)

        Exit codes: 0 ok, 1 bad rows, 2 usage error, 3 unreadable input or unwritable output.

        """
    }

    func run(_ raw: [String]) -> ExitCode {
        var lang = Language.fromEnvironment(cli.environment)
        let args: Arguments
        var options = Dashboard.Options()
        do {
            args = try Arguments(raw, valued: ["--before", "--out", "--rules", "--lang", "--digits"], switches: ["--help", "--skip-invalid"])
            lang = try cli.language(args)
            options.digits = try cli.digits(args)
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, ReportCommand.help(lang))
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(ReportCommand.help(lang)); return .ok }
        guard !args.positionals.isEmpty else { return cli.usage(lang == .th ? "ระบุไฟล์ข้อมูลอย่างน้อยหนึ่งไฟล์" : "give at least one INPUT file", ReportCommand.help(lang)) }
        guard let out = args.options["--out"].map(cli.absolute) else { return cli.usage(lang == .th ? "ระบุไฟล์ที่จะเขียนด้วย `--out FILE.html`" : "give `--out FILE.html`", ReportCommand.help(lang)) }
        options.lang = lang

        let (loaded, rulesShown) = cli.ruleSet(args.options["--rules"])
        if let code = cli.reportRuleErrors(loaded, rulesShown, lang) { return code }
        let inputs = ReportInputs(cli: cli, rules: loaded.ruleSet, lang: lang, skipInvalid: args.flags.contains("--skip-invalid"))
        func summary(_ files: [String]) -> Result<([String], OrganisationSummary), ExitCode> {
            inputs.paths(files).flatMap { paths in inputs.score(paths).map { (paths.map(\.display), $0) } }
        }
        let now: OrganisationSummary
        var before: OrganisationSummary?
        switch summary(args.positionals) {
        case .failure(let code): return code
        case .success(let (shown, s)): (options.inputs, now) = (shown, s)
        }
        if let earlier = args.all["--before"] {
            switch summary(earlier) {
            case .failure(let code): return code
            case .success(let (shown, s)): (options.beforeInputs, before) = (shown, s)
            }
        }
        let html = Dashboard(rules: loaded.ruleSet, now: now, before: before, options: options).render()
        return inputs.write(out) { $0.write(html) }
    }
}
