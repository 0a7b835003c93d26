import Testing
@testable import ThaksaCore

/// Seeded, bounded mutation fuzzing of the .xlsx reader and its parts: a fixed number of mutants,
/// the same ones on every run. Each must return a table or throw an `InputError` that names the
/// file and says something in both languages; a crash or hang fails the whole test run.
///
/// Three levels: bytes of the whole .xlsx (mostly caught by the ZIP structure and CRC-32 checks),
/// bytes of one XML part re-zipped with a correct CRC (reaches the XML scanner and the sheet
/// reader), and raw DEFLATE streams (reaches every corner of the decoder, which CRCs hide).
@Suite
struct XlsxFuzzTests {
    static let seed: UInt64 = 0x786C_7378_2066_757A     // "xlsx fuz"
    static let containerMutants = 600
    static let partMutants = 600
    static let inflateMutants = 1500
    /// The small fixtures most of the time; staff.xlsx (the largest) one time in eight.
    static func pick(_ rng: inout SeededGenerator) -> String {
        Int.random(in: 0..<8, using: &rng) == 0 ? "staff.xlsx" : ["types.xlsx", "merged.xlsx", "date1904.xlsx"].randomElement(using: &rng) ?? "types.xlsx"
    }

    static let tokens: [[UInt8]] = ["<", ">", "/>", "</c>", "&", "&amp;", "&#0;", "&#x110000;", "\"", "'", "=", "<![CDATA[", "]]>",
                                    "<!DOCTYPE x>", "<?x?>", "r=\"XFD1048576\"", "r=\"A0\"", "t=\"s\"", "t=\"b\"", "t=\"e\"", "t=\"d\"",
                                    "s=\"99\"", "<v>", "</v>", "99999999", "-1", "1E+999", "ก", "\u{FEFF}", "<mergeCell ref=\"A1:XFD9\"/>",
                                    ":", "x:", "\u{0}"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE0, 0xB8]]

    /// One random edit; XML-ish tokens are inserted too, so parts stay nearly well-formed.
    static func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
        guard !bytes.isEmpty else { bytes = [UInt8.random(in: 0...255, using: &rng)]; return }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
        case 2: bytes.removeSubrange(at...)
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
        case 4:
            let from = Int.random(in: 0..<bytes.count, using: &rng)
            bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + Int.random(in: 1...64, using: &rng))], at: at)
        case 5: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: at)
        case 6: for i in at..<min(bytes.count, at + 8) { bytes[i] = 0xFF }
        default:
            let from = Int.random(in: 0..<bytes.count, using: &rng)
            let n = min(Int.random(in: 1...32, using: &rng), bytes.count - max(from, at))
            if n > 0 { bytes.replaceSubrange(at..<at + n, with: bytes[from..<from + n]) }
        }
    }

    struct Outcome {
        var tables = 0, errors = 0
        mutating func check(_ bytes: [UInt8], _ name: String, _ label: String) {
            do {
                let t = try XlsxReader.read(bytes, sheet: nil, file: name)
                #expect(t.rows.last != [], "\(label): trailing empty row kept")
                tables += 1
            } catch {
                #expect(error.file == name && !error.en.isEmpty && !error.th.isEmpty, "\(label): \(error)")
                errors += 1
            }
        }
    }

    @Test func mutatedWorkbooks() throws {
        var rng = SeededGenerator(seed: Self.seed)
        var outcome = Outcome()
        for n in 0..<Self.containerMutants {
            let name = Self.pick(&rng)
            var bytes = try XlsxFixtures.bytes(name)
            for _ in 0..<Int.random(in: 1...3, using: &rng) { Self.mutate(&bytes, &rng) }
            outcome.check(bytes, name, "workbook mutant \(n) of \(name)")
        }
        print("XlsxFuzzTests workbooks: \(outcome.tables) tables, \(outcome.errors) errors")
        #expect(outcome.tables > 0 && outcome.errors > 0)
    }

    @Test func mutatedXMLParts() throws {
        var rng = SeededGenerator(seed: Self.seed &+ 1)
        var outcome = Outcome()
        var unzipped: [String: [ZipBuilder.Item]] = [:]
        for name in XlsxFixtures.all {
            let archive = try ZipArchive(try XlsxFixtures.bytes(name))
            unzipped[name] = try archive.entries.map { .init(name: $0.name, data: try archive.data($0)) }
        }
        let read = ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]
        for n in 0..<Self.partMutants {
            let name = Self.pick(&rng)
            var items = unzipped[name] ?? []
            let part = read.randomElement(using: &rng) ?? read[0]
            guard let i = items.firstIndex(where: { $0.name == part }) else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &rng) { Self.mutate(&items[i].data, &rng) }
            outcome.check(ZipBuilder(items: items).build(), name, "\(part) mutant \(n) of \(name)")
        }
        print("XlsxFuzzTests parts: \(outcome.tables) tables, \(outcome.errors) errors")
        #expect(outcome.tables > 0 && outcome.errors > 0)
    }

    @Test func mutatedDeflateStreams() throws {
        var rng = SeededGenerator(seed: Self.seed &+ 2)
        let streams = try ["text-level1", "text-level9", "text-fixed", "text-rle", "repeats-level9"].map { try InflateTests.fixture($0 + ".deflate") }
        var decoded = 0, errors = 0
        for _ in 0..<Self.inflateMutants {
            var bytes = streams.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 1...3, using: &rng) { Self.mutate(&bytes, &rng) }
            do { _ = try Inflate.decompress(bytes, limit: 1 << 20); decoded += 1 } catch { errors += 1 }
        }
        print("XlsxFuzzTests deflate: \(decoded) decoded, \(errors) errors")
        #expect(errors > 0)
    }
}
