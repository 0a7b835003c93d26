import Foundation
import Testing
@testable import ThaksaCore

/// Unit tests of the input layer: encodings, delimiters, header matching, position titles, the
/// duplicate-key rule of both JSON readers, and seeded fuzzing of the readers (fixed counts).
@Suite struct InputReaderTests {
    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-reader-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func records(_ bytes: [UInt8], encoding: TextEncoding? = nil) throws -> (CSVReader, [Result<CSVReader.Record, InputError>]) {
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var r = try CSVReader(path: path, display: "t.csv", encoding: encoding)
        var out: [Result<CSVReader.Record, InputError>] = []
        while let next = r.next() { out.append(next) }
        return (r, out)
    }

    static func fields(_ rs: [Result<CSVReader.Record, InputError>]) -> [[String]] {
        rs.map { r in if case .success(let rec) = r { return rec.fields } else { return ["<error>"] } }
    }

    @Test func windows874TableCoversTheThaiBlock() {
        #expect(Windows874.scalar(0xA1) == 0x0E01)   // ก
        #expect(Windows874.scalar(0xDA) == 0x0E3A)   // ฺ
        #expect(Windows874.scalar(0xDF) == 0x0E3F)   // ฿
        #expect(Windows874.scalar(0xFB) == 0x0E5B)   // ๛
        #expect(Windows874.scalar(0x80) == 0x20AC)
        #expect(Windows874.scalar(0x96) == 0x2013)
        for undefined: UInt8 in [0x81, 0xDB, 0xDE, 0xFC, 0xFF] { #expect(Windows874.scalar(undefined) == nil) }
        var t = Transcoder(.windows874)
        #expect(String(decoding: t.utf8([0xC1, 0xD5, 0x2C, 0xE4, 0xC1, 0xE8, 0xC1, 0xD5][...], final: true), as: UTF8.self) == "มี,ไม่มี")
    }

    @Test func encodingsAreDetected() throws {
        let thai = "รหัส,ชื่อ\nP1,สมชาย ใจดี\n"
        let tis = Array(thai.unicodeScalars.map { s -> UInt8 in s.value < 0x80 ? UInt8(s.value) : UInt8(s.value - 0x0E01 + 0xA1) })
        let (r1, tisRows) = try InputReaderTests.records(tis)
        #expect(r1.encoding == .windows874)
        #expect(InputReaderTests.fields(tisRows) == [["รหัส", "ชื่อ"], ["P1", "สมชาย ใจดี"]])
        for (bom, enc, units) in [([UInt8(0xFF), 0xFE], TextEncoding.utf16le, Array(thai.utf16)), ([0xFE, 0xFF], .utf16be, Array(thai.utf16))] {
            var bytes = bom
            for u in units { bytes += enc == .utf16le ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
            let (r, rows) = try InputReaderTests.records(bytes)
            #expect(r.encoding == enc)
            #expect(InputReaderTests.fields(rows) == [["รหัส", "ชื่อ"], ["P1", "สมชาย ใจดี"]])
        }
        let (r2, _) = try InputReaderTests.records([0xEF, 0xBB, 0xBF] + Array(thai.utf8))
        #expect(r2.encoding == .utf8)
        // One stray byte in an otherwise ASCII file is broken UTF-8, not Windows-874.
        let (r3, rows3) = try InputReaderTests.records(Array("id,name\nP1,".utf8) + [0xC3, 0x28] + [0x0A])
        #expect(r3.encoding == .utf8)
        #expect(InputReaderTests.fields(rows3)[1] == ["<error>"])
    }

    @Test func utf16SurrogatesAcrossChunksAndBrokenOnes() {
        let s = "ก😀ข"
        var le: [UInt8] = []
        for u in s.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        for cut in 0...le.count {
            var t = Transcoder(.utf16le)
            let out = t.utf8(le[..<cut], final: false) + t.utf8(le[cut...], final: true)
            #expect(String(validating: out, as: UTF8.self) == s, "cut at \(cut)")
        }
        var t = Transcoder(.utf16le)
        #expect(t.utf8([0x3D, 0xD8, 0x41, 0x00][...], final: true) == [0xFF, 0x41])   // a lone high surrogate
        var odd = Transcoder(.utf16be)
        #expect(odd.utf8([0x00, 0x41, 0x00][...], final: true) == [0x41, 0xFF])
    }

    @Test func delimiterComesFromTheHeader() throws {
        for (text, delimiter) in [("a;b;c\n1;2;3\n", ";"), ("a\tb,c\tx\n", "\t"), ("a,b;c\n", ","), ("\"a;b\",c\n", ","), ("abc\n", ",")] {
            let (r, rows) = try InputReaderTests.records(Array(text.utf8))
            #expect(r.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!), "\(text)")
            #expect(!rows.isEmpty)
        }
    }

    @Test func headersMatchByCodeAliasTitleGridAndCodeInText() {
        let rules = compile("""
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
        item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล" en "Digital access" { column "ข้อ ๑" }
        item DLit200 ability "ใช้งานเครื่องมือดิจิทัลขั้นต้นสำหรับการทำงาน"
        item DT100 ability "ใช้งานเครื่องมือดิจิทัลขั้นต้นสำหรับการทำงาน"
        item DG100 ability "กำกับดูแล"
        """)
        let m = HeaderMatcher(rules: rules)
        func found(_ h: String) -> String? { m.item(header: h).map { "\(rules.items[$0.0].entity.id) \($0.1.rawValue)" } }
        #expect(found("dlit100") == "DLit100 code")
        #expect(found("ข้อ  ๑ ") == "DLit100 alias")
        #expect(found("เข้าถึงและ\u{200B}ตระหนักรู้ดิจิทัล") == "DLit100 title")
        #expect(found("DIGITAL ACCESS") == "DLit100 title")
        #expect(found("ด้านความสามารถ [ เข้าถึงและตระหนักรู้ดิจิทัล ]") == "DLit100 grid")
        #expect(found("1. DLit200: การใช้เครื่องมือ") == "DLit200 code in text")
        // The same title on two items matches neither; two codes in one header match neither.
        #expect(found("ใช้งานเครื่องมือดิจิทัลขั้นต้นสำหรับการทำงาน") == nil)
        #expect(found("DLit100 และ DG100") == nil)
        // SARA AM typed as NIKHAHIT + SARA AA.
        #expect(found("ก\u{0E4D}\u{0E32}กับดูแล") == "DG100 title")
        #expect(HeaderMatcher.person(HeaderMatcher.normalise("ชื่อ - สกุล")) == .name)
        #expect(HeaderMatcher.person(HeaderMatcher.normalise("รหัสพนักงาน")) == .id)
        #expect(HeaderMatcher.isMetadata(HeaderMatcher.normalise("Email Address")))
        #expect(HeaderMatcher.isMetadata(HeaderMatcher.normalise("ประทับเวลา")))
    }

    @Test func positionTitlesWithRanksPatternsAndBareTitles() {
        let rules = compile("""
        group A "วิชาการ" { }
        group S "บริการ" { }
        group M "อำนวยการ" { }
        ranks "ชำนาญการ", "ชำนาญการพิเศษ", "ปฏิบัติการ"
        position "นักวิชาการคอมพิวเตอร์" group A
        position "นักวิชาการคอมพิวเตอร์ชำนาญการ" group S
        position "หัวหน้าฝ่าย…หรือเทียบเท่า" group A
        position "ผู้อำนวยการกอง (ระดับสูง)" group M
        position "ผู้อำนวยการกอง (ระดับต้น)" group M
        position "นักจัดการงานทั่วไป (แผน)" group A
        position "นักจัดการงานทั่วไป (อื่น)" group S
        """)
        #expect(rules.ranks == ["ชำนาญการพิเศษ", "ปฏิบัติการ", "ชำนาญการ"])
        func match(_ p: String) -> String {
            switch rules.matchPosition(p) {
            case .none: return "none"
            case .ordered(let d): return "ordered " + d.map { rules.positions[$0].title }.joined(separator: "|")
            case .bare(let d): return "bare " + d.map { rules.positions[$0].title }.joined(separator: "|")
            }
        }
        // The longest rank first: ชำนาญการพิเศษ is not read as ชำนาญการ + "พิเศษ".
        #expect(match("นักวิชาการคอมพิวเตอร์ชำนาญการพิเศษ") == "ordered นักวิชาการคอมพิวเตอร์")
        #expect(match("นักวิชาการคอมพิวเตอร์ ระดับปฏิบัติการ") == "ordered นักวิชาการคอมพิวเตอร์")
        // A title declared with its rank is found as written.
        #expect(match("นักวิชาการคอมพิวเตอร์ชำนาญการ") == "ordered นักวิชาการคอมพิวเตอร์ชำนาญการ")
        #expect(match("หัวหน้าฝ่ายบริหารงานทั่วไป หรือเทียบเท่า") == "bare หัวหน้าฝ่าย…หรือเทียบเท่า")
        #expect(match("หัวหน้าฝ่ายบริหารงานทั่วไป") == "none")
        #expect(match("ผู้อำนวยการกอง") == "bare ผู้อำนวยการกอง (ระดับสูง)|ผู้อำนวยการกอง (ระดับต้น)")
        #expect(match("นักบิน") == "none")
        #expect(rules.closestTitles(to: "นักวิชาการคอมพิวเตอ") == ["นักวิชาการคอมพิวเตอร์"])

        let e = Evaluator(rules: rules)
        var a = Assessment(id: "P1")
        a.position = "ผู้อำนวยการกองชำนาญการ"
        #expect((try? e.evaluate(a))?.group == rules.groupByID["M"])
        a.position = "นักจัดการงานทั่วไปชำนาญการ"
        do { _ = try e.evaluate(a); Issue.record("an ambiguous title must not be scored") } catch {
            #expect(error.message(.en).contains("fits more than one rule: `นักจัดการงานทั่วไป (แผน)` (A) or `นักจัดการงานทั่วไป (อื่น)` (S)"))
        }
    }

    @Test func duplicateTopLevelKeysAreErrorsInBothJSONReaders() {
        let rules = compile("""
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
        item DLit100 ability "เข้าถึง"
        group A "วิชาการ" { }
        """)
        let fast = FastRecordReader(rules: rules)
        for line in [#"{"id":"A1","id":"A2"}"#, #"{"id":"A1","group":"A","group":"A"}"#, #"{"id":"A1","answers":{},"has":{}}"#] {
            #expect(fast.read(Array(line.utf8)[...]) == nil, "\(line): the fast reader must leave it to the full parser")
        }
        guard case .failure(let f) = JSONParser.parse(Array(#"{"id":"A1","id":"A2"}"#.utf8)) else { Issue.record("accepted"); return }
        #expect(f.offset == 11)
        #expect(f.en == "the key `id` appears twice")
        // Nested objects keep their own rule (the mapper reports a repeated answer).
        if case .failure = JSONParser.parse(Array(#"{"id":"A1","answers":{"DLit100":1}}"#.utf8)) { Issue.record("rejected a valid line") }
        #expect(fast.read(Array(#"{"id":"A1","answers":{"DLit100":"มี"}}"#.utf8)[...]) != nil)
    }

    /// Random mutations of real input files through every reader: no crash, every record is a
    /// record or a located error, and rows only go up. Fixed counts, fixed seed.
    @Test func readersSurviveMutatedInput() throws {
        var rng = MutationFuzzTests.SplitMix64(seed: 0x7468_616B_7361_2039)   // "thaksa 9"
        let dir = repositoryRoot.appendingPathComponent("Tests/Fixtures/input").path
        let seeds = try ["staff.csv", "windows-874.csv", "unicode-text.txt", "google-forms-grid.csv"].map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)).prefix(4096))
        }
        let rules = compile("""
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
        item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
        group A "วิชาการ" { phase p { require DLit100 } }
        phase p "p"
        """)
        let mapper = AssessmentMapper(rules: rules)
        let fast = FastRecordReader(rules: rules)
        let specials: [UInt8] = [0x22, 0x2C, 0x09, 0x3B, 0x0A, 0x0D, 0x00, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xE0, 0xB8, 0xA1, 0x7B, 0x7D]
        var records = 0, errors = 0
        for round in 0..<300 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = specials.randomElement(using: &rng) ?? 0
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
                default: bytes = Array(bytes[at...]) + Array(bytes[..<at])
                }
            }
            let path = try InputReaderTests.file(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var reader = try TableReader(path: path, display: "f")
            var lastRow = 0
            var plan: AssessmentMapper.Plan?
            while let next = reader.next() {
                switch next {
                case .success(let r):
                    #expect(r.row > lastRow)
                    lastRow = r.row
                    records += 1
                    if plan == nil { plan = mapper.planWithErrors(header: r.fields, file: "f").0 } else if let plan {
                        _ = mapper.map(r, plan: plan, file: "f")
                    }
                case .failure(let e):
                    #expect(e.row > 0 && e.row > lastRow - 1)
                    lastRow = max(lastRow, e.row)
                    errors += 1
                }
            }
            let line = Array(bytes.prefix(512))
            if case .success(let json) = JSONParser.parse(line) { _ = mapper.map(json: json, row: 1, file: "f") }
            _ = fast.read(line[...])
        }
        #expect(records > 1000)
        #expect(errors > 50)
    }
}
