/// "Did you mean": the closest candidate within an edit-distance cap, or nil.
public enum Suggestions {
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = scalars(name)
        let cap = max(1, min(3, target.count / 3))
        var best: (String, Int)?
        var previous = [Int](), current = [Int]()
        for candidate in candidates where candidate != name {
            // Cheap length filter first: most candidates are far longer or shorter.
            let length = candidate.unicodeScalars.count
            if abs(length - target.count) > cap { continue }
            let d = distance(target, scalars(candidate), cap: cap, &previous, &current)
            if d <= cap, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Unicode scalar values, ASCII letters folded to lower case.
    static func scalars(_ s: String) -> [UInt32] {
        s.unicodeScalars.map { $0.value >= 65 && $0.value <= 90 ? $0.value + 32 : $0.value }
    }

    /// Levenshtein distance, giving up (cap + 1) once a whole row exceeds the cap. The two row
    /// buffers are reused across calls.
    static func distance(_ a: [UInt32], _ b: [UInt32], cap: Int, _ previous: inout [Int], _ current: inout [Int]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let n = b.count
        if previous.count < n + 1 { previous = [Int](repeating: 0, count: n + 1); current = previous }
        for j in 0...n { previous[j] = j }
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            let ai = a[i - 1]
            for j in 1...n {
                let substitute = previous[j - 1] + (ai == b[j - 1] ? 0 : 1)
                let value = min(substitute, min(previous[j], current[j - 1]) + 1)
                current[j] = value
                if value < rowMin { rowMin = value }
            }
            if rowMin > cap { return cap + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
