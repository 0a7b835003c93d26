import Foundation
import Testing
@testable import ThaksaCore

/// Writes DEFLATE bits by hand (RFC 1951 3.1.1: fields LSB first, Huffman codes MSB first), for
/// the streams zlib never makes: distance 32768, invalid codes, bad code-length sets.
struct DeflateBitWriter {
    var bytes: [UInt8] = []
    private var accumulator = 0, count = 0

    mutating func bits(_ value: Int, _ n: Int) {
        for i in 0..<n {
            accumulator |= ((value >> i) & 1) << count
            count += 1
            if count == 8 { flushByte() }
        }
    }

    mutating func code(_ code: Int, _ length: Int) {
        for i in stride(from: length - 1, through: 0, by: -1) { bits((code >> i) & 1, 1) }
    }

    mutating func fixedLiteral(_ symbol: Int) {
        switch symbol {
        case 0..<144: code(0x30 + symbol, 8)
        case 144..<256: code(0x190 + symbol - 144, 9)
        case 256..<280: code(symbol - 256, 7)
        default: code(0xC0 + symbol - 280, 8)
        }
    }

    mutating func alignToByte() { if count > 0 { flushByte() } }

    private mutating func flushByte() {
        bytes.append(UInt8(accumulator))
        accumulator = 0
        count = 0
    }

    var finished: [UInt8] {
        var copy = self
        copy.alignToByte()
        return copy.bytes
    }

    /// Canonical Huffman codes for code lengths (RFC 1951 3.2.2).
    static func canonicalCodes(_ lengths: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { counts[l] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + counts[bits - 1]) << 1
            next[bits] = code
        }
        return lengths.map { l in
            guard l > 0 else { return 0 }
            defer { next[l] += 1 }
            return next[l]
        }
    }

    /// A dynamic block header sending each literal/length and distance length as a plain
    /// code-length symbol (no repeat codes).
    mutating func dynamicHeader(final: Bool, codeLengthLengths: [Int], literals: [Int], distances: [Int]) {
        bits(final ? 1 : 0, 1)
        bits(2, 2)
        bits(literals.count - 257, 5)
        bits(distances.count - 1, 5)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var clen = codeLengthLengths + [Int](repeating: 0, count: 19 - codeLengthLengths.count)
        let sent = (order.lastIndex { clen[$0] != 0 } ?? 0) + 1
        let n = max(sent, 4)
        bits(n - 4, 4)
        for i in 0..<n { bits(clen[order[i]], 3) }
        clen = Array(clen.prefix(19))
        let codes = Self.canonicalCodes(clen)
        for l in literals + distances { code(codes[l], clen[l]) }
    }
}

