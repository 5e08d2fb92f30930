-- nianbao (年报): Neovim integration for the nianbao language server.
--
--   require('nianbao').setup()          -- any Neovim from 0.8 on
--   require('nianbao').setup({
--     path = '/path/to/nianbao',         -- default: `nianbao` on PATH
--     -- or the whole command: cmd = { '/path/to/nianbao', 'lsp' },
--     settings = { nianbao = { rules = { ['table-sum'] = 'warning' }, lang = 'en' } },
--   })
--
-- How the server is started (`backend`):
--   'native'    Neovim 0.11+: vim.lsp.config + vim.lsp.enable (lsp/nianbao.lua)
--   'lspconfig' nvim-lspconfig on older Neovim: registers a `nianbao` config
--   'autocmd'   Neovim 0.8–0.10 without lspconfig: vim.lsp.start on FileType
--   'auto'      (default) the first of these that is available

local M = {}

M.FIX_ALL = 'source.fixAll.nianbao'

local api = vim.api

--- Options as given to setup(), resolved (nil until setup() is called).
M.config = nil

local function notify(msg, level)
  vim.notify('nianbao: ' .. msg, level or vim.log.levels.INFO)
end

--- editors/nvim: the directory holding lua/, lsp/ and plugin/.
local function plugin_root()
  local src = debug.getinfo(1, 'S').source:gsub('^@', '')
  return vim.fn.fnamemodify(src, ':p:h:h:h')
end

--- The defaults, read from lsp/nianbao.lua beside this module.
local function defaults()
  local path = plugin_root() .. '/lsp/nianbao.lua'
  local ok, t = pcall(dofile, path)
  if ok and type(t) == 'table' then
    return t
  end
  return {
    cmd = { 'nianbao', 'lsp' },
    filetypes = { 'markdown', 'text', 'nianbao' },
    root_markers = { 'nianbao.toml', '.git' },
    init_options = {},
    settings = { nianbao = {} },
  }
end

local function obj(t)
  if t == nil or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

--- `settings` may be `{ nianbao = {...} }` or the server options themselves.
local function unwrap(settings)
  if type(settings) ~= 'table' then
    return {}
  end
  if type(settings.nianbao) == 'table' then
    return settings.nianbao
  end
  return settings
end

--- What to say when the server executable cannot be found.
---@param exe string
---@return string
function M.not_found_message(exe)
  return ('未找到 nianbao 可执行文件 %s。请下载 nianbao 并放在 PATH 上，或用 '
    .. "require('nianbao').setup({ path = '/完整路径/nianbao' }) 指定。"
    .. "(nianbao executable %s not found: put it on PATH or pass setup({ path = '/full/path/nianbao' }).)"):format(exe, exe)
end

--- The command that starts the server: `cmd` as given; else `path`, the
--- executable (like the VS Code setting nianbao.path), with `lsp`; else the
--- default, `nianbao lsp` found on PATH.
---@param opts table
---@param default_cmd table
---@return table|function
function M.server_cmd(opts, default_cmd)
  if opts.cmd then
    return opts.cmd
  end
  if type(opts.path) == 'string' and opts.path ~= '' then
    return { vim.fn.expand(opts.path), 'lsp' }
  end
  return default_cmd
end

--- Resolves setup() options against the defaults.
---@param opts table|nil
---@return table
function M.resolve(opts)
  opts = opts or {}
  local d = defaults()
  local server = vim.tbl_deep_extend(
    'force',
    {},
    d.init_options or {},
    unwrap(d.settings),
    opts.init_options or {},
    unwrap(opts.settings)
  )
  -- lsp/nianbao.lua's hooks (merged options, push-only diagnostics) run
  -- first, then the user's.
  local function chain(base, user)
    if not user then
      return base
    end
    if not base then
      return user
    end
    return function(...)
      base(...)
      return user(...)
    end
  end
  return {
    backend = opts.backend or 'auto',
    before_init = chain(d.before_init, opts.before_init),
    on_init = chain(d.on_init, opts.on_init),
    cmd = M.server_cmd(opts, d.cmd),
    filetypes = opts.filetypes or d.filetypes,
    root_markers = opts.root_markers or d.root_markers,
    server = server,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
    fix_on_save = opts.fix_on_save or false,
    timeout_ms = opts.timeout_ms or 3000,
  }
end

local function has_native()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter) -- Neovim < 0.10
end

--- The nianbao client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and api.nvim_get_current_buf() or bufnr
  for _, c in ipairs(get_clients({ bufnr = bufnr })) do
    if c.name == 'nianbao' then
      return c
    end
  end
  return nil
