import Foundation

/// Reads a rule-set folder as it was at a git revision (`git show REV:./file` for each rule file
/// of the folder and each file they include), without touching the work tree.
public enum GitRuleSource {
    public struct Failure: Error, Sendable {
        public var en: String
        public var th: String
        public func message(_ lang: Language) -> String { lang == .th ? th : en }
    }

    /// `folder` is an absolute path inside a git work tree; `display` names its files as NEW's are named.
    public static func load(revision: String, folder: String, display: (String) -> String) -> Result<LoadedRuleSet, Failure> {
        guard !revision.hasPrefix("-") else {
            return .failure(Failure(en: "`--git` takes a revision, not `\(revision)`", th: "`--git` ต้องตามด้วยรุ่น (revision) ไม่ใช่ `\(revision)`"))
        }
        let listing: String
        switch git(["ls-tree", "--full-tree", "--name-only", revision + ":./"], in: folder) {
        case .failure(let f):
            return .failure(Failure(en: "cannot read `\(display(folder))` at git revision `\(revision)` (\(f.en))",
                                    th: "อ่าน `\(display(folder))` ที่รุ่น `\(revision)` ของ git ไม่ได้ (\(f.th))"))
        case .success(let out): listing = out
        }
        let names = listing.split(separator: "\n").map(String.init).filter { $0.hasSuffix("." + RuleSetLoader.fileExtension) }.sorted()
        guard !names.isEmpty else {
            return .failure(Failure(en: "no rule files (*.thaksa) in `\(display(folder))` at \(revision)",
                                    th: "ไม่พบไฟล์กฎ (*.thaksa) ใน `\(display(folder))` ที่รุ่น \(revision)"))
        }
        var files: [(path: String, text: String)] = []
        var queue = names
        var seen = Set<String>()
        var k = 0
        while k < queue.count {
            let rel = queue[k]
            k += 1
            guard seen.insert(rel).inserted else { continue }
            let text: String
            switch git(["show", revision + ":./" + rel], in: folder) {
            case .failure(let f): return .failure(f)
            case .success(let t): text = t
            }
            files.append((display(folder + "/" + rel), text))
            // Follow includes the way the loader does: relative to the including file, inside the folder.
            let (syntax, _) = Parser.parse(SourceFile(id: 0, path: rel, text: text))
            for s in syntax.statements where s.keyword.text == "include" {
                guard case .string(let t)? = s.args.first else { continue }
                let base = URL(fileURLWithPath: "/" + rel).deletingLastPathComponent().path
                let target = URL(fileURLWithPath: t.value, relativeTo: URL(fileURLWithPath: base.hasSuffix("/") ? base : base + "/")).standardizedFileURL.path
                guard target.hasPrefix("/"), !target.hasPrefix("/.."), target.count > 1 else { continue }
                queue.append(String(target.dropFirst()))
            }
        }
        return .success(RuleSetLoader.load(files: files))
    }

    /// Runs git in `directory`; its standard output, or a message naming what failed.
    static func git(_ args: [String], in directory: String) -> Result<String, Failure> {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", directory] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            return .failure(Failure(en: "cannot run git: \(error.localizedDescription)", th: "เรียกใช้ git ไม่ได้: \(error.localizedDescription)"))
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let detail = String(decoding: errData, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            if p.terminationStatus == 127 {
                return .failure(Failure(en: "git is not installed", th: "ไม่ได้ติดตั้ง git"))
            }
            return .failure(Failure(en: "git \(args.joined(separator: " ")) failed in `\(directory)`: \(detail)",
                                    th: "git \(args.joined(separator: " ")) ไม่สำเร็จใน `\(directory)`: \(detail)"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
