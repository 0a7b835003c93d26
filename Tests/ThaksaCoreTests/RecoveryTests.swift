import Foundation
import Testing
@testable import ThaksaCore

/// Error recovery: one file with many independent mistakes in different declarations. Every mistake
/// must be reported exactly once, and nothing else (no cascades from a skipped statement or from a
/// name the parser could not read).
@Suite
struct RecoveryTests {
    static let file = """
    ruleset demo "ชุดกฎตัวอย่าง" {
      version "1"
    }
    kind ability "ความสามารถ"
    kindd knowledge "ความรู้"
    scale have "มี/ไม่มี" {
      level 0 "ไม่มี"
      level 1 "มี"
      expct 1
      default
    }
    item DL1 ability "ใช้ดิจิทัล" {
      topic "1.1" "คอมพิวเตอร์"
    }
    item DL2 ability
    item DL3 ability "ข้อความที่ไม่ได้ปิด
    item DL4 ability "รหัส \\q ผิด"
    phase early "ระยะเริ่มแรก"
    group E "ผู้บริหาร" {
      role "ผู้นำ"
      phase early {
        require DL1, DL9
        require DL2 level 5
      }
    }
    bucket b70 "เรียนรู้ด้วยตนเอง" share 70
    method self_learning "เรียนรู้ด้วยตนเอง" bucket b07
    track t "เส้นทาง" {
      groups E
      course "C1" "หลักสูตร" {
        serves DL1 topic "9.9"
      }
    }
    score total = count(required) + "หน่วย"
    score rounded = rond(count(required), 1)
    score titled = if DL1.titel = "x" then 1 else 0
    score ok_score = count(required where held)
    target t1 "เป้าหมาย" {
      year 2564
    }
    quarter Q1 "ไตรมาส ๑" months 10 to 13
    """

    /// (code, a fragment of the line it is reported on). Each pair must be reported exactly once.
    static let expected: [(DiagnosticCode, String)] = [
        (.unknownDeclaration, "kindd knowledge"),           // unknown keyword
        (.unknownProperty, "expct 1"),                      // misspelled property in a block
        (.expectedToken, "item DL3 ability"),               // `item DL2 ability` has no title: found `item` on the next line
        (.unterminatedString, "item DL3 ability"),          // unterminated string
        (.invalidEscape, "item DL4 ability"),               // unknown escape
        (.undefinedName, "require DL1, DL9"),               // unknown name in a requirement
        (.levelNotInScale, "require DL2 level 5"),          // level not in the scale
        (.undefinedName, "bucket b07"),                     // unknown bucket of a method
        (.unknownTopic, "serves DL1 topic"),                // unknown topic of a course
        (.typeMismatch, "score total"),                     // type error in a score
        (.unknownFunction, "score rounded"),                // unknown function
        (.unknownField, "score titled"),                    // misspelled field
        (.missingProperty, "target t1"),                    // target without goal
        (.invalidValue, "quarter Q1"),                      // month 13
    ]

    /// The 1-based line holding `fragment`, which must occur on exactly one line.
    static func line(of fragment: String) -> Int? {
        let lines = file.components(separatedBy: "\n")
        let matches = lines.indices.filter { lines[$0].contains(fragment) }
        return matches.count == 1 ? matches[0] + 1 : nil
    }

    struct Key: Hashable, CustomStringConvertible {
        var code: String
        var line: Int
        var description: String { "\(code)@\(line)" }
    }

    @Test("every independent mistake is reported exactly once, and nothing else")
    func reportsEveryMistakeOnce() throws {
        let loaded = RuleSetLoader.load(files: [(path: "recovery.thaksa", text: RecoveryTests.file)])
        let file = try #require(loaded.sources[0])
        let rendered = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false)
            .text(loaded.diagnostics.sorted, dropped: loaded.diagnostics.dropped)

        var actual: [Key: Int] = [:]
        for d in loaded.diagnostics.sorted {
            #expect(d.span.file == 0, "diagnostic without a location: \(d.code.rawValue)")
            actual[Key(code: d.code.rawValue, line: file.location(of: d.span.start).line), default: 0] += 1
        }
        var wanted: [Key: Int] = [:]
        for (code, fragment) in RecoveryTests.expected {
            let line = try #require(RecoveryTests.line(of: fragment), "`\(fragment)` must occur on exactly one line")
            wanted[Key(code: code.rawValue, line: line), default: 0] += 1
        }

