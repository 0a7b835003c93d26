import Foundation

/// Walks an XML part's events with the stack of open elements' local names.
struct XMLWalk {
    var scanner: XMLScanner
    var path: [String] = []
    let part: String
    let messages: XlsxMessages

    /// Calls `body` for each event; `path` holds the open elements (a start's own name included).
    mutating func forEach(_ body: (XMLEvent, [String]) throws(InputError) -> Void) throws(InputError) {
        while true {
            let event: XMLEvent?
            do { event = try scanner.next() } catch { throw messages.xml(part, error) }
            guard let event else { return }
            if case .start(let name, _) = event { path.append(XMLScanner.localName(name)) }
            try body(event, path)
            if case .end = event { path.removeLast() }
        }
    }
}

/// The workbook-level parts: sheet list, shared strings, cell styles, date system.
struct XlsxWorkbook {
    struct Sheet {
        var name: String
        var path: String
        var kind: String      // the relationship type's last segment: worksheet, chartsheet, ...
        var hidden: Bool
    }

    let archive: ZipArchive
    let messages: XlsxMessages
    var sheets: [Sheet] = []
    var date1904 = false
    var sharedStrings: [String] = []
    /// Per cell style (`s` attribute, an index into cellXfs): how its numbers are shown.
    var styles: [XlsxNumberKind] = []

    init(_ archive: ZipArchive, _ messages: XlsxMessages) throws(InputError) {
        self.archive = archive
        self.messages = messages
        if archive.entry(named: "mimetype") != nil, archive.entry(named: "content.xml") != nil {
            throw messages.openDocument()
        }
        let rootRels = try relationships(of: "")
        let workbookPath = rootRels.first { $0.type == "officeDocument" }?.target ?? "xl/workbook.xml"
        guard find(workbookPath) != nil else { throw messages.notWorkbook(nil) }
        let workbookRels = try relationships(of: workbookPath)
        try readWorkbook(workbookPath, workbookRels)
        if let path = workbookRels.first(where: { $0.type == "sharedStrings" })?.target { try readSharedStrings(path) }
        if let path = workbookRels.first(where: { $0.type == "styles" })?.target { try readStyles(path) }
    }

    func find(_ path: String) -> ZipArchive.Entry? {
        archive.entry(named: path) ?? archive.entries.first { $0.name.lowercased() == path.lowercased() }
    }

    func xml(_ path: String) throws(InputError) -> XMLWalk {
        guard let entry = find(path) else { throw messages.missingPart(path) }
        let data: [UInt8]
        do { data = try archive.data(entry) } catch { throw messages.zip(error) }
        do { return XMLWalk(scanner: try XMLScanner(data), part: path, messages: messages) }
        catch { throw messages.xml(path, error) }
    }

    struct Relationship { var id: String, type: String, target: String }

    /// The relationships of `part` (`""` for the package), targets resolved to archive paths.
    func relationships(of part: String) throws(InputError) -> [Relationship] {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[..<$0]) + "/" } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        let relsPath = folder + "_rels/" + file + ".rels"
        guard find(relsPath) != nil else { return [] }
        var walk = try xml(relsPath)
        var found: [Relationship] = []
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event, path.last == "Relationship",
                  attributes[local: "TargetMode"] != "External",
                  let id = attributes[local: "Id"], let type = attributes[local: "Type"], let target = attributes[local: "Target"]
            else { return }
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            found.append(Relationship(id: id, type: kind, target: Self.resolve(target, in: folder)))
        }
        return found
    }

    /// `worksheets/sheet1.xml` in `xl/` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`; `..` handled.
    static func resolve(_ target: String, in folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for piece in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private mutating func readWorkbook(_ path: String, _ rels: [Relationship]) throws(InputError) {
        var walk = try xml(path)
        var sheets: [Sheet] = []
        var date1904 = false
        let messages = messages
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event else { return }
            if path.last == "workbookPr", let v = attributes[local: "date1904"] { date1904 = v == "1" || v == "true" }
            guard path.last == "sheet", path.dropLast().last == "sheets" else { return }
            guard let name = attributes[local: "name"], let id = attributes[local: "id"],
                  let rel = rels.first(where: { $0.id == id }) else { throw messages.missingPart("sheet relationship") }
            let state = attributes[local: "state"] ?? "visible"
            sheets.append(Sheet(name: name, path: rel.target, kind: rel.type, hidden: state != "visible"))
        }
        self.sheets = sheets
        self.date1904 = date1904
    }

    private mutating func readSharedStrings(_ path: String) throws(InputError) {
        var walk = try xml(path)
        var strings: [String] = []
        var current = ""
        try walk.forEach { event, path throws(InputError) in
            switch event {
            case .start: if path.last == "si" { current = "" }
            case .text(let text): if path.last == "t", !path.contains("rPh") { current += text }
            case .end: if path.last == "si" { strings.append(current) }
            }
        }
        sharedStrings = strings.map(XlsxValueText.unescape)
    }

    private mutating func readStyles(_ path: String) throws(InputError) {
        var walk = try xml(path)
        var formats: [Int: String] = [:]
        var xfs: [Int] = []
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event else { return }
            if path.last == "numFmt", let id = attributes[local: "numFmtId"].flatMap({ Int($0) }),
               let code = attributes[local: "formatCode"] {
                formats[id] = code
            } else if path.last == "xf", path.dropLast().last == "cellXfs" {
                xfs.append(attributes[local: "numFmtId"].flatMap { Int($0) } ?? 0)
            }
        }
        styles = xfs.map { id in formats[id].map(XlsxNumberKind.custom) ?? XlsxNumberKind.builtIn(id) }
    }

    /// The named sheet, or the first visible worksheet.
    func sheet(named name: String?) throws(InputError) -> Sheet {
        let worksheets = sheets.filter { $0.kind == "worksheet" }
        guard let name else {
            guard let first = worksheets.first(where: { !$0.hidden }) ?? worksheets.first else { throw messages.noSheets() }
            return first
        }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
            throw messages.unknownSheet(name, worksheets.map(\.name))
        }
        guard found.kind == "worksheet" else { throw messages.notATable(found.name) }
        return found
    }
}
