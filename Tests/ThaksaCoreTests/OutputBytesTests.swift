import Testing
@testable import ThaksaCore

/// The byte writers of `thaksa score` against the string forms they replace (numbers as
/// `Rational.description`, strings as `JSONValue`), and the duplicate-id table across its spills
/// to sorted runs.
@Suite struct OutputBytesTests {
    func written(_ body: (inout ByteWriter) -> Void) -> String {
        var w = ByteWriter(capacity: 1)   // tiny: every test grows it
        body(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test func numbersAreWrittenAsRationalDescriptionWritesThem() {
        var rng = MutationFuzzTests.SplitMix64(seed: 15)
        var values: [Rational] = [.zero, .one, Rational(-1), Rational(Int64.max), Rational(Int64.min), Rational(Int64.min + 1)]
        let dens: [Int64] = [1, 2, 3, 4, 5, 6, 7, 8, 10, 16, 20, 25, 40, 64, 100, 125, 1000, 1024, 3125, 9, 11, 12, 999_999_937,
                             1 << 62, 2 * 1_000_000_000_000_000_000 / 2, 4_000_000_000_000_000_000]
        for d in dens {
            for n: Int64 in [0, 1, -1, 7, -7, 123_456_789, Int64.max, Int64.min + 1, 1 << 40, -(1 << 40)] {
                if let r = Rational(n, d) { values.append(r) }
            }
        }
        for _ in 0..<20_000 {
            let n = Int64(bitPattern: rng.next()) >> Int64(rng.next() % 63)
            let d = max(1, Int64(rng.next() >> 1) >> Int64(rng.next() % 63))
            if let r = Rational(n, d) { values.append(r) }
            // Decimals as rules make them: a whole number over a power of ten.
            if let r = Rational(n % 1_000_000, [1, 10, 100, 1000][Int(rng.next() % 4)]) { values.append(r) }
        }
        var differ: [Rational] = []
        for r in values where written({ $0.number(r) }) != r.description { differ.append(r) }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
        #expect(values.count > 30_000)
    }

    @Test func stringsAreEscapedAsJSONValueEscapesThem() {
        var samples = ["", "plain", "ไทย ๑๒๓", "a\"b", "back\\slash", "new\nline", "\r\t", "\u{0}\u{1}\u{1F}\u{7F}", "€𝄞", "\"\"\\"]
        for b in 0..<0x80 { samples.append("x" + String(UnicodeScalar(UInt8(b))) + "y") }
        for s in samples {
            #expect(written { $0.string(s) } == JSONValue.string(s).serialized(), "\(s.debugDescription)")
        }
    }

    @Test func integersAndFragmentsAreWrittenWhole() {
        #expect(written { w in for n: Int64 in [0, 9, 10, -10, Int64.max, Int64.min] { w.integer(n); w.byte(0x2C) } }
                == "0,9,10,-10,9223372036854775807,-9223372036854775808,")
        let arena = FragmentArena()
        let a = arena.add(Array("\"α\":".utf8)), b = arena.add([]), c = arena.add(Array("x".utf8))
        arena.seal()
        #expect(written { w in w.raw(a, arena); w.raw(b, arena); w.raw(c, arena); w.raw(a, arena) } == "\"α\":x\"α\":")
        var w = ByteWriter(capacity: 4)
        for _ in 0..<10_000 { w.raw("0123456789") }
        #expect(w.count == 100_000)
        w.withBytes(99_990..<100_000) { #expect(Array($0) == Array("0123456789".utf8)) }
        w.removeAll()
        #expect(w.count == 0 && w.bytes.isEmpty)
    }

    /// Inserts `ids` (all distinct) into `table`, then every 7th again: each must be new the
    /// first time and found, with its first row, the second.
    func checkTable(_ table: inout FingerprintTable, _ ids: [[UInt8]], _ note: String) {
        var wrongNew = 0, wrongFound = 0
        for (row, id) in ids.enumerated() where id.withUnsafeBytes({ table.insert($0, row: UInt32(row)) }) != nil { wrongNew += 1 }
        for (row, id) in ids.enumerated() where row % 7 == 0 {
            if id.withUnsafeBytes({ table.insert($0, row: 4_000_000) }) != UInt32(row) { wrongFound += 1 }
        }
        #expect(wrongNew == 0, "\(note): distinct ids taken for duplicates")
        #expect(wrongFound == 0, "\(note): duplicates missed or with the wrong first row")
    }

    @Test func theIdTableFindsDuplicatesAcrossSpilledRuns() {
        let ids = (0..<6000).map { Array("P\($0)".utf8) } + [[], Array("ก".utf8), Array("P1 ".utf8), [0x50, 0x31, 0x00]]
        for inMemory in [true, false] {
            // 16 slots: a run every 12 ids, 500 runs; the filter grows many times.
            var small = FingerprintTable(generationSlots: 16, inMemory: inMemory)
            checkTable(&small, ids, "small generations, inMemory \(inMemory)")
            // Every id collides with every other: in the table, in the filter and in the runs.
            for constant: UInt64 in [0, 0xFFFF_FFFF_FFFF_FFFF] {
                var colliding = FingerprintTable(hash: { _ in constant }, generationSlots: 64, inMemory: inMemory)
                checkTable(&colliding, Array(ids.prefix(1500)), "constant hash \(constant), inMemory \(inMemory)")
            }
            var two = FingerprintTable(hash: { $0.count % 2 == 0 ? 1 : 1 << 41 }, generationSlots: 32, inMemory: inMemory)
            checkTable(&two, Array(ids.prefix(2000)), "two hashes, inMemory \(inMemory)")
        }
    }

    @Test func theIdFilterHoldsAByteAnIdAndFewFalsePositives() {
        var filter = BloomFilter(capacity: 100_000)
        #expect(filter.bytes >= 100_000 && filter.bytes <= 100_000 + 64)
        var mix: UInt64 = 0x1234_5678
        func next() -> UInt64 { mix = mix &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return mix ^ (mix >> 29) }
        let added = (0..<100_000).map { _ in next() }
        for h in added { filter.add(h) }
        #expect(added.allSatisfy(filter.mayContain), "an added hash must always be found")
        let falsePositives = (0..<100_000).filter { _ in filter.mayContain(next()) }.count
        #expect(falsePositives < 5_000, "\(falsePositives) false positives in 100 000 (a full filter gives about 3 %)")
    }

    @Test func theIdTableMemoryGrowsByAboutTwoBytesAnId() {
        var table = FingerprintTable(generationSlots: 1 << 14)
        for k in 0..<400_000 {
            var id = "B\(k)"
            _ = id.withUTF8 { table.insert(UnsafeRawBufferPointer($0), row: UInt32(k)) }
        }
        // The table (128 KiB), a filter of 8-16 bits per id, 8 bytes per 512 spilled ids.
        #expect(table.memoryBytes <= (1 << 17) + 2 * 400_000 + 400_000 / 64 + 64, "\(table.memoryBytes) bytes for 400 000 ids")
    }

    @Test func theIdTableKeepsLongIdsAndManyRuns() {
        var table = FingerprintTable(generationSlots: 1024)
        var ids = (0..<200_000).map { Array("B\($0)".utf8) }
        // Ids longer than the log's buffer and than a spill's read chunk.
        ids.append([UInt8](repeating: 0x41, count: SpillFile.bufferBytes + 10))
        ids.append([UInt8](repeating: 0x41, count: 3 * SpillFile.bufferBytes))
        ids += (0..<3000).map { Array("C\($0)".utf8) }
        checkTable(&table, ids, "200 k ids, 260 runs")
    }
}
