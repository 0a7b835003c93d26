import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// The files HR staff have (Google Forms exports, Excel CSV in its encodings, Unicode Text) score
/// to exactly the bytes the clean CSV scores to; files that cannot be read that way fail with the
/// messages kept in Tests/Fixtures/input-errors (both languages).
@Suite struct InputFormatTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/input"
    static let variants = ["google-forms-grid.csv", "google-forms-titles.csv", "excel-bom-crlf.csv", "windows-874.csv",
                           "unicode-text.txt", "semicolon.csv", "../xlsx/staff.xlsx"]

    /// Scores a fixture (shipped rules) into a temporary file and returns its bytes.
    static func scored(_ path: String, _ extra: [String] = [], format: String = "jsonl") throws -> (Run, Data?) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-in-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = Run(["score", path, "--out", out, "--format", format] + extra)
        return (run, FileManager.default.contents(atPath: out))
    }

    @Test(arguments: variants)
    func scoresExactlyAsTheCleanCSV(_ name: String) throws {
        for format in ["jsonl", "csv"] {
            let (clean, expected) = try InputFormatTests.scored(InputFormatTests.dir + "/staff.csv", format: format)
            #expect(clean.code == 0)
            let (run, got) = try InputFormatTests.scored(InputFormatTests.dir + "/" + name, format: format)
            #expect(run.code == 0, "\(name): \(run.stderr)")
            #expect(run.stderr == "")
            #expect(got != nil && got == expected, "\(name) (\(format)) does not score as staff.csv does")
        }
    }

    /// The personnel type (targets ๔.๑.๑ / ๔.๑.๒) under the header Thai HR files give it, mapped by
    /// the shipped rules' `column "ประเภทบุคลากร", … is personnel_type`, scores as the English header.
    @Test func personnelTypeUnderItsThaiHeader() throws {
        let sample = repositoryRoot + "/rules/ocsc-bma/sample/staff-2564.csv"
        let text = try String(contentsOfFile: sample, encoding: .utf8)
        let thai = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-pt-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: thai) }
        #expect(text.contains(",personnel_type"))
        try text.replacingOccurrences(of: ",personnel_type", with: ",ประเภทบุคลากร").write(toFile: thai, atomically: true, encoding: .utf8)
        let (english, expected) = try InputFormatTests.scored(sample)
        let (run, got) = try InputFormatTests.scored(thai)
        #expect(english.code == 0 && run.code == 0, Comment(rawValue: run.stderr))
        #expect(got != nil && got == expected)
        #expect(String(decoding: got ?? Data(), as: UTF8.self).contains("\"designated_employee\":true"))
    }

    @Test func standardInputScoresAsTheFile() throws {
        let (_, expected) = try InputFormatTests.scored(InputFormatTests.dir + "/staff.csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-stdin-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var cli = CLI(environment: [:], stdout: BufferOutput(), stderr: BufferOutput(), executableDirectory: nil,
                      currentDirectory: FileManager.default.currentDirectoryPath)
        cli.stdinPath = InputFormatTests.dir + "/windows-874.csv"
        #expect(cli.run(["score", "-", "--out", out]) == 0)
        #expect(FileManager.default.contents(atPath: out) == expected)
    }

    @Test func encodingOverrideAndColumnMapping() throws {
        let (_, expected) = try InputFormatTests.scored(InputFormatTests.dir + "/staff.csv")
        let (forced, got) = try InputFormatTests.scored(InputFormatTests.dir + "/windows-874.csv", ["--encoding", "tis-620"])
        #expect(forced.code == 0)
        #expect(got == expected)
        // A header nobody could guess, mapped on the command line.
        let dir = try ruleFolder(["rules.thaksa": runnerRules])
        try "เลขที่,ตำแหน่ง,กลุ่ม,ข้อ 1,ข้อ 2,หมายเหตุ\nP1,,A,มี,ไม่มี,x\n".write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let bad = Run(["score", "in.csv", "--rules", "."], cwd: dir)
        #expect(bad.code == 1)
        #expect(bad.stderr.contains("4 columns match no item or person field: `เลขที่`, `ข้อ 1`, `ข้อ 2`, `หมายเหตุ`"))
        let good = Run(["score", "in.csv", "--rules", ".", "--column", "เลขที่=id", "--column", "ข้อ 1=DLit100",
                        "--column", "ข้อ 2=ใช้งานเครื่องมือดิจิทัล", "--column", "หมายเหตุ=ignore"], cwd: dir)
        #expect(good.code == 0, "\(good.stderr)")
        #expect(good.stdout.contains("\"gaps\":[{\"item\":\"DLit200\""))
        // The same mapping in the rule set; `--column` wins over it.
        try (runnerRules + "\ncolumn \"เลขที่\" is id\ncolumn \"ข้อ 1\" is DLit100\ncolumn \"ข้อ 2\" is DLit200\ncolumn \"หมายเหตุ\" is ignore\n")
            .write(toFile: dir + "/rules.thaksa", atomically: true, encoding: .utf8)
        let fromRules = Run(["score", "in.csv", "--rules", "."], cwd: dir)
        #expect(fromRules.code == 0, "\(fromRules.stderr)")
        #expect(fromRules.stdout == good.stdout)
        let overridden = Run(["score", "in.csv", "--rules", ".", "--column", "ข้อ 2=ignore", "--show-columns"], cwd: dir)
        #expect(overridden.stdout.contains("  column 5 `ข้อ 2` → (ignored) [mapped by `column` in the rules or --column]\n"))
        try runnerRules.write(toFile: dir + "/rules.thaksa", atomically: true, encoding: .utf8)
        let show = Run(["score", "in.csv", "--rules", ".", "--column", "เลขที่=id", "--show-columns"], cwd: dir)
        #expect(show.code == 1)
        #expect(show.stdout.hasPrefix("in.csv: CSV, UTF-8, comma-separated\n  column 1 `เลขที่` → id [mapped by `column` in the rules or --column]\n"))
        #expect(show.stdout.contains("  column 4 `ข้อ 1` → (nothing) [matches no item or person field]\n"))
    }

    @Test func workbookSheetsByName() throws {
        let (_, expected) = try InputFormatTests.scored(InputFormatTests.dir + "/staff.csv")
        let (named, got) = try InputFormatTests.scored(repositoryRoot + "/Tests/Fixtures/xlsx/staff.xlsx", ["--sheet", "staff"])
        #expect(named.code == 0)
        #expect(got == expected)
        let (missing, none) = try InputFormatTests.scored(repositoryRoot + "/Tests/Fixtures/xlsx/staff.xlsx", ["--sheet", "ไม่มี"])
        #expect(missing.code == 1)
        #expect(none == nil)
        #expect(missing.stderr.hasPrefix("error: "))
    }

    @Test func aFileNamedXlsxThatIsNotAWorkbook() throws {
        let s = try score("in.xlsx", "id,group,DLit100\nP1,A,มี\n")
        #expect(s.run.code == 1)
        #expect(s.run.stderr.hasPrefix("error: in.xlsx: this is not an Excel workbook (.xlsx)"))
        let old = try score("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(old.run.code == 1)
        #expect(old.run.stderr.hasPrefix("error: old.xls: this is an old Excel 97-2003 workbook (.xls)"))
    }

    @Test func showColumnsReportsEveryColumn() throws {
        let run = Run(["score", InputFormatTests.dir + "/google-forms-grid.csv", "--show-columns"])
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 86)
        #expect(lines[1] == "  column 1 `ประทับเวลา` → (ignored) [metadata, not used]")
        #expect(lines[18] == "  column 18 `ด้านความสามารถ [เข้าถึงและตระหนักรู้ดิจิทัล]` → DLit100 [Google Forms grid]")
    }

    // MARK: errors, golden in both languages

    static let errorDir = repositoryRoot + "/Tests/Fixtures/input-errors"
    static let errorCases: [(String, [String])] = [
        ("unmapped-columns.csv", []),
        ("id-and-position-only.csv", []),
        ("windows-874-read-as-utf-8.csv", ["--encoding", "utf-8"]),
        ("utf-16-without-bom.txt", ["--allow-unmapped"]),
        ("workload-shares.csv", ["--allow-unmapped"]),
        ("position-titles.csv", ["--allow-unmapped"]),
        ("many-bad-rows.csv", ["--allow-unmapped"]),
        ("duplicate-key.jsonl", []),
        ("nothing-scored.csv", ["--allow-unmapped", "--skip-invalid", "--out", "out.jsonl"]),
        ("staff.csv", ["--sheet", "Sheet1"]),
    ]

    @Test(arguments: errorCases.map(\.0))
    func errorMessagesMatchTheirGoldenFiles(_ name: String) throws {
        let args = InputFormatTests.errorCases.first { $0.0 == name }?.1 ?? []
        let dir = try ruleFolder([:])
        let source = name == "staff.csv" ? InputFormatTests.dir : InputFormatTests.errorDir
        try FileManager.default.copyItem(atPath: source + "/" + name, toPath: dir + "/" + name)
        for lang in ["en", "th"] {
            let run = Run(["score", name, "--lang", lang] + args, cwd: dir)
            let text = "exit \(run.code)\n--- stdout\n\(run.stdout)--- stderr\n\(run.stderr)"
            let golden = InputFormatTests.errorDir + "/\(name).\(lang).txt"
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: golden, atomically: true, encoding: .utf8)
            }
            #expect(run.code != 0)
            #expect(text == (try? String(contentsOfFile: golden, encoding: .utf8)), "\(name) (\(lang)); UPDATE_GOLDEN=1 rewrites")
        }
    }

    @Test func overLongRowsAreLocatedErrorsAndReadingGoesOn() throws {
        let long = String(repeating: "ก", count: InputLimits.recordBytes / 3 + 10)
        let s = try score("in.csv", "id,position,group,DLit100\nP1,\(long),A,มี\nP2,,A,มี\n", ["--skip-invalid"])
        #expect(s.run.code == 0)
        #expect(s.lines.count == 1)
        #expect(s.run.stderr.hasPrefix("error: in.csv: row 2: the row is longer than 1048576 bytes"))
        let json = try score("in.jsonl", "{\"id\":\"P1\",\"x\":\"\(long)\"}\n{\"id\":\"P2\",\"group\":\"A\"}\n", ["--skip-invalid"])
        #expect(json.lines.count == 1)
        #expect(json.run.stderr.hasPrefix("error: in.jsonl: row 1: the line is longer than 1048576 bytes"))
        let wide = try score("in.csv", "id," + (1...2_001).map { "c\($0)" }.joined(separator: ",") + "\n")
        #expect(wide.run.code == 1)
        #expect(wide.run.stderr.hasPrefix("error: in.csv: row 1, column 2001: the row has more than 2000 columns"))
    }

    @Test func manyUnknownKeysPrintTwentyLinesAndACount() throws {
        let keys = (0..<60_000).map { "\"x\($0)\":1" }.joined(separator: ",")
        let s = try score("in.jsonl", "{\"id\":\"P1\",\"group\":\"A\",\"answers\":{\(keys)}}\n")
        #expect(s.run.code == 1)
        let lines = s.run.stderr.split(separator: "\n")
        #expect(lines.count == 22)
        #expect(lines[0] == "error: in.jsonl: row 1 (answers.x0): unknown item `x0`")
        #expect(lines[20] == "and 59980 more errors not shown")
    }

    @Test func summarySaysHowManyRowsItExcluded() throws {
        let dir = try ruleFolder(["rules.thaksa": runnerRules])
        try "id,group,DLit100\nP1,A,มี\nP2,Z,มี\n".write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let run = Run(["summary", "in.csv", "--rules", ".", "--skip-invalid", "--rejects", "rej.csv"], cwd: dir)
        #expect(run.code == 0)
        #expect(run.stdout.hasSuffix("\nExcluded: 1 row with errors (see rej.csv)\n"))
        let json = Run(["summary", "in.csv", "--rules", ".", "--skip-invalid", "--rejects", "rej.csv", "--format", "json"], cwd: dir)
        #expect(json.stdout.contains("\"excluded_rows\": 1"))
    }
}
