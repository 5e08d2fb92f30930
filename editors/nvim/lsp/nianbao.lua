-- nianbao (年报) language server for Neovim 0.11+.
--
-- With editors/nvim on the runtimepath, one line turns it on:
--
--   vim.lsp.enable('nianbao')
--
-- Override anything with vim.lsp.config, e.g.
--
--   vim.lsp.config('nianbao', {
--     cmd = { '/path/to/nianbao', 'lsp' },
--     settings = { nianbao = { rules = { ['table-sum'] = 'warning' }, lang = 'en' } },
--   })
--
-- Server options (the same shape in `init_options` and in `settings.nianbao`;
-- when both are given they are merged, `settings` winning):
--   rules        = { ['rule-name'] = 'error'|'warning'|'info'|'hint'|'off' }
--   formatVersion = 'auto'|'2019'|'2021'
--   inlayHints   = { columnNames = true, computedTotals = true }
--   lintGlobs    = { '**/*年报*.md' }   -- lint these even if they don't look like reports
--   lang         = 'zh'|'en'
--
-- The server only lints documents that look like annual reports (or match
-- lintGlobs, or have filetype `nianbao`), so attaching to all Markdown and
-- text buffers is harmless.
--
-- If you set your own `before_init` or `on_init`, they replace the ones below;
-- call the originals from yours:
--   local base = dofile(vim.api.nvim_get_runtime_file('lsp/nianbao.lua', false)[1])
--   on_init = function(client, result) base.on_init(client, result) ... end
--
-- This file is plain Lua returning a table; lua/nianbao/init.lua reads it too,
-- so it is the single source of defaults for every Neovim version.

---@param t table|nil
---@return table
local function obj(t)
  -- An empty Lua table would be sent as a JSON array: send {} instead.
  if t == nil or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

return {
  cmd = { 'nianbao', 'lsp' },
  filetypes = { 'markdown', 'text', 'nianbao' },
  root_markers = { 'nianbao.toml', '.git' },
  init_options = {},
  settings = { nianbao = {} },
  -- The server takes its options from initializationOptions and from every
  -- workspace/didChangeConfiguration, and each replaces the whole set. Neovim
  -- sends `settings` right after initializing, so both must carry the same,
  -- merged options (otherwise an empty `settings` would undo `init_options`).
  before_init = function(params, config)
    local settings = config.settings or {}
    local opts = vim.tbl_deep_extend('force', {}, config.init_options or {}, settings.nianbao or {})
    params.initializationOptions = obj(opts)
    if config.settings then
      -- Same table as client.settings: this is what didChangeConfiguration sends.
      config.settings.nianbao = obj(opts)
    end
    -- Diagnostics are pushed (textDocument/publishDiagnostics). Neovim 0.10+
    -- would also pull them and show every finding twice, so this client
    -- neither offers nor uses pull diagnostics (see on_init).
    if params.capabilities and params.capabilities.textDocument then
      params.capabilities = vim.deepcopy(params.capabilities)
      params.capabilities.textDocument.diagnostic = nil
    end
  end,
  on_init = function(client)
    client.server_capabilities.diagnosticProvider = nil
  end,
}
