import Foundation

/// Reads a rule set from disk: every `*.thaksa` file directly in the folder, in file-name order,
/// plus what they `include` (only inside the folder). Then parses and checks it.
public struct LoadedRuleSet: Sendable {
    public var root: String
    public var sources: SourceSet
    public var files: [SyntaxFile]
    public var ruleSet: RuleSet
    public var diagnostics: DiagnosticSink
    /// True when the rule set could not be read at all (missing folder, no rule files, unreadable).
    public var unreadable: Bool
}

public enum RuleSetLoader {
    public static let fileExtension = "thaksa"

    /// `path` is a rule-set folder or a single rule file; `display` maps absolute paths to what is shown;
    /// `read` gives a file's bytes (an editor passes its unsaved buffers over the disk's); `parse`
    /// parses one file (an editor reuses the trees of files that did not change); `unsaved` names
    /// rule files that `read` has but the disk does not yet (an editor's new buffers).
    public static func load(_ path: String, display: (String) -> String = { $0 }, unsaved: [String] = [],
                            read: (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } },
                            parse: (SourceFile) -> (SyntaxFile, DiagnosticSink) = Parser.parse) -> LoadedRuleSet {
        var sources = SourceSet()
        var diagnostics = DiagnosticSink()
        var files: [SyntaxFile] = []
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard fm.fileExists(atPath: absolute, isDirectory: &isDir) else {
            diagnostics.add(.unreadableFile, .none, [display(absolute), "@nofile:"])
            return LoadedRuleSet(root: absolute, sources: sources, files: [], ruleSet: RuleSet(), diagnostics: diagnostics, unreadable: true)
        }
        let root = isDir.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
        var queue: [(path: String, from: SourceSpan)] = []
        if isDir.boolValue {
            var names = ((try? fm.contentsOfDirectory(atPath: absolute)) ?? []).filter { $0.hasSuffix("." + fileExtension) }
            names = Set(names + unsaved.filter { ($0 as NSString).deletingLastPathComponent == absolute && $0.hasSuffix("." + fileExtension) }
                .map { ($0 as NSString).lastPathComponent }).sorted()
            // A rule file linked from outside the folder is refused, as an `include` of it would be.
            let realRoot = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            for name in names {
                let real = URL(fileURLWithPath: absolute + "/" + name).resolvingSymlinksInPath().path
                if real.hasPrefix(realRoot + "/") { queue.append((absolute + "/" + name, SourceSpan.none)) }
                else { diagnostics.add(.includeOutsideRoot, .none, [name]) }
            }
            if names.isEmpty {
                diagnostics.add(.noRuleFiles, .none, [display(absolute)])
                return LoadedRuleSet(root: root, sources: sources, files: [], ruleSet: RuleSet(), diagnostics: diagnostics, unreadable: true)
            }
        } else {
            queue = [(absolute, .none)]
        }
        var loaded = Set<String>()
        var unreadable = false
        var k = 0
        while k < queue.count {
            let (p, from) = queue[k]
            k += 1
            guard loaded.insert(p).inserted else { continue }
            guard let data = read(p) else {
                diagnostics.add(.unreadableFile, from, [display(p), "@unreadable:"])
                unreadable = true
                continue
            }
            let file = sources.add(path: display(p), bytes: data)
            let (syntax, diags) = parse(file)
            diagnostics.append(contentsOf: diags)
            files.append(syntax)
            for s in syntax.statements where s.keyword.text == "include" {
                guard case .string(let t) = s.args[0] else { continue }
                let target = URL(fileURLWithPath: t.value, relativeTo: URL(fileURLWithPath: (p as NSString).deletingLastPathComponent + "/"))
                    .standardizedFileURL.path
                let real = URL(fileURLWithPath: target).resolvingSymlinksInPath().path
                let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
                guard real.hasPrefix(realRoot + "/") else {
                    diagnostics.add(.includeOutsideRoot, t.span, [t.value])
                    continue
                }
                guard fm.fileExists(atPath: target) else {
                    diagnostics.add(.includeNotFound, t.span, [t.value])
                    continue
                }
                queue.append((target, t.span))
            }
        }
        let (ruleSet, checkDiags) = Checker.check(files)
        diagnostics.append(contentsOf: checkDiags)
        return LoadedRuleSet(root: root, sources: sources, files: files, ruleSet: ruleSet, diagnostics: diagnostics, unreadable: unreadable)
    }

    /// Loads rule text held in memory (tests and tools): files in the given order.
    public static func load(files: [(path: String, text: String)]) -> LoadedRuleSet {
        var sources = SourceSet()
        var diagnostics = DiagnosticSink()
        var syntax: [SyntaxFile] = []
        for (p, t) in files {
            let f = sources.add(path: p, bytes: Array(t.utf8))
            let (s, d) = Parser.parse(f)
            syntax.append(s)
            diagnostics.append(contentsOf: d)
        }
        let (ruleSet, checkDiags) = Checker.check(syntax)
        diagnostics.append(contentsOf: checkDiags)
        return LoadedRuleSet(root: "", sources: sources, files: syntax, ruleSet: ruleSet, diagnostics: diagnostics, unreadable: false)
    }
}
