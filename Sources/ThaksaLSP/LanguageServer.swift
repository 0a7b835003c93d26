import Foundation
import ThaksaCore

/// An open editor buffer.
struct Document {
    var uri: String
    var path: String
    var text: [UInt8]
    var version: Int
}

/// A request that cannot be answered: becomes a JSON-RPC error response.
struct RequestError: Error {
    var code: JSONRPC.ErrorCode
    var message: String
    init(_ code: JSONRPC.ErrorCode, _ message: String) { self.code = code; self.message = message }
}

/// The language server's state and message dispatch. Takes one decoded message, returns the
/// messages to send (a response and any notifications); no I/O here, so tests drive it
/// directly. It never writes files: edits go back to the client as workspace edits.
public final class LanguageServer {
    var lang: Language
    var roots: [String] = []
    var initialized = false
    var shutdownRequested = false
    /// Set by `exit`: 0 after `shutdown`, 1 without.
    public private(set) var exitCode: Int32?
    var documents: [String: Document] = [:]
    var analyses: [String: Analysis] = [:]
    /// Files whose last published diagnostics were not empty, by folder.
    var published: [String: Set<String>] = [:]
    /// How many rule-set analyses ran (tests count work instead of timing it).
    public private(set) var analysisCount = 0
    let parseCache = ParseCache()

    public init(environment: [String: String] = [:]) {
        lang = Language.fromEnvironment(environment)
    }

    /// Handles one framed message body.
    public func handle(body: [UInt8]) -> [JSONValue] {
        switch JSONParser.parse(body) {
        case .success(let v): return handle(v)
        case .failure(let f): return [JSONRPC.error(id: .null, .parseError, "parse error at byte \(f.offset): \(f.en)")]
        }
    }

    public func handle(_ message: JSONValue) -> [JSONValue] {
        guard message.isObject, let method = message["method"]?.stringValue else {
            // A response to a request we never send, or not a message at all.
            if message.isObject && message["id"] != nil && (message["result"] != nil || message["error"] != nil) { return [] }
            return [JSONRPC.error(id: message["id"] ?? .null, .invalidRequest, "not a JSON-RPC request or notification")]
        }
        let params = message["params"] ?? .null
        guard let id = message["id"] else {
            return notification(method, params)
        }
        if case .object = id { return [JSONRPC.error(id: .null, .invalidRequest, "invalid id")] }
        if case .array = id { return [JSONRPC.error(id: .null, .invalidRequest, "invalid id")] }
        do {
            let (result, extra) = try request(method, params)
            return [JSONRPC.response(id: id, result: result)] + extra
        } catch let e as RequestError {
            return [JSONRPC.error(id: id, e.code, e.message)]
        } catch {
            return [JSONRPC.error(id: id, .internalError, "\(error)")]
        }
    }

