/// A unified line diff (`diff -u` style): longest common subsequence of lines, hunks with
/// `context` lines around each change, `\ No newline at end of file` where that differs.
enum UnifiedDiff {
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

    /// The edit script: common prefix and suffix first, then a shortest edit script (Myers'
    /// O(ND) algorithm, which finds a longest common subsequence) over the middle.
    static func script(_ a: [Line], _ b: [Line]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { .same($0, $0) }
        let a1 = a.count - suffix, b1 = b.count - suffix
        if let middle = myers(Array(a[prefix..<a1]), Array(b[prefix..<b1])) {
            ops += middle.map {
                switch $0 {
                case .same(let i, let j): return .same(prefix + i, prefix + j)
                case .delete(let i): return .delete(prefix + i)
                case .insert(let j): return .insert(prefix + j)
                }
            }
        } else {
            ops += (prefix..<a1).map { .delete($0) }
            ops += (prefix..<b1).map { .insert($0) }
        }
        ops += (0..<suffix).map { .same(a1 + $0, b1 + $0) }
        return ops
    }

    /// Past this many differing lines the middle is shown as one change (the search keeps
    /// O(D²) state).
    static let maxEdits = 2_000

    static func myers(_ a: [Line], _ b: [Line]) -> [Op]? {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return (0..<n).map { .delete($0) } + (0..<m).map { .insert($0) } }
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d]: v[k] for k in -d...d, as it was before step d.
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let prev = trace[d]
            func at(_ k: Int) -> Int { prev[k + d] }
            let k = x - y
            let prevK: Int, prevX: Int
            if d == 0 { prevK = 0; prevX = 0 } else {
                prevK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
                prevX = at(prevK)
            }
            let prevY = prevX - prevK
            while x > prevX, y > prevY { x -= 1; y -= 1; ops.append(.same(x, y)) }
            if d > 0 {
                if x == prevX { y -= 1; ops.append(.insert(y)) } else { x -= 1; ops.append(.delete(x)) }
            }
        }
        return ops.reversed()
    }
}
