import Foundation

/// The strings of cells that repeat from row to row (a position, a unit), kept per worker so a
/// row reuses the string an earlier row made instead of allocating its own: a small
/// direct-mapped cache by the cell's bytes (a miss makes the string and takes the slot).
public struct RepeatedStrings: Sendable {
    private var keys: [[UInt8]?]
    private var values: [String]

    public init(slots: Int = 256) {
        keys = [[UInt8]?](repeating: nil, count: slots)
        values = [String](repeating: "", count: slots)
    }

    /// The string of `cell`, made by `make` the first time these bytes are seen (or after another
    /// cell took their slot).
    mutating func string(_ cell: Slice<UnsafeBufferPointer<UInt8>>, make: (Slice<UnsafeBufferPointer<UInt8>>) -> String) -> String {
        let k = Int(truncatingIfNeeded: RepeatedStrings.hash(cell) >> 32) % keys.count
        if let key = keys[k], RepeatedStrings.same(key, cell) { return values[k] }
        let s = make(cell)
        keys[k] = Array(cell)
        values[k] = s
        return s
    }

    /// Eight bytes at a time, each word multiplied in (then the last few bytes, and the length).
    static func hash(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        var h = UInt64(cell.count) &* AnswerTable.multiplier
        guard let base = cell.base.baseAddress else { return h }
        var i = cell.startIndex
        while i + 8 <= cell.endIndex {
            h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* AnswerTable.multiplier
            h ^= h >> 29
            i += 8
        }
        if i < cell.endIndex { h = (h ^ AnswerTable.key(base, i..<cell.endIndex, limit: cell.base.count)) &* AnswerTable.multiplier }
        return h ^ h >> 32
    }

    static func same(_ key: [UInt8], _ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard key.count == cell.count else { return false }
        guard let base = cell.base.baseAddress else { return true }   // both empty
        return key.withUnsafeBufferPointer { k in k.baseAddress.map { memcmp($0, base + cell.startIndex, cell.count) == 0 } ?? false }
    }
}
