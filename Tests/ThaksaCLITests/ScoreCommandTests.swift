import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// A tiny rule set for runner tests: two groups, a unit-qualified position, a column alias.
let runnerRules = """
ruleset mini "ชุดทดสอบ"
kind ability "ความสามารถ"
scale have "มี/ไม่มี" {
  level 0 "ไม่มี" accepts "no", "0", "false", "✗"
  level 1 "มี" accepts "yes", "1", "true", "✓"
}
item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล" { column "ท่านใช้งานคอมพิวเตอร์ได้คล่อง" }
item DLit200 ability "ใช้งานเครื่องมือดิจิทัล"
phase early "ระยะเริ่มแรก"
group A "วิชาการ" { phase early { require DLit100, DLit200 } }
group S "บริการ" { phase early { require DLit100 } }
position "นักวิชาการเงินและบัญชี" group S when unit starts with "สำนักงานเขต"
position "นักวิชาการเงินและบัญชี" group A
list gaps = required where answered and not held
score readiness = round(100 * count(required where held) / count(required), 1)
band readiness_band on readiness { case ready "พร้อม" when >= 80 case beginner "เริ่มต้น" otherwise }
"""

struct Scored {
    let run: Run
    let dir: String
    var out: String { dir + "/out.jsonl" }
    var outExists: Bool { FileManager.default.fileExists(atPath: out) }
    var lines: [String] { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
}

/// Writes the input (as raw bytes) beside a copy of the rules and scores it into out.jsonl.
func score(_ name: String, _ bytes: [UInt8], _ extra: [String] = []) throws -> Scored {
    let dir = try ruleFolder(["rules.thaksa": runnerRules])
    try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
    let run = Run(["score", name, "--rules", ".", "--out", "out.jsonl"] + extra, cwd: dir)
    return Scored(run: run, dir: dir)
}

func score(_ name: String, _ text: String, _ extra: [String] = []) throws -> Scored { try score(name, Array(text.utf8), extra) }

@Suite struct ScoreInputTests {
    let header = "id,name,position,unit,DLit100,DLit200\n"

    @Test func plainCSV() throws {
        let s = try score("in.csv", header + "P1,สมชาย,นักวิชาการเงินและบัญชี,สำนักงานเขตบางรัก,มี,\nP2,สมหญิง,นักวิชาการเงินและบัญชี,สำนักการคลัง,yes,no\n")
        #expect(s.run.code == 0)
        #expect(s.run.stderr == "")
        #expect(s.lines.count == 2)
        #expect(s.lines[0].contains("\"group\":\"S\",\"group_reason\":\"position\""))
        #expect(s.lines[1].contains("\"group\":\"A\""))
        #expect(s.lines[1].contains("\"gaps\":[{\"item\":\"DLit200\""))
        #expect(s.lines[1].contains("\"readiness\":50"))
    }

    @Test func bomCRLFQuotedFieldsAndThaiHeadersGiveTheSameResult() throws {
        let plain = try score("in.csv", header + "P1,สมชาย,นักวิชาการเงินและบัญชี,สำนักงานเขตบางรัก,มี,\n")
        let excel = try score("in.csv", [0xEF, 0xBB, 0xBF] + Array(
            "รหัส,ชื่อ,ตำแหน่ง,หน่วยงาน,ท่านใช้งานคอมพิวเตอร์ได้คล่อง,DLit200\r\nP1,\"สมชาย\",\"นักวิชาการเงินและบัญชี\",\"สำนักงานเขตบางรัก\",✓,\r\n".utf8))
        #expect(excel.run.code == 0)
        #expect(excel.lines == plain.lines)
        let multiline = try score("in.csv", header + "P1,\"สมชาย, \"\"ชาย\"\"\nใจดี\",นักวิชาการเงินและบัญชี,สำนักงานเขตบางรัก,๑,\n")
        #expect(multiline.run.code == 0)
        #expect(multiline.lines[0].contains(#""name":"สมชาย, \"ชาย\"\nใจดี""#))
    }

    @Test func jsonLinesGiveTheSameResultAsCSV() throws {
        let csv = try score("in.csv", header + "P1,สมชาย,นักวิชาการเงินและบัญชี,สำนักการคลัง,มี,ไม่มี\n")
        let jsonl = try score("in.jsonl", #"{"id":"P1","name":"สมชาย","position":"นักวิชาการเงินและบัญชี","unit":"สำนักการคลัง","answers":{"DLit100":"มี","DLit200":false}}"# + "\n")
        #expect(jsonl.run.code == 0)
        #expect(jsonl.lines == csv.lines)
    }

    @Test func workloadCareerPathAndAdjustments() throws {
        let s = try score("in.csv", "id,position,workload_A,workload_S,career_path\nP1,นักวิชาการเงินและบัญชี,๓๐,๗๐,\nP2,นักวิชาการเงินและบัญชี,50,50,A\n",
                          ["--allow-unmapped"])   // no item columns: only the group is of interest here
        #expect(s.run.code == 0)
        #expect(s.lines[0].contains("\"group\":\"S\",\"group_reason\":\"workload\""))
        #expect(s.lines[1].contains("\"group\":\"A\",\"group_reason\":\"career_path\""))
    }

    @Test func sameOutputForOneAndTwoThreads() throws {
        var rows = header
        for i in 0..<3000 { rows += "P\(i),,นักวิชาการเงินและบัญชี,\(i % 3 == 0 ? "สำนักงานเขตดุสิต" : "สำนักการโยธา"),\(i % 2 == 0 ? "มี" : "ไม่มี"),\(i % 5 == 0 ? "" : "yes")\n" }
        let one = try score("in.csv", rows, ["--threads", "1"])
        let two = try score("in.csv", rows, ["--threads", "2"])
        #expect(one.lines.count == 3000)
        #expect(one.lines == two.lines)
    }
}

@Suite struct ScoreBadInputTests {
    func rejected(_ name: String, _ bytes: [UInt8]) throws -> Scored {
        let s = try score(name, bytes)
        #expect(s.run.code == 1)
        #expect(!s.outExists, "no output file may be left behind")
        #expect(s.run.stdout == "")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.dir).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        return s
    }

