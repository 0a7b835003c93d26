import Foundation

/// Output written whole or not at all: text goes to a temporary file beside the target, which is
/// renamed over the target on `commit` and removed on `discard`. Without a target path, `commit`
/// copies the temporary file to stdout.
final class AtomicFile {
    let target: String?
    let temp: String
    let handle: FileHandle

    init(target: String?) throws {
        self.target = target
        let dir = target.map { ($0 as NSString).deletingLastPathComponent } ?? NSTemporaryDirectory()
        let base = target.map { ($0 as NSString).lastPathComponent } ?? "stdout"
        temp = (dir.isEmpty ? "." : dir) + "/.\(base).thaksa-\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        guard FileManager.default.createFile(atPath: temp, contents: nil), let h = FileHandle(forUpdatingAtPath: temp) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        handle = h
        // Bound for stdout: nameless from the start, so a killed run leaves nothing behind.
        if target == nil { unlink(temp) }
    }

    func write(_ s: String) { handle.write(Data(s.utf8)) }
    func write(_ bytes: [UInt8]) { handle.write(Data(bytes)) }

    func commit(stdout: TextOutput) throws {
        if let target {
            try handle.close()
            // rename(2) in the same folder: readers see the old file or the new one, never a part.
            guard rename(temp, target) == 0 else {
                try? FileManager.default.removeItem(atPath: temp)
                throw CocoaError(.fileWriteUnknown)
            }
        } else {
            guard let r = FileHandle(forReadingAtPath: "/proc/self/fd/\(handle.fileDescriptor)") else { throw CocoaError(.fileReadUnknown) }
            while true {
                let d = r.readData(ofLength: 1 << 20)
                if d.isEmpty { break }
                stdout.write(String(decoding: d, as: UTF8.self))
            }
            try? r.close()
            try? handle.close()
        }
    }

    func discard() {
        try? handle.close()
        if target != nil { try? FileManager.default.removeItem(atPath: temp) }
    }
}
