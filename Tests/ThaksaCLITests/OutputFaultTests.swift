import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore
#if canImport(Glibc)
import Glibc
#endif

/// Every writer (`score --out`, stdout, `--rejects`, `summary --out`, `test --update`, `fmt --write`)
/// goes through `AtomicFile`: under a full disk, a failing stdout, links, FIFOs, devices and folders
/// it writes everything or nothing, and says so with exit 3.
@Suite struct OutputFaultTests {
    let header = "id,name,position,unit,DLit100,DLit200\n"

    /// A rule folder with `rows` people, each with a Thai name (3-byte characters throughout).
    func people(_ rows: Int, pad: Int = 0) throws -> String {
        let dir = try ruleFolder(["rules.thaksa": runnerRules])
        var text = header
        for i in 0..<rows {
            let name = (i == 0 ? String(repeating: "x", count: pad) : "") + "นางสาวพรทิพย์ ใจงาม \(i)"
            text += "P\(i),\(name),นักวิชาการเงินและบัญชี,\(i % 2 == 0 ? "สำนักงานเขตบางรัก" : "สำนักการคลัง"),มี,ไม่มี\n"
        }
        try text.write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// Names in the folder, hidden ones too: no temporary file may be left behind.
    func entries(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    @Test("stdout gets the same bytes as --out, with characters split across every buffer boundary")
    func stdoutIsCopiedAsBytes() throws {
        var checked = false
        for pad in 0..<3 {
            let dir = try people(9_000, pad: pad)
            let file = Run(["score", "in.csv", "--rules", ".", "--out", "out.jsonl"], cwd: dir)
            #expect(file.code == 0, "\(file.stderr)")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/out.jsonl")))
            #expect(bytes.count > 3 << 20)
            // A 1 MiB boundary inside a Thai character is what the old text copy broke.
            let splits = (1...3).filter { bytes[$0 << 20] & 0xC0 == 0x80 }
            guard !splits.isEmpty else { continue }
            let out = Run(["score", "in.csv", "--rules", "."], cwd: dir)
            #expect(out.code == 0)
            #expect(out.stdoutBytes.count == bytes.count)
            #expect(out.stdoutBytes == bytes)
            checked = true
            break
        }
        #expect(checked, "no output had a character across a 1 MiB boundary")
    }

    @Test("a disk that fills up under --out: exit 3, a message, the old file kept, no temporary file")
    func diskFullUnderOut() throws {
        let dir = try people(300)
        try "old\n".write(toFile: dir + "/out.jsonl", atomically: true, encoding: .utf8)
        let before = entries(dir)
        for lang in ["en", "th"] {
            let r = Run(["score", "in.csv", "--rules", ".", "--out", "out.jsonl", "--lang", lang], cwd: dir,
                        writer: .failing(after: 70_000))
            #expect(r.code == 3)
            #expect(r.stderr.contains(lang == "en" ? "cannot write `out.jsonl`: no space left on the device" : "เขียน `out.jsonl` ไม่ได้: พื้นที่บนดิสก์เต็ม"), "\(r.stderr)")
            #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8) == "old\n")
            #expect(entries(dir) == before)
        }
    }

    @Test("a full temporary folder when scoring to stdout: exit 3 and nothing on stdout")
    func diskFullUnderStdout() throws {
        let dir = try people(300)
        let r = Run(["score", "in.csv", "--rules", "."], cwd: dir, writer: .failing(after: 1000))
        #expect(r.code == 3)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no space left on the device"))
    }

    @Test("--rejects and summary --out share the same writer")
    func diskFullUnderRejectsAndSummary() throws {
        let dir = try people(20)
        try (header + "P1,ก,นักวิชาการเงินและบัญชี,สำนักการคลัง,มี,อาจจะ\n").write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let rejects = Run(["score", "bad.csv", "--rules", ".", "--out", "o.jsonl", "--skip-invalid"], cwd: dir, writer: .failing(after: 10))
        #expect(rejects.code == 3)
        #expect(!FileManager.default.fileExists(atPath: dir + "/o.jsonl.rejects.csv"))
        let summary = Run(["summary", "in.csv", "--rules", ".", "--out", "s.txt"], cwd: dir, writer: .failing(after: 10))
        #expect(summary.code == 3)
        #expect(!FileManager.default.fileExists(atPath: dir + "/s.txt"))
        #expect(!entries(dir).contains { $0.contains(".thaksa-") })
    }

    @Test("a stdout that fails (full disk, closed pipe) is exit 3 with a message", arguments: [ENOSPC, EPIPE])
    func failingStdout(_ code: Int32) throws {
        let dir = try people(300)
        let r = Run(["score", "in.csv", "--rules", "."], cwd: dir, stdout: BufferOutput(failingAfter: 5000, errno: code))
        #expect(r.code == 3)
        #expect(r.stderr.contains("cannot write standard output"))
        // Plain text output too (help, check summaries): the CLI checks stdout after every command.
        let help = Run(["score", "--help"], cwd: dir, stdout: BufferOutput(failingAfter: 10, errno: code))
        #expect(help.code == 3)
        #expect(help.stderr.contains(code == EPIPE ? "the reading end was closed" : "no space left"))
    }

    @Test("--out into /dev/full writes to the device and fails with exit 3")
    func deviceFull() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { print("skipped: no /dev/full"); return }
        let dir = try people(5)
        let r = Run(["score", "in.csv", "--rules", ".", "--out", "/dev/full"], cwd: dir)
        #expect(r.code == 3)
        #expect(r.stderr.contains("cannot write `/dev/full`: no space left on the device"))
        var st = stat()
        #expect(stat("/dev/full", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("--out through a symbolic link replaces its target and keeps the file's permissions")
    func symlinkAndMode() throws {
        let dir = try people(5)
        try "old\n".write(toFile: dir + "/real.jsonl", atomically: true, encoding: .utf8)
        chmod(dir + "/real.jsonl", 0o600)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: "real.jsonl")
        let r = Run(["score", "in.csv", "--rules", ".", "--out", "link.jsonl"], cwd: dir)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.jsonl") == "real.jsonl")
        #expect(try String(contentsOfFile: dir + "/real.jsonl", encoding: .utf8).hasPrefix("{\"id\":\"P0\""))
        var st = stat()
        #expect(stat(dir + "/real.jsonl", &st) == 0 && st.st_mode & 0o777 == 0o600)
        // A new file follows the umask.
        let mask = umask(0o022); umask(mask)
        #expect(Run(["score", "in.csv", "--rules", ".", "--out", "new.jsonl"], cwd: dir).code == 0)
        #expect(stat(dir + "/new.jsonl", &st) == 0 && st.st_mode & 0o777 == 0o666 & ~mask)
    }

    @Test("--out into a FIFO writes into it instead of replacing it")
    func fifo() throws {
        let dir = try people(5)
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        let r = Run(["score", "in.csv", "--rules", ".", "--out", "pipe"], cwd: dir)
        #expect(r.code == 0, "\(r.stderr)")
        var got = [UInt8](repeating: 0, count: 1 << 16)
        let n = read(reader, &got, got.count)
        close(reader)
        #expect(n > 0 && String(decoding: got[0..<max(0, n)], as: UTF8.self).hasPrefix("{\"id\":\"P0\""))
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("--out naming a folder says so")
    func folder() throws {
        let dir = try people(5)
        let th = Run(["score", "in.csv", "--rules", ".", "--out", ".", "--lang", "th"], cwd: dir)
        #expect(th.code == 3)
        #expect(th.stderr == "thaksa: เขียน `.` ไม่ได้: เป็นโฟลเดอร์ ให้ระบุชื่อไฟล์\n")
        let en = Run(["score", "in.csv", "--rules", ".", "--out", "."], cwd: dir)
        #expect(en.stderr == "thaksa: cannot write `.`: it is a folder; give a file name\n")
    }

    @Test("temporary files of killed runs are removed by the next run; a live run's are not")
    func staleTemporaryFiles() throws {
        let dir = try people(5)
        let dead = ".out.jsonl.thaksa-\(Int32.max)-DEADBEEF.tmp"   // no process has this id
        let live = ".out.jsonl.thaksa-1-CAFEF00D.tmp"                 // process 1 is always there
        let other = ".other.jsonl.thaksa-\(Int32.max)-DEADBEEF.tmp"  // another target's: not ours to touch
        for name in [dead, live, other] { try "partial".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
        #expect(Run(["score", "in.csv", "--rules", ".", "--out", "out.jsonl"], cwd: dir).code == 0)
        let names = entries(dir)
        #expect(!names.contains(dead))
        #expect(names.contains(live))
        #expect(names.contains(other))
    }

    @Test("fmt --write under a full disk keeps the file")
    func fmtWriteDiskFull() throws {
        let dir = try ruleFolder(["a.thaksa": "kind   ability \"ความสามารถ\"\n"])
        let r = Run(["fmt", "--write", "a.thaksa"], cwd: dir, writer: .failing(after: 3))
        #expect(r.code == 3)
        #expect(r.stderr.contains("cannot write `a.thaksa`: no space left on the device"))
        #expect(try String(contentsOfFile: dir + "/a.thaksa", encoding: .utf8) == "kind   ability \"ความสามารถ\"\n")
        #expect(entries(dir) == ["a.thaksa"])
    }

    /// The real thing: a 1 MiB file system. Needs root and mount(8); skipped with a message otherwise.
    @Test("a real full disk (1 MiB tmpfs) as output folder and as TMPDIR")
    func realFullDisk() throws {
        let mnt = try ruleFolder([:]) + "/small"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        guard getuid() == 0, shell(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt]) == 0 else {
            print("skipped: cannot mount a 1 MiB tmpfs here (needs root)")
            return
        }
        defer { _ = shell(["umount", mnt]) }
        let dir = try people(9_000)
        let r = Run(["score", dir + "/in.csv", "--rules", dir, "--out", mnt + "/out.jsonl"], cwd: dir)
        #expect(r.code == 3)
        #expect(r.stderr.contains("no space left on the device"))
        #expect(entries(mnt).isEmpty)
        let s = Run(["score", dir + "/in.csv", "--rules", dir], env: ["TMPDIR": mnt], cwd: dir)
        #expect(s.code == 3)
        #expect(s.stdout.isEmpty)
        #expect(entries(mnt).isEmpty)
    }

    func shell(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
