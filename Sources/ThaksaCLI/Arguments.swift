/// A small command-line parser: `--flag`, `--option value` or `--option=value`, and positionals.
struct Arguments {
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    /// Every value of each valued option in order (for repeatable ones such as `--id`).
    var all: [String: [String]] = [:]

    struct UsageError: Error { let message: String }

    /// `valued` are the options that take a value; `switches` the ones that do not.
    init(_ args: [String], valued: Set<String>, switches: Set<String>) throws {
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || !a.hasPrefix("-") || a == "-" { positionals.append(a); continue }
            if a == "--" { onlyPositionals = true; continue }
            var key = a, value: String?
            if let eq = a.firstIndex(of: "=") { key = String(a[..<eq]); value = String(a[a.index(after: eq)...]) }
            if key == "-h" { key = "--help" }
            if switches.contains(key) {
                if value != nil { throw UsageError(message: "`\(key)` takes no value") }
                flags.insert(key)
            } else if valued.contains(key) {
                if value == nil {
                    guard i < args.count else { throw UsageError(message: "`\(key)` needs a value") }
                    value = args[i]
                    i += 1
                }
                options[key] = value
                if let value { all[key, default: []].append(value) }
            } else {
                let known = (valued.union(switches)).sorted()
                let hint = known.first { $0.hasPrefix(key) || key.hasPrefix($0) }.map { " (did you mean `\($0)`?)" } ?? ""
                throw UsageError(message: "unknown option `\(key)`\(hint)")
            }
        }
    }

    func choice(_ key: String, _ allowed: [String], default d: String) throws -> String {
        guard let v = options[key] else { return d }
        guard allowed.contains(v) else {
            throw UsageError(message: "`\(key)` takes one of \(allowed.map { "`\($0)`" }.joined(separator: ", ")), not `\(v)`")
        }
        return v
    }
}