    func rejected(_ name: String, _ text: String) throws -> Scored { try rejected(name, Array(text.utf8)) }

    let header = "id,name,position,unit,group,DLit100\n"

    @Test func unknownGroup() throws {
        let s = try rejected("in.csv", header + "P1,,,,Z,มี\n")
        #expect(s.run.stderr == "error: in.csv: row 2, column 5 (group): unknown group `Z`; the rule set has A, S\n1 bad row; no results written (use --skip-invalid to score the good rows)\n")
    }

    @Test func unknownPositionWithoutGroup() throws {
        let s = try rejected("in.csv", header + "P1,,นักบิน,,,มี\n")
        #expect(s.run.stderr.hasPrefix("error: in.csv: row 2, column 3 (position): the group cannot be decided: position `นักบิน` is not in the rule set and no group is given\n"))
    }

    @Test func invalidAnswer() throws {
        let s = try rejected("in.csv", header + "P1,,,,A,maybe\n")
        #expect(s.run.stderr.hasPrefix("error: in.csv: row 2, column 6 (DLit100): `maybe` is not an answer for `DLit100`; expected one of: ไม่มี, no, 0, false, ✗, มี, yes, 1, true, ✓\n"))
    }

    @Test func duplicateAndMissingId() throws {
        let s = try rejected("in.csv", header + "P1,,,,A,มี\n,,,,A,มี\nP1,,,,S,มี\n")
        #expect(s.run.stderr == """
        error: in.csv: row 3, column 1 (id): the id is missing
        error: in.csv: row 4, column 1 (id): id `P1` is already used in row 2
        2 bad rows; no results written (use --skip-invalid to score the good rows)

        """)
    }

    @Test func malformedQuote() throws {
        let s = try rejected("in.csv", header + "P1,\"open,,,A,มี\n")
        #expect(s.run.stderr.hasPrefix("error: in.csv: row 2: a quoted field is never closed"))
        let stray = try rejected("in.csv", header + "P1,ab\"c,,,A,มี\n")
        #expect(stray.run.stderr.hasPrefix("error: in.csv: row 2, column 2: a quote inside an unquoted field"))
    }

    @Test func invalidUTF8() throws {
        let s = try rejected("in.csv", Array(header.utf8) + [0x50, 0x31, 0x2C, 0xC3, 0x28, 0x2C, 0x2C, 0x2C, 0x41, 0x2C, 0x31, 0x0A])
        #expect(s.run.stderr.hasPrefix("error: in.csv: row 2, column 2: the text is not valid UTF-8"))
    }

    @Test func malformedJSONLine() throws {
        let s = try rejected("in.jsonl", "{\"id\":\"P1\",\"group\":\"A\"}\n{\"id\": \"P2\", \"group\" \"A\"}\n")
        #expect(s.run.stderr.hasPrefix("error: in.jsonl: row 2, column 22: expected `:`"))
    }

    @Test func skipInvalidWritesGoodRowsAndRejects() throws {
        let s = try score("in.csv", header + "P1,,,,A,มี\nP2,,,,Z,มี\nP3,,,,S,ไม่มี\n", ["--skip-invalid"])
        #expect(s.run.code == 0)
        #expect(s.lines.count == 2)
        let rejects = try Data(contentsOf: URL(fileURLWithPath: s.out + ".rejects.csv"))
        #expect(Array(rejects.prefix(3)) == [0xEF, 0xBB, 0xBF])   // a BOM, so Excel reads the Thai text
        #expect(String(decoding: rejects.dropFirst(3), as: UTF8.self) == "file,row,column,column_name,error\r\nin.csv,3,5,group,\"unknown group `Z`; the rule set has A, S\"\r\n")
        #expect(s.run.stderr.hasSuffix("scored 2, rejected 1 (see out.jsonl.rejects.csv)\n"))
    }

    @Test func unreadableInputAndUsage() throws {
        let dir = try ruleFolder(["rules.thaksa": runnerRules])
        #expect(Run(["score", "missing.csv", "--rules", "."], cwd: dir).code == 3)
        #expect(Run(["score", "--rules", "."], cwd: dir).code == 2)
        #expect(Run(["score", "x.csv", "--format", "xml"], cwd: dir).code == 2)
        #expect(Run(["score", "x.csv", "--skip-invalid"], cwd: dir).code == 2)
    }
}
