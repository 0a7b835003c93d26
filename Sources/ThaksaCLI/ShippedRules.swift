import Foundation

/// Finds the OCSC/BMA rule set shipped with Thaksa: $THAKSA_RULES, else `rules/ocsc-bma` in the
/// working directory or in a folder above the executable (a checkout's `.build/...` sits below it).
enum ShippedRules {
    static let relative = "rules/ocsc-bma"
    static let builtIn = "<built-in>/ocsc-bma"

    /// The copy of rules/ocsc-bma built into the binary by the EmbedRules plugin.
    static var embedded: [(path: String, text: String)] {
        EmbeddedRules.files.filter { $0.name.hasSuffix(".thaksa") }
            .map { (builtIn + "/" + $0.name, String(decoding: Data(base64Encoded: $0.base64) ?? Data(), as: UTF8.self)) }
    }

    /// The test files of the built-in copy (`tests/*.csv`): name and bytes.
    static var embeddedTests: [(name: String, bytes: [UInt8])] {
        EmbeddedRules.files.filter { $0.name.hasPrefix("tests/") && $0.name.lowercased().hasSuffix(".csv") }
            .map { (String($0.name.dropFirst("tests/".count)), [UInt8](Data(base64Encoded: $0.base64) ?? Data())) }
    }

    static func locate(environment: [String: String], currentDirectory: String, executableDirectory: String?) -> String? {
        if let p = environment["THAKSA_RULES"], !p.isEmpty { return p }
        let fm = FileManager.default
        var candidates = [currentDirectory]
        if var dir = executableDirectory.map({ URL(fileURLWithPath: $0).resolvingSymlinksInPath() }) {
            for _ in 0..<6 {
                candidates.append(dir.path)
                dir = dir.deletingLastPathComponent()
            }
        }
        return candidates.map { $0 + "/" + relative }.first { fm.fileExists(atPath: $0) }
    }
}

/// Expands a path given on the command line into rule sets: a folder with `.thaksa` files is one
/// rule set; a folder without any (like `rules/`) stands for each sub-folder that has some.
enum RuleSetPaths {
    static func expand(_ path: String) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return [path] }
        let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
        if entries.contains(where: { $0.hasSuffix(".thaksa") }) { return [path] }
        let subs = entries.filter { e in
            var d: ObjCBool = false
            let p = path + "/" + e
            return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
                && ((try? fm.contentsOfDirectory(atPath: p)) ?? []).contains { $0.hasSuffix(".thaksa") }
        }
        return subs.isEmpty ? [path] : subs.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
    }
}
