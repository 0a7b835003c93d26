// Fuzz target: rule-file bytes through lexer → parser → checker → diagnostic renderer (text and
// JSON). Besides crashes, traps when a diagnostic points outside the file or an error is unlocated.

@_cdecl("LLVMFuzzerTestOneInput")
public func rulesFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var sources = SourceSet()
    let file = sources.add(path: "fuzz.thaksa", bytes: bytes)
    let (syntax, parseDiagnostics) = Parser.parse(file)
    let (_, checkDiagnostics) = Checker.check([syntax])
    var all = parseDiagnostics
    all.append(contentsOf: checkDiagnostics)
    for d in all.items where d.code != .tooManyErrors {
        // Every diagnostic about this file lies inside it.
        guard d.span.file == file.id else { continue }
        precondition(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= bytes.count,
                     "\(d.code.rawValue) span \(d.span.start)..<\(d.span.end) outside \(bytes.count) bytes")
    }
    let renderer = DiagnosticRenderer(sources: sources)
    let text = renderer.text(all.sorted, dropped: all.dropped)
    // A rendered value never adds a line that looks like a diagnostic of its own (control escaping).
    precondition(!text.unicodeScalars.contains { $0.value == 0x1B }, "raw ESC in rendered diagnostics")
    _ = all.items.map { renderer.json($0).serialized(pretty: false) }
    return 0
}