@Suite
struct InflateTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/inflate")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test("zlib streams at every level and strategy decode to the original", arguments: [
        "text-level0", "text-level1", "text-level6", "text-level9", "text-fixed", "text-huffman-only", "text-rle",
    ])
    func zlibText(name: String) throws {
        let original = try Self.fixture("text.bin")
        let out = try Inflate.decompress(try Self.fixture(name + ".deflate"), limit: original.count)
        #expect(out == original)
    }

    @Test func incompressibleNoiseInSeveralStoredBlocks() throws {
        let original = try Self.fixture("noise.bin")
        #expect(try Inflate.decompress(try Self.fixture("noise-level6.deflate"), limit: original.count) == original)
    }

    @Test func longRepeatsWithLength258Matches() throws {
        let out = try Inflate.decompress(try Self.fixture("repeats-level9.deflate"), limit: 288_450)
        #expect(out.count == 288_450)
        #expect(CRC32.checksum(out) == 0xCDBC_AC29)
    }

    @Test func emptyStreamAndEmptyInput() throws {
        #expect(try Inflate.decompress(try Self.fixture("empty-level6.deflate"), limit: 0) == [])
        #expect(throws: InflateError.truncated) { try Inflate.decompress([], limit: 10) }
    }

    @Test func storedBlockOf65535Bytes() throws {
        let data = (0..<65535).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let stream: [UInt8] = [0x01, 0xFF, 0xFF, 0x00, 0x00] + data
        #expect(try Inflate.decompress(stream, limit: 65535) == data)
        #expect(throws: InflateError.outputTooLarge(limit: 65534)) { try Inflate.decompress(stream, limit: 65534) }
        #expect(throws: InflateError.truncated) { try Inflate.decompress(Array(stream.dropLast()), limit: 65535) }
        #expect(throws: InflateError.storedLengthMismatch) { try Inflate.decompress([0x01, 0xFF, 0xFF, 0x01, 0x00] + data, limit: 65535) }
    }

    /// A stored block of 32768 bytes, then a fixed block copying 258 bytes from 32768 back.
    @Test func distance32768Length258() throws {
        let data = (0..<32768).map { UInt8(truncatingIfNeeded: $0 * 31 + $0 / 256) }
        var w = DeflateBitWriter()
        w.bits(0, 1); w.bits(0, 2); w.alignToByte()
        w.bits(0x8000, 16); w.bits(0x7FFF, 16)
        for b in data { w.bits(Int(b), 8) }
        w.bits(1, 1); w.bits(1, 2)
        w.fixedLiteral(285)            // length 258
        w.code(29, 5); w.bits(32768 - 24577, 13)
        w.fixedLiteral(256)
        let out = try Inflate.decompress(w.finished, limit: 32768 + 258)
        #expect(out == data + data[0..<258])
    }

    @Test func overlappingCopyRepeatsTheLastBytes() throws {
        var w = DeflateBitWriter()
        w.bits(1, 1); w.bits(1, 2)
        w.fixedLiteral(Int(UInt8(ascii: "a"))); w.fixedLiteral(Int(UInt8(ascii: "b")))
        w.fixedLiteral(265); w.bits(1, 1)          // length 11 + 1 = 12
        w.code(1, 5)                               // distance 2
        w.fixedLiteral(256)
        #expect(try Inflate.decompress(w.finished, limit: 14) == Array("ababababababab".utf8))
    }

    static func fixedBlock(_ body: (inout DeflateBitWriter) -> Void) -> [UInt8] {
        var w = DeflateBitWriter()
        w.bits(1, 1); w.bits(1, 2)
        body(&w)
        return w.finished
    }

    @Test func invalidStreamsAreErrors() {
        #expect(throws: InflateError.invalidBlockType) { try Inflate.decompress([0x07], limit: 10) }
        let tooFar = Self.fixedBlock { w in
            w.fixedLiteral(97); w.fixedLiteral(257); w.code(1, 5); w.fixedLiteral(256)
        }
        #expect(throws: InflateError.distanceTooFarBack(distance: 2, available: 1)) { try Inflate.decompress(tooFar, limit: 10) }
        for bad in [286, 287] {
            let stream = Self.fixedBlock { w in w.fixedLiteral(97); w.fixedLiteral(bad) }
            #expect(throws: InflateError.invalidCode("length symbol \(bad)")) { try Inflate.decompress(stream, limit: 10) }
        }
        for bad in [30, 31] {
            let stream = Self.fixedBlock { w in w.fixedLiteral(97); w.fixedLiteral(257); w.code(bad, 5) }
            #expect(throws: InflateError.invalidCode("distance symbol \(bad)")) { try Inflate.decompress(stream, limit: 10) }
        }
        let noEnd = Self.fixedBlock { w in w.fixedLiteral(97) }
        #expect(throws: InflateError.truncated) { try Inflate.decompress(noEnd, limit: 10) }
        let tooLong = Self.fixedBlock { w in for _ in 0..<11 { w.fixedLiteral(97) }; w.fixedLiteral(256) }
        #expect(throws: InflateError.outputTooLarge(limit: 10)) { try Inflate.decompress(tooLong, limit: 10) }
    }

    /// Literal lengths: 'A' 1 bit, end-of-block and length-3 2 bits each; one distance code of 1 bit.
    static func lengths(_ set: [Int: Int], count: Int) -> [Int] {
        (0..<count).map { set[$0] ?? 0 }
    }

    @Test func dynamicBlockWithASingleDistanceCode() throws {
        var w = DeflateBitWriter()
        w.dynamicHeader(final: true, codeLengthLengths: [1, 2, 2],
                        literals: Self.lengths([65: 1, 256: 2, 257: 2], count: 258), distances: [1])
        w.code(0, 1)           // 'A'
        w.code(3, 2)           // length 3 (symbol 257)
        w.code(0, 1)           // distance 1
        w.code(2, 2)           // end of block
        #expect(try Inflate.decompress(w.finished, limit: 4) == Array("AAAA".utf8))
    }

    @Test func badCodeLengthSetsAreErrors() {
        // Code-length code with a single 1-bit code: incomplete, never allowed.
        var w = DeflateBitWriter()
        w.dynamicHeader(final: true, codeLengthLengths: [0, 1], literals: Self.lengths([:], count: 257), distances: [0])
        #expect(throws: InflateError.invalidCodeLengths("code-length code is not complete")) { try Inflate.decompress(w.finished, limit: 10) }

        // Three 1-bit literal codes: over-subscribed.
        w = DeflateBitWriter()
        w.dynamicHeader(final: true, codeLengthLengths: [1, 1], literals: Self.lengths([0: 1, 1: 1, 256: 1], count: 257), distances: [1])
        #expect(throws: InflateError.invalidCodeLengths("literal/length code is over-subscribed")) { try Inflate.decompress(w.finished, limit: 10) }

        // A 1-bit and a 2-bit literal code: incomplete with two codes.
        w = DeflateBitWriter()
        w.dynamicHeader(final: true, codeLengthLengths: [1, 2, 2], literals: Self.lengths([65: 1, 256: 2], count: 257), distances: [1])
        #expect(throws: InflateError.invalidCodeLengths("literal/length code is incomplete")) { try Inflate.decompress(w.finished, limit: 10) }

        // No end-of-block code.
        w = DeflateBitWriter()
        w.dynamicHeader(final: true, codeLengthLengths: [1, 1], literals: Self.lengths([65: 1, 66: 1], count: 257), distances: [1])
        #expect(throws: InflateError.invalidCodeLengths("no end-of-block code")) { try Inflate.decompress(w.finished, limit: 10) }

        // Repeat-previous (16) as the very first length.
        w = DeflateBitWriter()
        w.bits(1, 1); w.bits(2, 2); w.bits(0, 5); w.bits(0, 5); w.bits(0, 4)
        w.bits(1, 3); w.bits(0, 3); w.bits(0, 3); w.bits(1, 3)     // lengths of 16, 17, 18, 0
        w.code(1, 1); w.bits(0, 2)                                 // 16 first
        #expect(throws: InflateError.invalidCodeLengths("repeat with no previous length")) { try Inflate.decompress(w.finished, limit: 10) }
    }

    @Test("every truncation of a real stream is an error, never a crash or a wrong result")
    func truncations() throws {
        let stream = try Self.fixture("text-level6.deflate")
        let original = try Self.fixture("text.bin")
        for cut in stride(from: 0, to: stream.count, by: 7) {
            #expect(throws: InflateError.self) { try Inflate.decompress(Array(stream[..<cut]), limit: original.count) }
        }
    }

    @Test func crc32KnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}
