// Starts `thaksa lsp` for .thaksa files. Everything else (diagnostics, hover, completion,
// outline, formatting, rename, quick fixes) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("thaksa");
  const command = config.get("path", "thaksa");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient("thaksa", "Thaksa", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "thaksa" }],
    initializationOptions: { lang: config.get("lang", "th") },
    // Rule files changed on disk (git pull, another editor) are re-checked.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.thaksa") },
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
