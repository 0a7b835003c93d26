/// Windows-874 (TIS-620 plus a few punctuation marks in 0x80-0x9F), the code page Thai Excel uses
/// for "CSV": byte → Unicode scalar. Written out here because Foundation on Linux lacks it.
enum Windows874 {
    /// The scalar of a byte, nil for the bytes the code page leaves undefined.
    static func scalar(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x00...0x7F: return UInt32(b)
        case 0x80: return 0x20AC                          // €
        case 0x85: return 0x2026                          // …
        case 0x91...0x97: return punctuation[Int(b - 0x91)]
        case 0xA0: return 0x00A0                          // no-break space
        case 0xA1...0xDA: return 0x0E01 + UInt32(b - 0xA1) // ก ... ฺ
        case 0xDF...0xFB: return 0x0E3F + UInt32(b - 0xDF) // ฿ ... ๛
        default: return nil
        }
    }

    /// 0x91-0x97: ‘ ’ “ ” • – —
    static let punctuation: [UInt32] = [0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014]
}