end

local function find_root(bufnr, markers)
  local name = api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.fn.getcwd()
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local found = vim.fs.find(markers, { upward = true, path = dir })[1]
  return found and vim.fn.fnamemodify(found, ':h') or dir
end

local function start_autocmd(cfg)
  local group = api.nvim_create_augroup('nianbao_lsp', { clear = true })
  local function start(bufnr)
    if vim.bo[bufnr].buftype ~= '' then
      return -- hover windows, scratch buffers: not files
    end
    vim.lsp.start({
      name = 'nianbao',
      cmd = cfg.cmd,
      root_dir = find_root(bufnr, cfg.root_markers),
      init_options = obj(cfg.server),
      settings = { nianbao = obj(cfg.server) },
      before_init = cfg.before_init,
      on_init = cfg.on_init,
      on_attach = cfg.on_attach,
      capabilities = cfg.capabilities,
    }, { bufnr = bufnr })
  end
  api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = cfg.filetypes,
    callback = function(args)
      start(args.buf)
    end,
  })
  -- Buffers already open when setup() runs (lazy loading).
  for _, b in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(b) and vim.tbl_contains(cfg.filetypes, vim.bo[b].filetype) then
      start(b)
    end
  end
end

local function start_native(cfg)
  vim.lsp.config('nianbao', {
    cmd = cfg.cmd,
    filetypes = cfg.filetypes,
    root_markers = cfg.root_markers,
    init_options = obj(cfg.server),
    settings = { nianbao = obj(cfg.server) },
    before_init = cfg.before_init,
    on_init = cfg.on_init,
    on_attach = cfg.on_attach,
    capabilities = cfg.capabilities,
  })
  vim.lsp.enable('nianbao')
end

local function start_lspconfig(cfg)
  local lspconfig = require('lspconfig')
  local configs = require('lspconfig.configs')
  if not configs.nianbao then
    configs.nianbao = {
      default_config = {
        cmd = cfg.cmd,
        filetypes = cfg.filetypes,
        root_dir = function(fname)
          return lspconfig.util.root_pattern(unpack(cfg.root_markers))(fname)
            or vim.fn.fnamemodify(fname, ':p:h')
        end,
        single_file_support = true,
        init_options = obj(cfg.server),
        settings = { nianbao = obj(cfg.server) },
        before_init = cfg.before_init,
        on_init = cfg.on_init,
      },
      docs = { description = 'nianbao (年报): linter for government annual reports' },
    }
  end
  lspconfig.nianbao.setup({
    cmd = cfg.cmd,
    filetypes = cfg.filetypes,
    init_options = obj(cfg.server),
    settings = { nianbao = obj(cfg.server) },
    before_init = cfg.before_init,
    on_init = cfg.on_init,
    on_attach = cfg.on_attach,
    capabilities = cfg.capabilities,
  })
end

--- Starts the language server for report buffers. See the top of this file.
---@param opts table|nil
function M.setup(opts)
  -- Filetype and commands, in case plugin/ was not sourced (the directory
  -- was added to the runtimepath after startup).
  if not vim.g.loaded_nianbao then
    pcall(dofile, plugin_root() .. '/plugin/nianbao.lua')
  end
  local cfg = M.resolve(opts)
  M.config = cfg
  -- Say at once when the executable is missing: otherwise the only sign is
  -- a line in the LSP log and no diagnostics.
  local exe = type(cfg.cmd) == 'table' and cfg.cmd[1] or nil
  if type(exe) == 'string' and vim.fn.executable(exe) ~= 1 then
    notify(M.not_found_message(exe), vim.log.levels.WARN)
  end
  local backend = cfg.backend
  if backend == 'auto' then
    if has_native() then
      backend = 'native'
    elseif pcall(require, 'lspconfig.configs') then
      backend = 'lspconfig'
    else
      backend = 'autocmd'
    end
  end
  if backend == 'native' then
    if not has_native() then
      notify("backend 'native' needs Neovim 0.11+", vim.log.levels.ERROR)
      return
    end
    start_native(cfg)
  elseif backend == 'lspconfig' then
    start_lspconfig(cfg)
  elseif backend == 'autocmd' then
    start_autocmd(cfg)
  else
    notify('unknown backend ' .. tostring(backend), vim.log.levels.ERROR)
    return
  end
  cfg.backend = backend
  local group = api.nvim_create_augroup('nianbao_fix_on_save', { clear = true })
  if cfg.fix_on_save then
    api.nvim_create_autocmd('BufWritePre', {
      group = group,
      callback = function(args)
        if M.client(args.buf) then
          M.fix_all({ bufnr = args.buf, quiet = true })
        end
      end,
    })
  end
