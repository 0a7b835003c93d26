import Foundation
import Testing
@testable import ThaksaCore

/// The byte-level CSV path of `thaksa score` against the string path it replaced: field splitting
/// (`CSVSplitter`) against the former field parser, kept here as the oracle; answer mapping by
/// bytes (`AssessmentMapper.map(fields:)`) against `map(_:plan:file:)`; the trimming shortcut
/// against Foundation; and the duplicate-id table under forced hash collisions.
@Suite struct ByteInputTests {
    enum Outcome: Equatable {
        case success([String])
        case failure(String)
    }

    /// The field parser `CSVReader` had before the byte path (strings per field), as the oracle.
    static func legacySplit(_ bytes: [UInt8], delimiter comma: UInt8) -> Outcome {
        var fields: [String] = []
        var field: [UInt8] = []
        var i = 0
        var column = 1
        while true {
            if i < bytes.count && bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while true {
                    guard i < bytes.count else { return .failure("\(column): never closed") }
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(b)
                    i += 1
                }
                if i < bytes.count && bytes[i] != comma { return .failure("\(column): text after quote") }
            } else {
                while i < bytes.count && bytes[i] != comma {
                    if bytes[i] == UInt8(ascii: "\"") { return .failure("\(column): quote inside") }
                    field.append(bytes[i])
                    i += 1
                }
            }
            if field.count > InputLimits.fieldBytes { return .failure("\(column): too long") }
            if field.contains(0) { return .failure("\(column): NUL") }
            guard let s = String(validating: field, as: UTF8.self) else { return .failure("\(column): not UTF-8") }
            fields.append(s)
            field.removeAll()
            column += 1
            if column > InputLimits.columns { return .failure("\(column): columns") }
            if i >= bytes.count { break }
            i += 1
        }
        return .success(fields)
    }

    static func split(_ bytes: [UInt8], delimiter: UInt8) -> Outcome {
        var fields = CSVFields()
        let splitter = CSVSplitter(delimiter: delimiter, encoding: .utf8, file: "t.csv")
        if let e = splitter.split(bytes[...], row: 2, into: &fields) {
            let kind: String
            switch e.en {
            case let m where m.contains("never closed"): kind = "never closed"
            case let m where m.contains("after a closing quote"): kind = "text after quote"
            case let m where m.contains("inside an unquoted"): kind = "quote inside"
            case let m where m.contains("longer than"): kind = "too long"
            case let m where m.contains("NUL"): kind = "NUL"
            case let m where m.contains("not valid UTF-8"): kind = "not UTF-8"
            default: kind = "columns"
            }
            return .failure("\(e.column): \(kind)")
        }
        return .success((0..<fields.count).map(fields.string))
    }

    static let tricky: [[UInt8]] = [
        "", ",", ",,", "a,b,c", " a , b ", "\"a,b\",c", "\"a\"\"b\",\"\"", "\"\"\"\"", "\"a\"b", "a\"b", "\"open",
        "สมชาย ใจดี,๑,๐,✓,✗", "\"สมชาย, \"\"ชาย\"\"\nใจดี\",1", " ๑ ,\u{00A0}1\u{00A0},\u{3000}มี", "P1,,,\t,", "\"\",\"x\"",
        "\u{FEFF}id,name", "a;b;c", "a\tb\tc", "x,\"y\"\r",
    ].map { Array($0.utf8) } + [
        [0x61, 0x2C, 0x00, 0x62], [0x61, 0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xE0, 0xB8], [0xF5, 0x80, 0x80, 0x80],
        [0xF0, 0x9F, 0x98, 0x80, 0x2C, 0xE0, 0xB8, 0x81], [0x22, 0xE0, 0xB8, 0x22, 0x2C, 0x41], [0xEF, 0xBF, 0xBF],
        Array(repeating: 0x61, count: InputLimits.fieldBytes + 1), Array(repeating: 0x2C, count: InputLimits.columns + 2),
    ]

    @Test func splittingMatchesTheFormerParserOnTrickyRecords() {
        for record in ByteInputTests.tricky {
            for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
                #expect(ByteInputTests.split(record, delimiter: d) == ByteInputTests.legacySplit(record, delimiter: d),
                        "\(record.prefix(40)) delimiter \(d)")
            }
        }
    }

    @Test func splittingMatchesTheFormerParserOnSeededRandomRecords() {
        var rng = MutationFuzzTests.SplitMix64(seed: 15)
        let alphabet: [[UInt8]] = [",", "\"", "a", " ", "\r", "\n", "๑", "มี", "✓"].map { Array($0.utf8) } + [[0xE0], [0xB8], [0x00], [0xFF]]
        for _ in 0..<3000 {
            var record: [UInt8] = []
            for _ in 0..<Int(rng.next() % 24) { record += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            #expect(ByteInputTests.split(record, delimiter: 0x2C) == ByteInputTests.legacySplit(record, delimiter: 0x2C), "\(record)")
        }
    }

    /// The whole-record check (no NUL, valid UTF-8, eight ASCII bytes at a time) against the
    /// standard library's validation, on the tricky records and seeded random ones built from
    /// UTF-8 pieces, broken pieces and boundary bytes at every alignment.
    @Test func recordCheckMatchesTheStandardLibrary() {
        func oracle(_ b: [UInt8]) -> Bool { !b.contains(0) && String(validating: b, as: UTF8.self) != nil }
        func check(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer { CSVSplitter.isCleanUTF8($0) } }
        for record in ByteInputTests.tricky { #expect(check(record) == oracle(record), "\(record.prefix(40))") }
        let pieces: [[UInt8]] = ["a", "abcdefgh", ",", "๑", "มี", "✓", "😀", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"]
            .map { Array($0.utf8) } + [[0x00], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
                                      [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                      [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xE0, 0xB8]]
        var rng = MutationFuzzTests.SplitMix64(seed: 8)
        var invalid = 0
        for _ in 0..<5000 {
            var record: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) { record += pieces[Int(rng.next() % UInt64(pieces.count))] }
            #expect(check(record) == oracle(record), "\(record)")
            if !oracle(record) { invalid += 1 }
        }
        #expect(invalid > 500 && invalid < 4500)   // both outcomes are exercised
    }

    /// The end of a record (the newline outside quotes, eight bytes at a time) against the
    /// byte-by-byte scan it replaced.
    @Test func recordEndMatchesTheByteScan() {
        func oracle(_ b: [UInt8], _ delimiter: UInt8) -> (Int?, Bool) {
            var quoted = false, fieldStart = true, i = 0
            while i < b.count {
                let c = b[i]
                if quoted {
                    if c == 0x22 { if i + 1 < b.count && b[i + 1] == 0x22 { i += 1 } else { quoted = false } }
                } else if c == 0x22 && fieldStart {
                    quoted = true
                } else if c == 0x0A {
                    return (i, false)
                }
                fieldStart = !quoted && c == delimiter
                i += 1
            }
            return (nil, quoted)
        }
        let pieces: [[UInt8]] = [",", "\"", "\"\"", "\n", "\r\n", "a", "abcdefghij", ";", "\t", "มี", "1,2,3,4,5,6,7,8"].map { Array($0.utf8) }
        var rng = MutationFuzzTests.SplitMix64(seed: 10)
        for _ in 0..<5000 {
            var record: [UInt8] = []
            for _ in 0..<Int(rng.next() % 16) { record += pieces[Int(rng.next() % UInt64(pieces.count))] }
            for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
                let got = record.withUnsafeBufferPointer { CSVReader.recordEnd($0, from: 0, delimiter: d) }
                let want = oracle(record, d)
                #expect(got.end == want.0 && got.quoted == want.1, "\(String(decoding: record, as: UTF8.self).debugDescription) \(d)")
            }
        }
    }

    /// The one-pass split of the usual record (`plainFields`) against the general split: it takes
    /// exactly the records with no quote, no NUL and valid UTF-8 (within the limits), and finds
    /// the same fields; every other record is left to the general split. Seeded records from
    /// pieces of every UTF-8 length, broken pieces, quotes, CR and empty fields, at every alignment
    /// to the eight-byte words.
    @Test func plainSplitMatchesTheGeneralSplit() {
        func general(_ record: [UInt8], _ d: UInt8) -> [Range<Int>]? {
            var bytes = record
            var starts = [Int](repeating: 0, count: record.count + 1), ends = starts, count = 0
            let splitter = CSVSplitter(delimiter: d, encoding: .utf8, file: "t.csv")
            let clean = record.withUnsafeBufferPointer { CSVSplitter.isCleanUTF8($0) }
            let e = bytes.withUnsafeMutableBufferPointer { p in
                starts.withUnsafeMutableBufferPointer { s in
                    ends.withUnsafeMutableBufferPointer { splitter.split(p, count: record.count, clean: clean, row: 2, starts: s, ends: $0, fields: &count) }
                }
            }
            return e == nil ? (0..<count).map { starts[$0]..<ends[$0] } : nil
        }
        func plain(_ record: [UInt8], _ d: UInt8) -> [Range<Int>]? {
            var starts = [Int](repeating: 0, count: record.count + 1), ends = starts
            let n = record.withUnsafeBufferPointer { p in
                starts.withUnsafeMutableBufferPointer { s in ends.withUnsafeMutableBufferPointer { CSVSplitter.plainFields(p, delimiter: d, starts: s, ends: $0) } }
            }
            return n.map { n in (0..<n).map { starts[$0]..<ends[$0] } }
        }
        func usual(_ record: [UInt8]) -> Bool {
            !record.contains(0x22) && record.withUnsafeBufferPointer { CSVSplitter.isCleanUTF8($0) }
        }
        let good: [[UInt8]] = [",", ",", ",,", ";", "\t", "\r", "a", "abcdefghijk", " ", "1", "๑", "มี", "สมชาย ใจดี", "✓", "é", "😀", "\u{10FFFF}"]
            .map { Array($0.utf8) }
        let bad: [[UInt8]] = [[0x22], [0x22, 0x22], [0x00], [0x80], [0xBF], [0xFF], [0xC0, 0x80], [0xE0, 0xB8], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
                              [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F]]
        var rng = MutationFuzzTests.SplitMix64(seed: 1515)
        var taken = 0, left = 0
        for _ in 0..<6000 {
            var record: [UInt8] = Array(repeating: 0x61, count: Int(rng.next() % 8))   // every alignment
            for _ in 0..<Int(rng.next() % 20) {
                let from = rng.next() % 10 == 0 ? bad : good
                record += from[Int(rng.next() % UInt64(from.count))]
            }
            for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
                let got = plain(record, d)
                if usual(record) {
                    #expect(got != nil && got == general(record, d), "\(record) \(d)")
                    taken += 1
                } else {
                    #expect(got == nil, "\(record) \(d)")
                    left += 1
                }
            }
        }
        #expect(taken > 3000 && left > 3000)
        // A broken byte at every position of a Thai record, and a Thai character cut at the end.
        let thai = Array("B0000001,นางปวีณา อ่อนละมัย,ปลัด,๑,,๐,✓,1".utf8)
        for at in 0...thai.count {
            for bad: [UInt8] in [[0xFF], [0x80], [0x00], [0x22], [0xE0, 0xB8]] {
                let record = Array(thai[..<at]) + bad + Array(thai[at...])
                #expect(plain(record, 0x2C) == nil, "\(at) \(bad)")
            }
            #expect(plain(Array(thai[..<at]), 0x2C) == (usual(Array(thai[..<at])) ? general(Array(thai[..<at]), 0x2C) : nil))
        }
        #expect(plain([], 0x2C) == [0..<0])
        // The limits: the general split refuses a field over `fieldBytes` and a record of `columns` fields.
        let long = Array(repeating: UInt8(0x61), count: InputLimits.fieldBytes)
        #expect(plain(long, 0x2C)?.count == 1)
        #expect(plain(long + [0x61], 0x2C) == nil)
        #expect(plain(Array(repeating: 0x2C, count: InputLimits.columns - 2), 0x2C)?.count == InputLimits.columns - 1)
        #expect(plain(Array(repeating: 0x2C, count: InputLimits.columns - 1), 0x2C) == nil)
        #expect(general(Array(repeating: 0x2C, count: InputLimits.columns - 1), 0x2C) == nil)
    }

    /// Cells packed into a UInt64 by one masked load against the byte-by-byte packing, at every
    /// length and position (near the end of the buffer the load is not allowed).
    @Test func packedCellsMatchTheBytes() {
        let bytes: [UInt8] = Array("ab๑มี✓xyz0123456789".utf8)
        bytes.withUnsafeBufferPointer { p in
            for start in 0..<bytes.count {
                for length in 0...min(8, bytes.count - start) {
                    let r = start..<(start + length)
                    guard let base = p.baseAddress else { return }
                    #expect(AnswerTable.key(base, r, limit: bytes.count) == AnswerTable.pack(bytes[r]))
                    #expect(AnswerTable.key(base, r, limit: 0) == AnswerTable.pack(bytes[r]))
                }
            }
        }
    }

    /// A workload share read from the cell's bytes is the number `set` reads; anything else is left to `set`.
    @Test func workloadSharesFromBytesMatchTheGeneralReading() {
        var cells: [String] = ["", "%", "%%", "50%%", " 50", "50 ", "5 0", "-5", "+5", "5.0", "1_0", "1,0", "๕o", "0100", "๑๐๐%", "100%"]
        for v in 0...120 {
            let thai = AnswerTable.thaiDigits(String(v))
            cells += [String(v), String(v) + "%", thai, thai + "%", "0" + String(v), "๐" + thai]
        }
        for cell in cells {
            let got = Array(cell.utf8).withUnsafeBufferPointer { AssessmentMapper.share($0[...]) }
            let digits = cell.hasSuffix("%") ? String(cell.dropLast()) : cell
            if let got {
                #expect(Rational(got) == Rational(parsing: digits) && got <= 100, "\(cell)")
            } else if let r = Rational(parsing: digits), r >= .zero, r <= .hundred {
                // Left to `set`: only forms the bytes path does not take (spaces, signs, dots, 4 digits...).
                #expect(cell.contains { !$0.isNumber && $0 != "%" } || digits.count > 3, "\(cell)")
            }
        }
        #expect(Array("๕๐".utf8).withUnsafeBufferPointer { AssessmentMapper.share($0[...]) } == 50)
    }

    /// The byte look at a cell's ends never misses a character `trimmed` would remove.
    @Test func spaceLookAtTheEndsMissesNoSpace() {
        for v in UInt32(0)...0x3100 {
            guard let c = Unicode.Scalar(v) else { continue }
            for s in ["\(c)", "\(c)1", "1\(c)", "มี\(c)", "\(c)มี", "ม\(c)ี"] where AssessmentMapper.trimmed(s) != s {
                #expect(Array(s.utf8).withUnsafeBufferPointer { AssessmentMapper.mayHaveSpace($0[...]) }, "U+\(String(v, radix: 16))")
            }
        }
        for s in ["\u{FEFF}1", "1\u{FEFF}", "\u{3000}มี"] {
            #expect(Array(s.utf8).withUnsafeBufferPointer { AssessmentMapper.mayHaveSpace($0[...]) })
        }
        #expect(!Array("นางปวีณา อ่อนละมัย".utf8).withUnsafeBufferPointer { AssessmentMapper.mayHaveSpace($0[...]) })
    }

    /// The answers array of one row is filled again for the next once the caller has let go of the
    /// row's assessment (no array per person); an assessment still held is never written over.
    @Test func answersArrayIsReusedAcrossPeople() throws {
        let rules = RuleSetLoader.load(ShippedRuleSetTests.root).ruleSet
        let mapper = AssessmentMapper(rules: rules)
        var reader = try CSVReader(path: ShippedRuleSetTests.root + "/sample/staff.csv", display: "staff.csv")
        guard case .success(let header)? = reader.next(), case .success(let plan) = mapper.plan(header: header.fields, file: "staff.csv") else {
            Issue.record("the sample's header does not map")
            return
        }
        var records: [[UInt8]] = []
        while let r = reader.next() { if case .success(let rec) = r { records.append(Array(rec.fields.joined(separator: ",").utf8)) } }
        #expect(records.count > 3)
        let splitter = CSVSplitter(delimiter: 0x2C, encoding: .utf8, file: "staff.csv")
        var fields = CSVFields()
        var scratch = MappingScratch()
        func storage(_ a: Assessment) -> UnsafePointer<Int32>? { a.answers.levels.withUnsafeBufferPointer { $0.baseAddress } }
        func map(_ k: Int) -> Assessment? {
            #expect(splitter.split(records[k][...], row: k + 2, into: &fields) == nil)
            guard case .success(let a)? = mapper.map(fields: fields, row: k + 2, plan: plan, file: "staff.csv", scratch: &scratch) else { return nil }
            return a
        }
        var addresses = Set<UnsafePointer<Int32>?>()
        for round in 0..<3 {
            for k in records.indices { addresses.insert(map(k).flatMap(storage)) }
            #expect(addresses.count == 1, "round \(round)")
        }
        // Holding on to one person: the next is written elsewhere, and the held answers stay as they were.
        guard let held = map(0) else { Issue.record("row 2 did not map"); return }
        let before = held.answers.levels
        let next = map(1)
        #expect(next.flatMap(storage) != storage(held))
        #expect(held.answers.levels == before)
        #expect(next.map { $0.answers.levels } != before)   // rows 2 and 3 answer differently
        // The JSON Lines reader does the same.
        let fast = FastRecordReader(rules: rules)
        var jsonScratch = MappingScratch()
        var jsonAddresses = Set<UnsafePointer<Int32>?>()
        for k in 0..<20 {
            let line = Array(#"{"id": "P\#(k)", "group": "A", "has": {"DLit100": true, "DG100": \#(k % 2 == 0)}}"#.utf8)
            let a = fast.read(line[...], scratch: &jsonScratch)
            #expect(a?.answers[rules.itemColumns["DG100"] ?? -1] != nil)
            jsonAddresses.insert(a.flatMap(storage))
        }
        #expect(jsonAddresses.count == 1)
    }

    @Test func repeatedCellsShareOneString() {
        var makes = 0
        func get(_ s: String, _ strings: inout RepeatedStrings) -> String {
            Array(s.utf8).withUnsafeBufferPointer { p in
                strings.string(p[...]) { makes += 1; return String(decoding: $0, as: UTF8.self) + "!" }
            }
        }
        var two = RepeatedStrings(slots: 2)
        let cells = ["สำนักงาน", "กอง", "สำนักงาน", "", "ก", "สำนักงาน ", "กอง"]
        #expect(cells.map { get($0, &two) } == cells.map { $0 + "!" })
        // One slot: a cell repeated right after itself is not made again; another one is.
        var one = RepeatedStrings(slots: 1)
        makes = 0
        #expect(["กอง", "กอง", "สำนัก", "สำนัก", "กอง"].map { get($0, &one) } == ["กอง!", "กอง!", "สำนัก!", "สำนัก!", "กอง!"])
        #expect(makes == 3)
    }

    @Test func trimmingShortcutMatchesFoundation() {
        var spaces: [Unicode.Scalar] = []
        for v in UInt32(0)...0x3100 { if let c = Unicode.Scalar(v) { spaces.append(c) } }
        spaces += ["\u{FEFF}", "\u{205F}", "\u{FFFF}"]
        for c in spaces {
            for s in ["\(c)", "\(c)1", "1\(c)", "\(c)มี\(c)", "a\(c)b"] {
                #expect(AssessmentMapper.trimmed(s) == s.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(c.value, radix: 16))")
            }
        }
        #expect(AssessmentMapper.trimmed("") == "")
    }

    /// The shipped rules and the sample rows, each cell also replaced by tricky answers: both
    /// mappers give the same person (as encoded) or the same errors.
    @Test func byteMappingMatchesStringMappingOnTheShippedRules() throws {
        let rules = RuleSetLoader.load(ShippedRuleSetTests.root).ruleSet
        let mapper = AssessmentMapper(rules: rules)
        let evaluator = Evaluator(rules: rules)
        let encoder = ResultEncoder(rules: rules, lang: .en, digits: .arabic)
        var reader = try CSVReader(path: ShippedRuleSetTests.root + "/sample/staff.csv", display: "staff.csv")
        guard case .success(let header)? = reader.next(), case .success(let plan) = mapper.plan(header: header.fields, file: "staff.csv") else {
            Issue.record("the sample's header does not map")
            return
        }
        var rows: [[String]] = []
        while let r = reader.next() { if case .success(let rec) = r { rows.append(rec.fields) } }
        let answers = ["", " ", "1", "๑", " 1 ", "๑ ", "\u{00A0}1", "0", "๐", "✓", "✗", "มี", "ไม่มี", "ไม่ มี", "Yes", "YES", "yes ",
                       "true", "TRUE", "x", "11", "\t", "ม\u{0E35}", "3", "๓", "-1", "1.0"]
        let others = ["", " BMA-1 ", "E", " E", "e", "ZZ", "50", "๕๐", "50%", "abc", "DLit100", "DLit100;DG100", "nope", "\u{3000}",
                      "A", "T", "S,T", "100", "๑๐๐%", "101", "007", "0", "DLit100, DG100 ", ";DLit100;;", "DLit100;nope", "dlit100", "DLit100\tK01"]
        var checked = 0
        func person(_ r: Result<Assessment, InputErrors>?) -> String {
            switch r {
            case nil: return "blank"
            case .failure(let e)?: return e.items.map { $0.rendered(.en) }.joined(separator: "\n")
            case .success(let a)?:
                switch Result(catching: { try evaluator.evaluate(a) }) {
                case .success(let result): return String(decoding: encoder.jsonLine(result, name: a.name), as: UTF8.self)
                case .failure(let e): return "evaluation: \(e)"
                }
            }
        }
        var rng = MutationFuzzTests.SplitMix64(seed: 69)
        // Few slots, so cells of different rows and columns take each other's slots.
        var scratch = MappingScratch(slots: 3)
        for (n, original) in rows.enumerated() {
            var variants = [original, original.map { _ in "" }, original.map { _ in " \t" }, original + ["extra"], Array(original.prefix(5))]
            for _ in 0..<40 {
                var v = original
                let k = Int(rng.next() % UInt64(v.count))
                if case .item = plan.roles[k] { v[k] = answers[Int(rng.next() % UInt64(answers.count))] } else { v[k] = others[Int(rng.next() % UInt64(others.count))] }
                variants.append(v)
            }
            for fieldsText in variants {
                let line = fieldsText.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
                var fields = CSVFields()
                let splitter = CSVSplitter(delimiter: 0x2C, encoding: .utf8, file: "staff.csv")
                #expect(splitter.split(Array(line.utf8)[...], row: n + 2, into: &fields) == nil)
                let byBytes = person(mapper.map(fields: fields, row: n + 2, plan: plan, file: "staff.csv", scratch: &scratch))
                let byStrings = person(mapper.map(CSVReader.Record(row: n + 2, fields: fieldsText), plan: plan, file: "staff.csv"))
                #expect(byBytes == byStrings, "\(fieldsText)")
                checked += 1
            }
        }
        #expect(checked == rows.count * 45)
    }

    @Test func aHashCollisionNeverMakesADuplicate() {
        for constant: UInt64 in [0, 0xFFFF_FFFF_FFFF_FFFF] {
            var table = FingerprintTable(hash: { _ in constant })   // every id collides with every other
            var ids: [[UInt8]] = (0..<1500).map { Array("P\($0)".utf8) }
            ids += [Array("".utf8), Array("ก".utf8), Array("P1 ".utf8), [0x50, 0x31, 0x00]]
            for (row, id) in ids.enumerated() {
                #expect(id.withUnsafeBytes { table.insert($0, row: UInt32(row)) } == nil, "\(id)")
            }
            for (row, id) in ids.enumerated() where row % 7 == 0 {
                #expect(id.withUnsafeBytes { table.insert($0, row: 99_999) } == UInt32(row))
            }
        }
        // Two hashes only: half the ids share one, half the other.
        var table = FingerprintTable(hash: { $0.count % 2 == 0 ? 1 : 1 << 41 })
        for k in 0..<2000 { #expect(Array("id\(k)".utf8).withUnsafeBytes { table.insert($0, row: UInt32(k)) } == nil) }
        #expect(Array("id1999".utf8).withUnsafeBytes { table.insert($0, row: 5) } == 1999)
    }

    @Test func duplicatesAreFoundAcrossGrowthWithTheRealHash() {
        var table = FingerprintTable()
        let n = 200_000
        for k in 0..<n { #expect(Array("B\(k)".utf8).withUnsafeBytes { table.insert($0, row: UInt32(k)) } == nil) }
        var found = 0
        for k in stride(from: 0, to: n, by: 997) where Array("B\(k)".utf8).withUnsafeBytes({ table.insert($0, row: 0) }) == UInt32(k) { found += 1 }
        #expect(found == (n + 996) / 997)
        // A long id (bigger than a log page) is kept and found too.
        let long = [UInt8](repeating: 0x41, count: SpillFile.bufferBytes + 10)
        #expect(long.withUnsafeBytes { table.insert($0, row: 7) } == nil)
        #expect(long.withUnsafeBytes { table.insert($0, row: 8) } == 7)
        #expect(Array("B5".utf8).withUnsafeBytes { table.insert($0, row: 9) } == 5)
    }
}
