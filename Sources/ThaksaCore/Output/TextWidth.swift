/// Widths and digits of text as a person sees it, for tables in terminals and plain text files.
extension String {
    /// Columns this text takes in a terminal: Thai vowel and tone marks above or below a letter
    /// (and other combining marks) take none, East Asian wide characters two, everything else one.
    /// `count` is not this: SARA AM (ำ) joins the letter before it into one Character but takes a
    /// column of its own.
    public var displayWidth: Int {
        var w = 0
        for s in unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control: continue
            default: break
            }
            let v = s.value
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v) {
                w += 2
            } else {
                w += 1
            }
        }
        return w
    }

    /// Pads on the right to `width` columns (at least one space after the text).
    public func padded(_ width: Int) -> String {
        let w = displayWidth
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }

    /// Pads on the left to `width` columns (for numbers).
    public func leftPadded(_ width: Int) -> String {
        let w = displayWidth
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}

/// Which digits numbers are written with in output for people.
public enum Digits: String, Sendable, CaseIterable {
    case arabic, thai

    /// Rewrites 0-9 as ๐-๙ (Thai); other characters are kept.
    public func apply(_ s: String) -> String {
        guard self == .thai else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0x30 && u.value <= 0x39, let t = Unicode.Scalar(u.value - 0x30 + 0x0E50) { out.append(t) } else { out.append(u) }
        }
        return String(out)
    }
}
