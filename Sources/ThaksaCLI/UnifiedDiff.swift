/// A unified line diff (`diff -u` style): longest common subsequence of lines, hunks with
/// `context` lines around each change, `\ No newline at end of file` where that differs.
enum UnifiedDiff {
    /// Past this many cells the LCS table is not built: the differing middle is shown as one change.
    static let maxTable = 16_000_000

    struct Line: Equatable {
        var text: String
        /// The last line of a text that does not end with a newline.
        var noNewline = false
    }

    enum Op: Equatable { case same(Int, Int), delete(Int), insert(Int) }

    static func lines(_ text: String) -> [Line] {
        guard !text.isEmpty else { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(text: String($0)) }
        if parts.last?.text == "" { parts.removeLast() } else { parts[parts.count - 1].noNewline = true }
        return parts
    }

    /// "" when the texts are equal.
    static func diff(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let ops = script(a, b)
        guard ops.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group changes whose context overlaps into hunks.
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        var hunks: [(Int, Int)] = []
        for i in changed {
            let lo = max(0, i - context), hi = min(ops.count - 1, i + context)
            if let last = hunks.last, lo <= last.1 + 1 { hunks[hunks.count - 1].1 = hi } else { hunks.append((lo, hi)) }
        }
        for (lo, hi) in hunks {
            let slice = ops[lo...hi]
            var oldStart = 0, newStart = 0
            // Line numbers before the hunk: count the lines consumed by the ops before it.
            for op in ops[..<lo] {
                switch op {
                case .same: oldStart += 1; newStart += 1
                case .delete: oldStart += 1
                case .insert: newStart += 1
                }
            }
            let oldCount = slice.filter { if case .insert = $0 { return false } else { return true } }.count
            let newCount = slice.filter { if case .delete = $0 { return false } else { return true } }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for op in slice {
                switch op {
                case .same(let i, _): out += line(" ", a[i])
                case .delete(let i): out += line("-", a[i])
                case .insert(let j): out += line("+", b[j])
                }
            }
        }
        return out
    }

    static func range(_ before: Int, _ count: Int) -> String {
        // GNU style: an empty range names the line before it; a range of one line has no count.
        if count == 0 { return "\(before),0" }
        return count == 1 ? "\(before + 1)" : "\(before + 1),\(count)"
    }

    static func line(_ prefix: String, _ l: Line) -> String {
        prefix + l.text + "\n" + (l.noNewline ? "\\ No newline at end of file\n" : "")
    }

    /// The edit script: common prefix and suffix first, then an LCS table over the middle.
    static func script(_ a: [Line], _ b: [Line]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { .same($0, $0) }
        let a0 = prefix, a1 = a.count - suffix, b0 = prefix, b1 = b.count - suffix
        let n = a1 - a0, m = b1 - b0
        if n > 0, m > 0, n * m <= maxTable {
            // lcs[i][j]: LCS length of a[a0+i..<a1] and b[b0+j..<b1], flattened.
            var lcs = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] = a[a0 + i] == b[b0 + j]
                        ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, a[a0 + i] == b[b0 + j] { ops.append(.same(a0 + i, b0 + j)); i += 1; j += 1 }
                else if i < n, j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1] { ops.append(.delete(a0 + i)); i += 1 }
                else { ops.append(.insert(b0 + j)); j += 1 }
            }
        } else {
            ops += (a0..<a1).map { .delete($0) }
            ops += (b0..<b1).map { .insert($0) }
        }
        ops += (0..<suffix).map { .same(a1 + $0, b1 + $0) }
        return ops
    }
}
