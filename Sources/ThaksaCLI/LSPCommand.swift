import Foundation
import ThaksaCore
import ThaksaLSP

/// `thaksa lsp`: the language server on stdin/stdout (the editor starts it).
struct LSPCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa lsp

    Runs the Thaksa language server over stdin and stdout (Language Server Protocol). Editors start
    it; see docs/editors.md. Diagnostics, hover, go to definition, references, completion, outline,
    formatting (as `thaksa fmt`), rename and quick fixes, from the same checker as `thaksa check`.
    Messages are in the language of initializationOptions.lang ("th" or "en"), else the client's
    locale, else THAKSA_LANG/LANG. It never writes files.

    """

    func run(_ args: [String]) -> ExitCode {
        if args.contains("--help") || args.contains("-h") { cli.stdout.write(LSPCommand.help); return .ok }
        if let extra = args.first(where: { $0 != "--stdio" }) { return cli.usage("lsp takes no argument `\(extra)`", LSPCommand.help) }
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(environment: cli.environment)
        return StdioTransport.serve(server, input: 0, output: 1) == 0 ? .ok : .problems
    }
}
