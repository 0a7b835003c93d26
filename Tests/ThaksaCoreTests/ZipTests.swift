import Foundation
import Testing
@testable import ThaksaCore

/// Builds ZIP archives byte by byte, with switches for the cases real writers rarely produce.
struct ZipBuilder {
    struct Item {
        var name: String
        var data: [UInt8]
        /// Compressed bytes for method 8 (nil: stored).
        var deflated: [UInt8]? = nil
        var flags = 0
        var method: Int? = nil
        var crc: UInt32? = nil
        var descriptor: Descriptor = .none
        var declaredSize: Int? = nil
        enum Descriptor { case none, signed, unsigned }
    }

    var items: [Item] = []
    var comment: [UInt8] = []
    var zip64Locator = false

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for item in items {
            let offset = out.count
            let body = item.deflated ?? item.data
            let method = item.method ?? (item.deflated == nil ? 0 : 8)
            let crc = item.crc ?? CRC32.checksum(item.data)
            let flags = item.flags | (item.descriptor == .none ? 0 : 8)
            let name = Array(item.name.utf8)
            let size = item.declaredSize ?? item.data.count
            let local = item.descriptor == .none
            out += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(method) + le16(0) + le16(0x21)
            out += le32(local ? crc : 0) + le32(UInt32(local ? body.count : 0)) + le32(UInt32(local ? size : 0))
            out += le16(name.count) + le16(0) + name + body
            switch item.descriptor {
            case .none: break
            case .signed: out += le32(0x0807_4B50) + le32(crc) + le32(UInt32(body.count)) + le32(UInt32(size))
            case .unsigned: out += le32(crc) + le32(UInt32(body.count)) + le32(UInt32(size))
            }
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(method) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(body.count)) + le32(UInt32(size))
            central += le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + name
        }
        let centralOffset = out.count
        out += central
        if zip64Locator { out += le32(0x0706_4B50) + le32(0) + le32(0) + le32(0) + le32(1) }
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(items.count) + le16(items.count)
        out += le32(UInt32(central.count)) + le32(UInt32(centralOffset)) + le16(comment.count) + comment
        return out
    }

    private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}

@Suite
struct ZipTests {
    static func text() throws -> (plain: [UInt8], deflated: [UInt8]) {
        (try InflateTests.fixture("text.bin"), try InflateTests.fixture("text-level9.deflate"))
    }

    @Test func storedAndDeflatedEntriesWithAComment() throws {
        let t = try Self.text()
        var b = ZipBuilder()
        b.items = [.init(name: "a.txt", data: Array("สวัสดี".utf8)), .init(name: "dir/b.csv", data: t.plain, deflated: t.deflated),
                   .init(name: "empty", data: [])]
        b.comment = Array("PK\u{5}\u{6} a comment that looks like a record".utf8)
        let archive = try ZipArchive(b.build())
        #expect(archive.entries.map(\.name) == ["a.txt", "dir/b.csv", "empty"])
        #expect(try archive.data(#require(archive.entry(named: "a.txt"))) == Array("สวัสดี".utf8))
        #expect(try archive.data(#require(archive.entry(named: "dir/b.csv"))) == t.plain)
        #expect(try archive.data(#require(archive.entry(named: "empty"))) == [])
    }

    @Test("data descriptors, signed and unsigned", arguments: [ZipBuilder.Item.Descriptor.signed, .unsigned])
    func dataDescriptors(kind: ZipBuilder.Item.Descriptor) throws {
        let t = try Self.text()
        var b = ZipBuilder()
        b.items = [.init(name: "x", data: t.plain, deflated: t.deflated, descriptor: kind), .init(name: "y", data: [1, 2, 3], descriptor: kind)]
        let archive = try ZipArchive(b.build())
        #expect(try archive.data(archive.entries[0]) == t.plain)
        #expect(try archive.data(archive.entries[1]) == [1, 2, 3])
    }

    @Test func emptyArchive() throws {
        #expect(try ZipArchive(ZipBuilder().build()).entries.isEmpty)
    }

    @Test func refusals() throws {
        let t = try Self.text()
        func entryError(_ item: ZipBuilder.Item) throws -> ZipError? {
            var b = ZipBuilder()
            b.items = [item]
            let archive = try ZipArchive(b.build())
            do throws(ZipError) { _ = try archive.data(archive.entries[0]); return nil } catch { return error }
        }
        #expect(try entryError(.init(name: "e", data: [1], flags: 1)) == .encrypted("e"))
        #expect(try entryError(.init(name: "e", data: [1], method: 99)) == .encrypted("e"))
        #expect(try entryError(.init(name: "m", data: [1], method: 12)) == .unsupportedMethod("m", 12))
        #expect(try entryError(.init(name: "c", data: [1, 2], crc: 7)) == .checksumMismatch("c"))
        // A bomb: declares 300 MiB.
        #expect(try entryError(.init(name: "big", data: t.plain, deflated: t.deflated, declaredSize: 300 << 20))
                == .tooLarge("big", 300 << 20))
        // Declares fewer bytes than the stream holds: inflating stops at the declared size.
        #expect(try entryError(.init(name: "short", data: t.plain, deflated: t.deflated, declaredSize: 100))
                == .inflate("short", .outputTooLarge(limit: 100)))
        // Declares more: the output is short of it.
        #expect(try entryError(.init(name: "long", data: t.plain, deflated: t.deflated, declaredSize: t.plain.count + 1))
                == .checksumMismatch("long"))

        var b = ZipBuilder()
        b.items = [.init(name: "a", data: [1])]
        b.zip64Locator = true
        #expect(throws: ZipError.zip64) { try ZipArchive(b.build()) }

        #expect(throws: ZipError.notAnArchive) { try ZipArchive([]) }
        #expect(throws: ZipError.notAnArchive) { try ZipArchive(Array("PK\u{3}\u{4} not really".utf8)) }
    }

    @Test func zip64SizesInTheCentralDirectory() throws {
        var bytes = ZipBuilder(items: [.init(name: "a", data: [1])]).build()
        // The central directory entry's compressed size (offset 20 in the entry) set to 0xFFFFFFFF.
        let central = bytes.count - 22 - (46 + 1)
        for i in 0..<4 { bytes[central + 20 + i] = 0xFF }
        #expect(throws: ZipError.zip64) { try ZipArchive(bytes) }
    }

    @Test func truncatedArchivesAreErrors() throws {
        let bytes = try XlsxFixtures.bytes("types.xlsx")
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            #expect(throws: ZipError.self) {
                let archive = try ZipArchive(Array(bytes[..<cut]))
                for e in archive.entries { _ = try archive.data(e) }
            }
        }
    }

    @Test("LibreOffice's archives open and every entry passes its CRC", arguments: XlsxFixtures.all)
    func realArchives(name: String) throws {
        let archive = try ZipArchive(try XlsxFixtures.bytes(name))
        #expect(archive.entries.contains { $0.name == "xl/workbook.xml" })
        #expect(archive.entries.contains { $0.method == 8 })
        for e in archive.entries { #expect(try archive.data(e).count == e.uncompressedSize) }
    }
}
