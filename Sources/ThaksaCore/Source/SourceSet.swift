/// The files of one run, indexed by their id; spans carry the id.
public struct SourceSet: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    @discardableResult
    public mutating func add(path: String, bytes: [UInt8]) -> SourceFile {
        let file = SourceFile(id: files.count, path: path, bytes: bytes)
        files.append(file)
        return file
    }

    public subscript(id: Int) -> SourceFile? { id >= 0 && id < files.count ? files[id] : nil }
}
