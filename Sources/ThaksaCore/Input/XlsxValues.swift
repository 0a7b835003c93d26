import Foundation

/// How a cell's number is shown, decided by its number format (styles.xml).
enum XlsxNumberKind: Equatable, Sendable {
    case number, date, dateTime, time

    /// Built-in format ids that Excel does not write into styles.xml (ECMA-376 Part 1, §18.8.30):
    /// 14-17 dates, 18-21 times, 22 date and time, 45-47 times; the Thai-locale ones 71-74 and 81
    /// dates, 75-76 and 78-80 times, 77 date and time. Other ids are plain numbers.
    static func builtIn(_ id: Int) -> XlsxNumberKind {
        switch id {
        case 14...17, 71...74, 81: .date
        case 22, 77: .dateTime
        case 18...21, 45...47, 75, 76, 78...80: .time
        default: .number
        }
    }

    /// A custom format code is a date when its first section uses day, year or Buddhist-year
    /// letters (d, y, b), a time when it uses hours or seconds (h, s, or an elapsed `[h]`/`[mm]`/`[ss]`);
    /// `m` alone is either months or minutes and decides nothing. Quoted text, `\x` escapes, `_x`/`*x`
    /// spacing and `[...]` colour/locale codes are skipped.
    static func custom(_ code: String) -> XlsxNumberKind {
        var date = false, time = false
        var chars = Array(code.lowercased()).makeIterator()
        scan: while let c = chars.next() {
            switch c {
            case ";": break scan
            case "\"": while let q = chars.next(), q != "\"" {}
            case "\\", "_", "*": _ = chars.next()
            case "[":
                var inside = ""
                while let q = chars.next(), q != "]" { inside.append(q) }
                if !inside.isEmpty, inside.allSatisfy({ "hms".contains($0) }) { time = true }
            case "d", "y", "b": date = true
            case "h", "s": time = true
            default: break
            }
        }
        return date ? (time ? .dateTime : .date) : (time ? .time : .number)
    }
}

/// Turns a cell's stored number into the text a reader of the sheet expects.
enum XlsxValueText {
    /// Numbers with Excel's 15 significant digits and no float noise: `0.1` (not
    /// `0.1000000000000000055`), `3` (not `3.0`), `0.30000000000000004` → `0.3`. Plain decimals for
    /// exponents -9...14 (beyond, 15 digits cannot fill the places), otherwise `1E+20`, `1.5E-12`.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return String(v) }
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let e = String(format: "%.14e", v)    // -d.dddddddddddddde±XX
        guard let eIndex = e.firstIndex(of: "e"), let exponent = Int(e[e.index(after: eIndex)...]) else { return String(v) }
        let negative = e.hasPrefix("-")
        var digits = Array(e[..<eIndex].filter(\.isNumber))
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var out = negative ? "-" : ""
        if exponent >= -9 && exponent <= 14 {
            if exponent < 0 {
                out += "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
            } else if digits.count > exponent + 1 {
                out += String(digits[...exponent]) + "." + String(digits[(exponent + 1)...])
            } else {
                out += String(digits) + String(repeating: "0", count: exponent + 1 - digits.count)
            }
        } else {
            out += String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
            out += "E" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
        }
        return out
    }

    /// A date serial as ISO 8601: `yyyy-mm-dd`, `yyyy-mm-dd hh:mm:ss` or `hh:mm:ss` (hours past 24
    /// for durations). The 1900 system keeps Excel's (Lotus 1-2-3's) leap-year bug: serial 60 is
    /// 1900-02-29 and serial 0 is 1900-01-00, as Excel shows them. Nil (show the number) for negative
    /// serials and ones past 9999-12-31, which Excel shows as ####.
    static func date(_ serial: Double, _ kind: XlsxNumberKind, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = Int((serial * 86400).rounded())
        let days = seconds / 86400, clock = seconds % 86400
        let time = pad(clock / 3600) + ":" + pad(clock / 60 % 60) + ":" + pad(clock % 60)
        if kind == .time {
            return days == 0 ? time : pad(days * 24 + clock / 3600) + ":" + pad(clock / 60 % 60) + ":" + pad(clock % 60)
        }
        let day: String
        if date1904 {
            day = civil(-24107 + days)
        } else if days == 0 {
            day = "1900-01-00"
        } else if days == 60 {
            day = "1900-02-29"
        } else {
            day = civil((days < 60 ? -25568 : -25569) + days)
        }
        if kind == .date { return day }
        return day + " " + time
    }

    /// Undoes OOXML's `_xHHHH_` escapes (ST_Xstring), with which Excel writes characters XML cannot
    /// hold or that it keeps apart: `_x000D_` for the CR of a Windows line break, `_x005F_` for a
    /// literal `_` before `x`.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.dropLast(), radix: 16),
               hex.dropLast().allSatisfy(\.isHexDigit), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = rest[hex.endIndex...]
            } else {
                out += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return out + rest
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Days since 1970-01-01 to a proleptic Gregorian `yyyy-mm-dd` (H. Hinnant's civil_from_days).
    static func civil(_ days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y) + "-" + pad(m) + "-" + pad(d)
    }
}
