extension String {
    /// Control characters shown as visible escapes (`\n`, `\u{1B}`): a value taken from a rule or
    /// input file cannot start a new line of output (forging a diagnostic or a CI workflow command)
    /// or drive the terminal. Rendered diagnostics pass every value through here.
    public func escapingControls() -> String {
        guard unicodeScalars.contains(where: String.isControl) else { return self }
        var out = String.UnicodeScalarView()
        for u in unicodeScalars {
            guard String.isControl(u) else { out.append(u); continue }
            let escape: String
            switch u {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }
}