        for (key, n) in wanted.sorted(by: { $0.key.line < $1.key.line }) {
            #expect(actual[key] == n, "\(key) reported \(actual[key] ?? 0) times, expected \(n)\n\(rendered)")
        }
        let unexpected = actual.keys.filter { wanted[$0] == nil }.sorted { $0.line < $1.line }
        #expect(unexpected.isEmpty, "unexpected diagnostics \(unexpected)\n\(rendered)")
        #expect(loaded.diagnostics.dropped == 0)
        #expect(loaded.diagnostics.items.count == RecoveryTests.expected.count, "\(rendered)")
    }

    @Test("the mistakes are independent: the file without them is clean")
    func fixedFileIsClean() {
        let fixed = RecoveryTests.file
            .replacingOccurrences(of: "kindd knowledge", with: "kind knowledge")
            .replacingOccurrences(of: "expct 1", with: "expect 1")
            .replacingOccurrences(of: "item DL2 ability\n", with: "item DL2 ability \"สอง\"\n")
            .replacingOccurrences(of: "ข้อความที่ไม่ได้ปิด\n", with: "ข้อความที่ปิดแล้ว\"\n")
            .replacingOccurrences(of: "\\q", with: "\\n")
            .replacingOccurrences(of: "DL1, DL9", with: "DL1, DL3")
            .replacingOccurrences(of: "DL2 level 5", with: "DL2 level 1")
            .replacingOccurrences(of: "bucket b07", with: "bucket b70")
            .replacingOccurrences(of: "topic \"9.9\"", with: "topic \"1.1\"")
            .replacingOccurrences(of: " + \"หน่วย\"", with: " + 1")
            .replacingOccurrences(of: "rond(", with: "round(")
            .replacingOccurrences(of: "DL1.titel", with: "DL1.title")
            .replacingOccurrences(of: "  year 2564\n", with: "  year 2564\n  goal >= 80\n")
            .replacingOccurrences(of: "10 to 13", with: "10 to 12")
        let loaded = RuleSetLoader.load(files: [(path: "fixed.thaksa", text: fixed)])
        let rendered = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false).text(loaded.diagnostics.sorted)
        #expect(loaded.diagnostics.items.isEmpty, "\(rendered)")
    }

    @Test("a statement cut short keeps its name: no unknown-name cascade")
    func partialStatementKeepsItsName() {
        let text = """
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" {
          level 0 "ไม่มี"
          level 1 "มี"
        }
        item DL1 ability
        phase early "ระยะเริ่มแรก"
        group E "ผู้บริหาร" {
          phase early {
            require DL1
          }
        }
        """
        let loaded = RuleSetLoader.load(files: [(path: "partial.thaksa", text: text)])
        #expect(loaded.diagnostics.sorted.map(\.code) == [.expectedToken])
    }

    /// Was: the lexer skipped an unknown escape as two bytes (`pos += 2`) although it measured the
    /// escaped character (`len`) for the message; after `\ก` (3 bytes) the two remaining bytes of ก
    /// were read as broken UTF-8, so a valid UTF-8 file also got two T001 "not valid UTF-8" errors.
    @Test("regression: an unknown escape of a Thai letter is reported once, not also as invalid UTF-8")
    func escapedThaiLetterReportedOnce() {
        let loaded = RuleSetLoader.load(files: [(path: "escape.thaksa", text: "kind ability \"ความ\\กสามารถ\"\n")])
        let rendered = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false).text(loaded.diagnostics.sorted)
        #expect(loaded.diagnostics.sorted.map(\.code) == [.invalidEscape], "\(rendered)")
    }

    /// The lexer reports a character it does not know (T002) or a broken byte (T001) and hands the
    /// parser an `invalid` token; the parser then reports the same token again as P001 "expected ...,
    /// found an invalid character", at the same span. One stray character, two errors.
    @Test("regression: a stray character is reported once (T002, no P001 at the same place)")
    func strayCharacterReportedOnce() {
        let loaded = RuleSetLoader.load(files: [(path: "stray.thaksa", text: "kind ability \"ความสามารถ\" $\n")])
        let rendered = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false).text(loaded.diagnostics.sorted)
        #expect(loaded.diagnostics.sorted.map(\.code) == [.unexpectedCharacter], "\(rendered)")
    }
}