    func request(_ method: String, _ params: JSONValue) throws -> (JSONValue, [JSONValue]) {
        if method == "initialize" { return (initialize(params), []) }
        guard initialized else { throw RequestError(.serverNotInitialized, "initialize first") }
        guard !shutdownRequested else { throw RequestError(.invalidRequest, "the server is shutting down") }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return (.null, [])
        case "textDocument/hover": return (try hover(params), [])
        case "textDocument/definition": return (try definition(params), [])
        case "textDocument/references": return (try references(params), [])
        case "textDocument/completion": return (try completion(params), [])
        case "textDocument/documentSymbol": return (try documentSymbols(params), [])
        case "textDocument/formatting": return (try formatting(params), [])
        case "textDocument/prepareRename": return (try prepareRename(params), [])
        case "textDocument/rename": return (try rename(params), [])
        case "textDocument/codeAction": return (try codeActions(params), [])
        default: throw RequestError(.methodNotFound, "unknown method \(method)")
        }
    }

    func notification(_ method: String, _ params: JSONValue) -> [JSONValue] {
        switch method {
        case "exit":
            exitCode = shutdownRequested ? 0 : 1
            return []
        case "textDocument/didOpen":
            guard initialized, let doc = params["textDocument"], let uri = doc["uri"]?.stringValue,
                  let text = doc["text"]?.stringValue else { return [] }
            guard let path = allowedPath(uri) else { return [logMessage("not in the workspace: \(uri)")] }
            documents[path] = Document(uri: uri, path: path, text: Array(text.utf8), version: doc["version"]?.intValue ?? 0)
            return analyse(folderOf(path))
        case "textDocument/didChange":
            guard initialized, let uri = params["textDocument"]?["uri"]?.stringValue, let path = allowedPath(uri),
                  var doc = documents[path], let changes = params["contentChanges"]?.arrayValue else { return [] }
            for change in changes { apply(change, to: &doc) }
            doc.version = params["textDocument"]?["version"]?.intValue ?? doc.version + 1
            documents[path] = doc
            return analyse(folderOf(path))
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = allowedPath(uri),
                  documents.removeValue(forKey: path) != nil else { return [] }
            return analyse(folderOf(path))
        case "textDocument/didSave":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = allowedPath(uri),
                  documents[path] != nil else { return [] }
            return analyse(folderOf(path))
        case "workspace/didChangeWatchedFiles":
            // A rule file changed on disk (a `git pull`, another editor): re-analyse its folder if it is in use.
            let folders = Set((params["changes"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue.flatMap(allowedPath) }.map(folderOf))
            return folders.sorted().filter { analyses[$0] != nil }.flatMap(analyse)
        default:
            return []   // initialized, $/cancelRequest, configuration changes...: nothing to do
        }
    }

    func initialize(_ params: JSONValue) -> JSONValue {
        initialized = true
        if let l = params["initializationOptions"]?["lang"]?.stringValue, let chosen = Language(rawValue: l) { lang = chosen }
        else if let locale = params["locale"]?.stringValue { lang = locale.lowercased().hasPrefix("th") ? .th : .en }
        var folders = (params["workspaceFolders"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue.flatMap(URIs.path) }
        if folders.isEmpty, let root = params["rootUri"]?.stringValue.flatMap(URIs.path) { folders = [root] }
        if folders.isEmpty, let root = params["rootPath"]?.stringValue, root.hasPrefix("/") { folders = [URIs.standardized(root)] }
        roots = folders
        let capabilities: JSONValue = .object([
            ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .int(2)), ("save", .bool(true))])),
            ("hoverProvider", .bool(true)),
            ("definitionProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("completionProvider", .object([("triggerCharacters", .array([.string(" "), .string(",")]))])),
            ("documentSymbolProvider", .bool(true)),
            ("documentFormattingProvider", .bool(true)),
            ("renameProvider", .object([("prepareProvider", .bool(true))])),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
        ])
        return .object([("capabilities", capabilities),
                        ("serverInfo", .object([("name", .string("thaksa")), ("version", .string("0.1.0"))]))])
    }

    // MARK: documents and analysis

    /// The local path of a URI inside the workspace (any file when the client named no workspace).
    func allowedPath(_ uri: String) -> String? {
        guard let path = URIs.path(uri) else { return nil }
        guard roots.isEmpty || roots.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else { return nil }
        return path
    }

    func folderOf(_ path: String) -> String { (path as NSString).deletingLastPathComponent }

    func apply(_ change: JSONValue, to doc: inout Document) {
        guard let text = change["text"]?.stringValue else { return }
        guard let range = change["range"] else { doc.text = Array(text.utf8); return }
        let file = SourceFile(id: 0, path: doc.path, bytes: doc.text)
        guard let a = Position(range["start"]), let b = Position(range["end"]) else { return }
        let from = file.offset(of: a), to = max(from, file.offset(of: b))
        doc.text.replaceSubrange(from..<to, with: Array(text.utf8))
    }

    /// Re-reads a rule-set folder with the open buffers and publishes every file's diagnostics.
    func analyse(_ folder: String) -> [JSONValue] {
        var overlay: [String: [UInt8]] = [:]
        for d in documents.values where folderOf(d.path) == folder { overlay[d.path] = d.text }
        let analysis = Analysis(folder: folder, overlay: overlay, lang: lang, cache: parseCache)
        analysisCount += 1
        analyses[folder] = analysis
        var byPath: [String: [JSONValue]] = [:]
        // Problems without a place (an unreadable folder) go to the open files of the folder.
        let placeless = overlay.keys.sorted()
        for f in analysis.findings {
            if let file = analysis.source(f.span.file) {
                byPath[file.path, default: []].append(diagnostic(f, file, analysis))
            } else {
                for p in placeless {
                    byPath[p, default: []].append(diagnostic(f, SourceFile(id: -1, path: p, bytes: overlay[p] ?? []), analysis))
                }
            }
        }
        var out: [JSONValue] = []
        let previous = published[folder] ?? []
        for path in Set(byPath.keys).union(previous).union(overlay.keys).sorted() {
            var params: [(String, JSONValue)] = [("uri", .string(uri(of: path))), ("diagnostics", .array(byPath[path] ?? []))]
            if let v = documents[path]?.version { params.insert(("version", .int(v)), at: 1) }
            out.append(JSONRPC.notification("textDocument/publishDiagnostics", .object(params)))
        }
        published[folder] = Set(byPath.keys)
        return out
    }

    func diagnostic(_ f: Finding, _ file: SourceFile, _ analysis: Analysis) -> JSONValue {
        let span = f.span.isNone ? SourceSpan(file: file.id, start: 0, end: 0) : f.span
        var fields: [(String, JSONValue)] = [
            ("range", file.range(span)),
            ("severity", .int(f.severity == .error ? 1 : f.severity == .warning ? 2 : 3)),
            ("code", .string(f.code)),
            ("source", .string("thaksa")),
            ("message", .string(f.message)),
        ]
        if let r = f.related, let rf = analysis.source(r.file) {
            fields.append(("relatedInformation", .array([.object([
                ("location", .object([("uri", .string(uri(of: rf.path))), ("range", rf.range(r))])),
                ("message", .string(lang == .th ? "ดูที่นี่" : "see here")),
            ])])))
        }
        return .object(fields)
    }

    func uri(of path: String) -> String { documents[path]?.uri ?? URIs.uri(path) }

    func logMessage(_ text: String) -> JSONValue {
        JSONRPC.notification("window/logMessage", .object([("type", .int(3)), ("message", .string(text))]))
    }

    // MARK: request context

    /// The open document, its analysis and file, and the byte offset a request points at.
    struct Target {
        var document: Document
        var analysis: Analysis
        var syntax: SyntaxFile
        var offset: Int
    }

    /// The open document a request names.
    func openDocument(_ params: JSONValue) throws -> Document {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else { throw RequestError(.invalidParams, "textDocument.uri is missing") }
        guard let path = allowedPath(uri) else { throw RequestError(.invalidParams, "not a file in the workspace: \(uri)") }
        guard let doc = documents[path] else { throw RequestError(.invalidParams, "the document is not open: \(uri)") }
        return doc
    }

    func target(_ params: JSONValue, needsPosition: Bool = true) throws -> Target {
        let doc = try openDocument(params)
        let path = doc.path, uri = doc.uri
        let position = Position(params["position"])
        if needsPosition && position == nil { throw RequestError(.invalidParams, "position is missing or invalid") }
        let folder = folderOf(path)
        if analyses[folder] == nil { _ = analyse(folder) }
        guard let analysis = analyses[folder], let syntax = analysis.file(path) else {
            throw RequestError(.requestFailed, "the rule set of \(uri) could not be read")
        }
        let offset = position.map { syntax.file.offset(of: $0) } ?? 0
        return Target(document: doc, analysis: analysis, syntax: syntax, offset: offset)
    }

    func location(_ span: SourceSpan, _ analysis: Analysis) -> JSONValue? {
        guard let file = analysis.source(span.file) else { return nil }
        return .object([("uri", .string(uri(of: file.path))), ("range", file.range(span))])
    }
}

/// file:// URIs and local paths.
enum URIs {
    static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = uri.dropFirst("file://".count)
        if rest.hasPrefix("localhost/") { rest = rest.dropFirst("localhost".count) }
        guard rest.hasPrefix("/"), let decoded = String(rest).removingPercentEncoding else { return nil }
        return standardized(decoded)
    }

    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return "file://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
    }
}