end

local function apply_action(action, client, bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  end
  local command = type(action.command) == 'table' and action.command or nil
  if action.command and type(action.command) == 'string' then
    command = action -- a bare Command
  end
  if command then
    vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', {
      command = command.command,
      arguments = command.arguments,
    }, 3000)
  end
end

--- Applies every safe fix in the buffer (the `source.fixAll.nianbao` code
--- action, like vim.lsp.buf.code_action({ context = { only = { ... } }, apply = true }),
--- but synchronous and only from nianbao, so it can run before writing).
---@param opts table|nil { bufnr?, timeout_ms?, quiet? }
---@return boolean applied
function M.fix_all(opts)
  opts = opts or {}
  local bufnr = (opts.bufnr == nil or opts.bufnr == 0) and api.nvim_get_current_buf() or opts.bufnr
  local client = M.client(bufnr)
  if not client then
    if not opts.quiet then
      notify('no nianbao language server attached to this buffer', vim.log.levels.WARN)
    end
    return false
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { only = { M.FIX_ALL }, diagnostics = {} },
  }
  local timeout = opts.timeout_ms or (M.config and M.config.timeout_ms) or 3000
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
  local resp = responses and responses[client.id]
  if not resp then
    if not opts.quiet then
      notify('no answer from the server', vim.log.levels.WARN)
    end
    return false
  end
  if resp.err or resp.error then
    notify('fix all failed: ' .. vim.inspect(resp.err or resp.error), vim.log.levels.ERROR)
    return false
  end
  local applied = false
  for _, action in ipairs(resp.result or {}) do
    if action.kind == nil or action.kind == M.FIX_ALL or vim.startswith(action.kind, M.FIX_ALL) then
      apply_action(action, client, bufnr)
      applied = true
    end
  end
  if not applied and not opts.quiet then
    notify('nothing to fix')
  end
  return applied
end

--- The server executable: from setup(), else vim.lsp.config, else `nianbao`.
local function server_exe()
  local cmd = M.config and M.config.cmd
  if not cmd and has_native() then
    local ok, c = pcall(function()
      return vim.lsp.config.nianbao
    end)
    cmd = ok and c and c.cmd or nil
  end
  if type(cmd) == 'table' and type(cmd[1]) == 'string' then
    return cmd[1]
  end
  return 'nianbao'
end

--- Inserts a skeleton report (`nianbao new --year Y --unit U`) into the
--- buffer: replaces an empty buffer, else goes below the cursor line.
---@param year string|integer
---@param unit string
---@param extra string[]|nil more arguments, e.g. { '--kind', '政府' }
---@return boolean
function M.new(year, unit, extra)
  local argv = { server_exe(), 'new', '--year', tostring(year), '--unit', unit }
  vim.list_extend(argv, extra or {})
  local out = vim.fn.systemlist(argv)
  if vim.v.shell_error ~= 0 then
    notify(table.concat(argv, ' ') .. ' failed:\n' .. table.concat(out, '\n'), vim.log.levels.ERROR)
    return false
  end
  for i, l in ipairs(out) do
    out[i] = l:gsub('\r$', '')
  end
  local bufnr = api.nvim_get_current_buf()
  local lines = api.nvim_buf_get_lines(bufnr, 0, -1, false)
  if #lines == 1 and lines[1] == '' then
    api.nvim_buf_set_lines(bufnr, 0, -1, false, out)
  else
    local row = api.nvim_win_get_cursor(0)[1]
    api.nvim_buf_set_lines(bufnr, row, row, false, out)
  end
  return true
end

--- :NianbaoNew {year} {unit} [--kind 政府] [--style pipe]
function M._new_command(args)
  local fargs = args.fargs
  local year = fargs[1]
  local unit_parts, extra = {}, {}
  local i = 2
  while i <= #fargs do
    local a = fargs[i]
    if vim.startswith(a, '--') then
      if a:find('=') then
        table.insert(extra, a)
      else
        table.insert(extra, a)
        if fargs[i + 1] then
          table.insert(extra, fargs[i + 1])
          i = i + 1
        end
      end
    else
      table.insert(unit_parts, a)
    end
    i = i + 1
  end
  if not year or not year:match('^%d%d%d%d$') or #unit_parts == 0 then
    notify('usage: :NianbaoNew {year} {unit} [--kind 部门|政府] [--style tsv|pipe]', vim.log.levels.ERROR)
    return
  end
  M.new(year, table.concat(unit_parts, ' '), extra)
end

return M
