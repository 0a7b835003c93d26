#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends JSON to a byte buffer: the hot path of `score --format jsonl`, where building strings
/// and trees per person would cost more than evaluating the rules. The buffer is raw memory owned
/// by the writer (not an array), so an append is a bounds check and a copy: no uniqueness check,
/// no reference counting. A writer cannot be copied; it frees its memory when it goes.
public struct ByteWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    public private(set) var count = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, lent to `body` (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes from `range` (within what was written), lent to `body`.
    public func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return try body(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Forgets what was written; the memory is kept for the next use.
    public mutating func removeAll() { count = 0 }

    /// Room for `n` more bytes.
    @inline(__always) public mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never) mutating func grow(_ needed: Int) {
        let capacity = max(needed, self.capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        self.capacity = capacity
    }

    @inline(__always) public mutating func raw(_ b: UnsafeRawBufferPointer) {
        guard let from = b.baseAddress else { return }
        reserve(b.count)
        memcpy(base + count, from, b.count)
        count += b.count
    }

    public mutating func raw(_ b: [UInt8]) { b.withUnsafeBytes { raw($0) } }

    @inline(__always) public mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) public mutating func raw(_ s: StaticString) {
        raw(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// The UTF-8 bytes of `s` as they are.
    public mutating func utf8(_ s: String) {
        var s = s
        s.withUTF8 { raw(UnsafeRawBufferPointer($0)) }
    }

    /// A JSON string, escaped as `JSONValue` does (so both forms give the same bytes).
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    /// The UTF-8 bytes `utf8` as a JSON string.
    public mutating func string(_ utf8: UnsafeRawBufferPointer) {
        byte(UInt8(ascii: "\""))
        // Most text (ids, names, titles) needs no escape: copied in one go.
        var plain = true
        for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { plain = false; break }
        if plain {
            raw(utf8)
        } else {
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): byte(UInt8(ascii: "\\")); byte(b)
                case UInt8(ascii: "\\"): byte(UInt8(ascii: "\\")); byte(b)
                case 0x0A: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "n"))
                case 0x0D: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "r"))
                case 0x09: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "t"))
                case 0..<0x20:
                    raw("\\u00")
                    byte(ByteWriter.hex(b >> 4)); byte(ByteWriter.hex(b & 0xF))
                default: byte(b)
                }
            }
        }
        byte(UInt8(ascii: "\""))
    }

    @inline(__always) static func hex(_ d: UInt8) -> UInt8 { d < 10 ? 0x30 + d : 0x61 + d - 10 }

    /// The bytes of a JSON string literal, for fragments computed once.
    public static func quoted(_ s: String) -> [UInt8] {
        var w = ByteWriter(capacity: s.utf8.count + 2)
        w.string(s)
        return w.bytes
    }

    /// A whole number in decimal digits.
    public mutating func integer(_ n: Int64) {
        if n < 0 { byte(UInt8(ascii: "-")) }
        unsigned(n.magnitude)
    }

    @inline(__always) mutating func unsigned(_ n: UInt64) {
        reserve(20)
        var digits = 1, rest = n / 10
        while rest != 0 { digits += 1; rest /= 10 }
        var v = n, i = count + digits
        repeat {
            i -= 1
            base[i] = 0x30 + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        } while v != 0
        count += digits
    }

    /// The same text as `Rational.description`, written as digits without building a String.
    public mutating func number(_ r: Rational) {
        if r.den == 1 { return integer(r.num) }
        var d = r.den
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        // A fraction that does not terminate is printed rounded (as `description` does).
        guard d == 1 else {
            if let rounded = r.rounded(places: 10) { return number(rounded) }
            return raw(Array(r.description.utf8))
        }
        if r.num < 0 { byte(UInt8(ascii: "-")) }
        let mag = r.num.magnitude, den = UInt64(r.den)
        unsigned(mag / den)
        var rem = mag % den
        guard rem != 0 else { return }
        byte(UInt8(ascii: "."))
        while rem != 0 {
            let (digit, next) = den.dividingFullWidth(rem.multipliedFullWidth(by: 10))
            byte(0x30 + UInt8(truncatingIfNeeded: digit))
            rem = next
        }
    }
}

/// Byte strings computed once (JSON fragments of a rule set), kept in one block of memory that
/// lives as long as the table: writing one is a copy from a fixed address.
public final class FragmentArena: @unchecked Sendable {
    /// Where a fragment's bytes are in the arena.
    public struct Fragment: Sendable {
        let start: Int32
        let count: Int32
    }

    private var building: [UInt8] = []
    private(set) var base: UnsafeMutablePointer<UInt8>?

    init() {}

    deinit { base?.deallocate() }

    /// Adds `bytes` (before `seal`).
    func add(_ bytes: [UInt8]) -> Fragment {
        precondition(base == nil && building.count + bytes.count < Int(Int32.max))
        let f = Fragment(start: Int32(building.count), count: Int32(bytes.count))
        building += bytes
        return f
    }

    /// Moves the bytes to their final place; no more may be added (the arena is shared by threads
    /// from here on, read only).
    func seal() {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(building.count, 1))
        building.withUnsafeBufferPointer { if let b = $0.baseAddress { p.update(from: b, count: $0.count) } }
        base = p
        building = []
    }

    @inline(__always) func bytes(_ f: Fragment) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base.map { $0 + Int(f.start) }, count: Int(f.count))
    }
}

extension ByteWriter {
    @inline(__always) mutating func raw(_ f: FragmentArena.Fragment, _ arena: FragmentArena) { raw(arena.bytes(f)) }

    /// `table[offset + i]` for each of `indices`, comma-separated: a list of codes or objects.
    @inline(__always) mutating func fragments(_ indices: [Int], of table: [FragmentArena.Fragment], offset: Int = 0,
                                              _ arena: FragmentArena) {
        indices.withUnsafeBufferPointer { xs in
            for j in xs.indices {
                if j > 0 { byte(UInt8(ascii: ",")) }
                raw(table[offset + xs[j]], arena)
            }
        }
    }
}
