/// Why a DEFLATE stream could not be decoded.
enum InflateError: Error, Sendable, Equatable {
    /// The input ended before the final block did.
    case truncated
    /// Block type 3 (reserved).
    case invalidBlockType
    /// A stored block whose LEN and NLEN are not complements.
    case storedLengthMismatch
    /// A code-length set that is over-subscribed or incomplete where a complete one is required.
    case invalidCodeLengths(String)
    /// A bit pattern that is no code of the current table, or a length/distance symbol out of range.
    case invalidCode(String)
    /// A back-reference further back than the output written so far.
    case distanceTooFarBack(distance: Int, available: Int)
    /// More output than the caller's limit (the entry's declared size).
    case outputTooLarge(limit: Int)

    var description: String {
        switch self {
        case .truncated: "compressed data ends too early"
        case .invalidBlockType: "invalid compressed block type"
        case .storedLengthMismatch: "stored block length check failed"
        case .invalidCodeLengths(let what): "invalid Huffman code lengths (\(what))"
        case .invalidCode(let what): "invalid Huffman code (\(what))"
        case .distanceTooFarBack(let d, let a): "back-reference distance \(d) exceeds the \(a) bytes written"
        case .outputTooLarge(let limit): "decompressed data is larger than the declared \(limit) bytes"
        }
    }
}

/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Decoding follows zlib's `puff.c`: canonical Huffman codes decoded bit by bit from per-length
/// counts, which is short and easy to check rather than fast. Every loop consumes input or ends, so
/// any input returns (a value or an error) after at most `input.count * 8` bit reads plus `limit`
/// output bytes; output never exceeds `limit`.
enum Inflate {
    static func decompress(_ input: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        var state = InflateState(input: input, limit: limit)
        try state.run()
        return state.output
    }
}

/// A canonical Huffman code: how many codes of each length 1...15, and the symbols in code order.
struct HuffmanCode {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int]

    /// 0: complete; > 0: incomplete (that many codes unused at the longest length); < 0: over-subscribed.
    let left: Int

    init(lengths: ArraySlice<Int>) {
        for l in lengths { counts[l] += 1 }
        var left = 1
        for len in 1...15 {
            left <<= 1
            left -= counts[len]
            if left < 0 { break }
        }
        self.left = left
        var offsets = [Int](repeating: 0, count: 16)
        for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, l) in zip(0..., lengths) where l != 0 {
            symbols[offsets[l]] = symbol
            offsets[l] += 1
        }
    }

    /// Codes used in total (lengths 1...15).
    var used: Int { counts[1...].reduce(0, +) }
}

struct InflateState {
    let input: [UInt8]
    let limit: Int
    var position = 0
    var bitBuffer: UInt32 = 0
    var bitCount = 0
    var output: [UInt8] = []

    init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
        output.reserveCapacity(min(limit, max(input.count * 4, 1024)))
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                             35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                              3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                               257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which code-length code lengths are sent (RFC 1951 3.2.7).
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let fixedLiterals: HuffmanCode = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return HuffmanCode(lengths: lengths[...])
    }()
    // 32 codes: 30 and 31 take part in the code but are invalid distances (RFC 1951 3.2.6).
    static let fixedDistances = HuffmanCode(lengths: [Int](repeating: 5, count: 32)[...])

    mutating func run() throws(InflateError) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codesBlock(Self.fixedLiterals, Self.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try codesBlock(literals, distances)
            default: throw .invalidBlockType
            }
        }
    }

    mutating func bits(_ need: Int) throws(InflateError) -> Int {
        var value = bitBuffer
        while bitCount < need {
            guard position < input.count else { throw .truncated }
            value |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        bitBuffer = value >> UInt32(need)
        bitCount -= need
        return Int(value & ((1 << UInt32(need)) - 1))
    }

    mutating func storedBlock() throws(InflateError) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw .truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == ~complement & 0xFFFF else { throw .storedLengthMismatch }
        guard position + length <= input.count else { throw .truncated }
        guard output.count + length <= limit else { throw .outputTooLarge(limit: limit) }
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    mutating func decode(_ code: HuffmanCode) throws(InflateError) -> Int {
        var value = 0, first = 0, index = 0
        for len in 1...15 {
            value |= try bits(1)
            let count = code.counts[len]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .invalidCode("no symbol for this bit pattern")
    }

    mutating func codesBlock(_ literals: HuffmanCode, _ distances: HuffmanCode) throws(InflateError) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw .outputTooLarge(limit: limit) }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let l = symbol - 257
                guard l < Self.lengthBase.count else { throw .invalidCode("length symbol \(symbol)") }
                let length = Self.lengthBase[l] + (try bits(Self.lengthExtra[l]))
                let d = try decode(distances)
                guard d < Self.distanceBase.count else { throw .invalidCode("distance symbol \(d)") }
                let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
                guard distance <= output.count else { throw .distanceTooFarBack(distance: distance, available: output.count) }
                guard output.count + length <= limit else { throw .outputTooLarge(limit: limit) }
                var from = output.count - distance
                for _ in 0..<length {
                    output.append(output[from])
                    from += 1
                }
            }
        }
    }

    /// Reads a dynamic block's code lengths and builds its literal/length and distance codes.
    mutating func dynamicTables() throws(InflateError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .invalidCodeLengths("\(literalCount) literal/length or \(distanceCount) distance codes")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[Self.codeLengthOrder[i]] = try bits(3) }
        let codeLengthCode = HuffmanCode(lengths: codeLengthLengths[...])
        guard codeLengthCode.left == 0 else { throw .invalidCodeLengths("code-length code is not complete") }

        var lengths = [Int](repeating: 0, count: literalCount + distanceCount)
        var i = 0
        while i < lengths.count {
            let symbol = try decode(codeLengthCode)
            if symbol < 16 {
                lengths[i] = symbol
                i += 1
                continue
            }
            var value = 0, repeats: Int
            switch symbol {
            case 16:
                guard i > 0 else { throw .invalidCodeLengths("repeat with no previous length") }
                value = lengths[i - 1]
                repeats = 3 + (try bits(2))
            case 17: repeats = 3 + (try bits(3))
            default: repeats = 11 + (try bits(7))
            }
            guard i + repeats <= lengths.count else { throw .invalidCodeLengths("repeat past the end") }
            for _ in 0..<repeats {
                lengths[i] = value
                i += 1
            }
        }
        guard lengths[256] != 0 else { throw .invalidCodeLengths("no end-of-block code") }
        let literals = HuffmanCode(lengths: lengths[0..<literalCount])
        try Self.check(literals, "literal/length")
        let distances = HuffmanCode(lengths: lengths[literalCount...])
        try Self.check(distances, "distance")
        return (literals, distances)
    }

    /// Over-subscribed codes are always wrong; an incomplete one is allowed only when it is a single
    /// code of length 1 (as zlib does), since unused bit patterns could never be decoded.
    static func check(_ code: HuffmanCode, _ what: String) throws(InflateError) {
        if code.left < 0 { throw .invalidCodeLengths("\(what) code is over-subscribed") }
        if code.left > 0 && !(code.used == 1 && code.counts[1] == 1) && code.used != 0 {
            throw .invalidCodeLengths("\(what) code is incomplete")
        }
    }
}
