-- End-to-end check of `thaksa lsp` with a real Neovim (0.7 or later), run headless by
-- NeovimTests.swift:
--   nvim --headless -u NONE -i NONE -n -c "luafile e2e.lua" -c "qall!"
-- Environment: THAKSA_BIN, ROOT_DIR, RULE_FILE, OUT_FILE, HOVER_LINE, HOVER_CHAR (0-based, UTF-16).
-- Opens RULE_FILE, waits for diagnostics (a bounded number of polls), asks for hover and
-- definition, and writes what Neovim received to OUT_FILE, one fact a line.
local out = {}
local function say(s) table.insert(out, (s:gsub("\n", "\\n"))) end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("RULE_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = "thaksa",
    cmd = { os.getenv("THAKSA_BIN"), "lsp" },
    root_dir = os.getenv("ROOT_DIR"),
    init_options = { lang = "en" },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  say("client " .. tostring(client_id ~= nil))

  local polls = 0
  while #vim.diagnostic.get(buf) == 0 and polls < 300 do
    vim.wait(100, function() return #vim.diagnostic.get(buf) > 0 end, 10)
    polls = polls + 1
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- lnum and col as Neovim converted them from the server's UTF-16 range: bytes in the line.
    say(string.format("diagnostic %s %d %d %s", tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)), d.lnum, d.col, d.message))
  end

  local position = { line = tonumber(os.getenv("HOVER_LINE")), character = tonumber(os.getenv("HOVER_CHAR")) }
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000) or {}
  for _, r in pairs(hover) do
    if r.result and r.result.contents then say("hover " .. (r.result.contents.value or "")) end
    if r.err then say("hover-error " .. tostring(r.err.message)) end
  end
  local definition = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 10000) or {}
  for _, r in pairs(definition) do
    local loc = r.result
    if loc and loc[1] then loc = loc[1] end
    if loc and loc.uri then
      say(string.format("definition %s %d %d", vim.uri_to_fname(loc.uri), loc.range.start.line, loc.range.start.character))
    end
  end

  -- The quick fix for the first diagnostic, as `vim.lsp.buf.code_action()` would ask for it.
  local diagnostics = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(buf, 0) or {}
  local range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } }
  local ctx = { diagnostics = diagnostics }
  local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction",
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range, context = ctx }, 10000) or {}
  for _, r in pairs(actions) do
    for _, a in ipairs(r.result or {}) do
      local edits = a.edit and a.edit.changes and a.edit.changes[vim.uri_from_bufnr(buf)] or {}
      if edits[1] then
        vim.lsp.util.apply_text_edits(edits, buf, "utf-16")
        say("action " .. a.title .. " -> " .. vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1])
      end
    end
  end
end

local ok, err = pcall(main)
if not ok then say("lua-error " .. tostring(err)) end
local f = io.open(os.getenv("OUT_FILE"), "w")
if f then
  f:write(table.concat(out, "\n"), "\n")
  f:close()
end
vim.cmd("qall!")
