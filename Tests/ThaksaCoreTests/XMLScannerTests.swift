import Testing
@testable import ThaksaCore

@Suite
struct XMLScannerTests {
    static func events(_ text: String) throws(XMLError) -> [XMLEvent] {
        var scanner = try XMLScanner(Array(text.utf8))
        var out: [XMLEvent] = []
        while let e = try scanner.next() { out.append(e) }
        return out
    }

    static func failure(_ text: String) -> XMLError? {
        do { _ = try events(text); return nil } catch { return error }
    }

    @Test func elementsAttributesTextAndSelfClosingTags() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment -->
        <x:sst xmlns:x="urn:x" count='2'><x:si><x:t xml:space="preserve"> ก ข </x:t></x:si><x:br/></x:sst>
        """
        #expect(try Self.events(xml) == [
            .start(name: "x:sst", attributes: [.init(name: "xmlns:x", value: "urn:x"), .init(name: "count", value: "2")]),
            .start(name: "x:si", attributes: []),
            .start(name: "x:t", attributes: [.init(name: "xml:space", value: "preserve")]),
            .text(" ก ข "),
            .end(name: "x:t"), .end(name: "x:si"),
            .start(name: "x:br", attributes: []), .end(name: "x:br"),
            .end(name: "x:sst"),
        ])
        #expect(XMLScanner.localName("x:sst") == "sst")
        #expect([XMLAttribute(name: "r:id", value: "rId1")][local: "id"] == "rId1")
    }

    @Test func entitiesCharacterReferencesAndCDATA() throws {
        let xml = "<a b=\"&lt;&amp;&gt;&quot;&apos;\tx\">&#3585;&#x0E02;&amp;amp;<![CDATA[<not> &amp; a tag]]>\r\nz</a>"
        #expect(try Self.events(xml) == [
            .start(name: "a", attributes: [.init(name: "b", value: "<&>\"' x")]),
            .text("กข&amp;"), .text("<not> &amp; a tag"), .text("\nz"), .end(name: "a"),
        ])
    }

    @Test func utf16DocumentsWithAByteOrderMark() throws {
        let text = "<a>ทักษะ</a>"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var scanner = try XMLScanner(le)
        #expect(try scanner.next() == .start(name: "a", attributes: []))
        #expect(try scanner.next() == .text("ทักษะ"))
    }

    @Test("malformed documents are located errors")
    func errors() {
        #expect(Self.failure("<a>\n  <b></a>") == XMLError(message: "closing tag </a> does not match <b>", line: 2, column: 6))
        #expect(Self.failure("<a>&nbsp;</a>") == XMLError(message: "unknown entity &nbsp;", line: 1, column: 4))
        #expect(Self.failure("<a>&#0;</a>")?.message == "invalid character reference &#0;")
        #expect(Self.failure("<a>&#xD800;</a>")?.message == "invalid character reference &#xD800;")
        #expect(Self.failure("<a>&amp</a>")?.message == "`&` not followed by an entity name and `;`")
        #expect(Self.failure("<a>")?.message == "document ends inside <a>")
        #expect(Self.failure("")?.message == "no root element")
        #expect(Self.failure("<a></a><b/>")?.message == "a second root element")
        #expect(Self.failure("<a x=1/>")?.message == "expected a quoted value for x")
        #expect(Self.failure("<a x='1' x='2'/>")?.message == "attribute x repeated")
        #expect(Self.failure("<a x='1'y='2'/>")?.message == "expected a space, `>` or `/>` in <a>")
        #expect(Self.failure("<a x='<'/>")?.message == "`<` inside an attribute value")
        #expect(Self.failure("<a><![CDATA[x</a>")?.message == "CDATA section is not closed")
        #expect(Self.failure("<a><!-- x</a>")?.message == "comment is not closed")
        #expect(Self.failure("x<a/>")?.message == "text outside the root element")
        #expect(Self.failure("</a>")?.message == "closing tag </a> with no open element")
        #expect(Self.failure("<a>\u{FFFD}</a>") == nil)
        #expect(throws: XMLError(message: "text is not valid UTF-8", line: 1, column: 1)) { try XMLScanner([0x3C, 0x61, 0x3E, 0xFF]) }
    }

    /// The "billion laughs" document: refused at its DOCTYPE, before any entity exists.
    @Test func noDocumentTypeDeclarations() {
        let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <lolz>&lol2;</lolz>
        """
        #expect(Self.failure(laughs) == XMLError(message: "document type declarations are not supported", line: 2, column: 1))
    }

    @Test func deepNestingNeedsNoRecursion() throws {
        let depth = 50_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(try Self.events(xml).count == 2 * depth)
    }
}
