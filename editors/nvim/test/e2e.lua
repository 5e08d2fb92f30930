-- End-to-end test: a real (headless) Neovim, this plugin from the repository
-- and the real `nianbao lsp` server. Run by editors/nvim/test/run.sh:
--
--   nvim --headless --clean -u editors/nvim/test/minimal_init.lua -l editors/nvim/test/e2e.lua
--
-- Environment: NIANBAO_BIN (server binary), NIANBAO_ROOT (repository root),
-- NIANBAO_TMP (scratch directory; the fixture is copied there).
-- Prints PASS/FAIL lines and ends with `nvim: N passed, M failed`.

local api = vim.api
local plugin_dir = vim.g.nianbao_test_plugin_dir
  or vim.fn.fnamemodify(debug.getinfo(1, 'S').source:gsub('^@', ''), ':p:h:h')
local root = os.getenv('NIANBAO_ROOT') or vim.fn.fnamemodify(plugin_dir, ':h:h')
local bin = os.getenv('NIANBAO_BIN') or (root .. '/target/debug/nianbao')
local tmp = os.getenv('NIANBAO_TMP') or vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')

local FIXTURE = root .. '/tests/fixtures/002_bf80b47987e57cd0.txt'
local LINE = 53 -- 0-based: line 54 of the file, “(七)总计”
local FIXED = '(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||'
local WAIT = 10000

local passed, failed = 0, 0

local function say(s)
  io.stdout:write(s, '\n')
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('PASS ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. (detail ~= nil and (' -- ' .. tostring(detail)) or ''))
  end
  return ok
end

local nianbao = require('nianbao')

-- Record every textDocument/publishDiagnostics (uri -> list of counts).
local published = {}
do
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, ...)
    if result and result.uri then
      published[result.uri] = published[result.uri] or {}
      table.insert(published[result.uri], #(result.diagnostics or {}))
    end
    return orig(err, result, ctx, ...)
  end
end
local native = vim.lsp.config ~= nil and vim.lsp.enable ~= nil

local function clients(bufnr)
  local out = {}
  for _, c in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)({ bufnr = bufnr })) do
    if c.name == 'nianbao' then
      table.insert(out, c)
    end
  end
  return out
end

--- Copies the fixture (bytes unchanged) to dir/name; returns the path.
local function copy_fixture(dir, name)
  vim.fn.mkdir(dir, 'p')
  local path = dir .. '/' .. name
  assert(vim.fn.writefile(vim.fn.readfile(FIXTURE, 'b'), path, 'b') == 0, 'cannot write ' .. path)
  return path
end

local function write(path, text)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
  return path
end

--- Opens a file in the current window; returns its buffer.
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return api.nvim_get_current_buf()
end

--- Waits until a (initialized) nianbao client is attached; returns it.
local function wait_client(bufnr)
  local c
  vim.wait(WAIT, function()
    c = nianbao.client(bufnr)
    return c ~= nil and c.initialized == true
  end, 20)
  return c
end

local function table_sums(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'table-sum' and d.lnum == LINE then
      table.insert(out, d)
    end
  end
  return out
end

local function wait_table_sum(bufnr)
  vim.wait(WAIT, function()
    return #table_sums(bufnr) > 0
  end, 20)
  return table_sums(bufnr)[1]
end

local function summary(bufnr)
  local s = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(s, ('%d:%s'):format(d.lnum + 1, tostring(d.code)))
  end
  return #s .. ' diagnostics: ' .. table.concat(s, ' ')
end

local function line(bufnr, lnum)
  return api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
end

--- Stops every nianbao client and waits until they are gone.
local function stop_all()
  if native then
    vim.lsp.enable('nianbao', false)
  end
  pcall(api.nvim_del_augroup_by_name, 'nianbao_lsp')
  for _, c in ipairs(clients()) do
    vim.lsp.stop_client(c.id, true)
  end
  vim.wait(5000, function()
    return #clients() == 0
  end, 20)
  vim.cmd('silent! %bwipeout!')
end

--- The TextEdits of a WorkspaceEdit, flattened.
local function text_edits(edit)
  local out = {}
  for _, edits in pairs(edit.changes or {}) do
    vim.list_extend(out, edits)
  end
  for _, dc in ipairs(edit.documentChanges or {}) do
    vim.list_extend(out, dc.edits or {})
  end
  return out
end

local function run()
  say(('nvim %s, server %s'):format(tostring(vim.version()), bin))
  check('server binary is executable', vim.fn.executable(bin) == 1, bin)
  check('fixture exists', vim.fn.filereadable(FIXTURE) == 1, FIXTURE)

  -- Plugin files loaded from the repository.
  check('plugin/nianbao.lua is loaded', vim.g.loaded_nianbao == true)
  check(':NianbaoFixAll command exists', vim.fn.exists(':NianbaoFixAll') == 2)
  check(':NianbaoNew command exists', vim.fn.exists(':NianbaoNew') == 2)
  local lsp_file = vim.api.nvim_get_runtime_file('lsp/nianbao.lua', false)[1]
  check('lsp/nianbao.lua is on the runtimepath', lsp_file ~= nil and vim.startswith(lsp_file, plugin_dir))

  -- Filetype detection.
  for _, case in ipairs({
    { 'x.nianbao.md', 'nianbao' },
    { 'x.nianbao.txt', 'nianbao' },
    { '2023年报.md', 'nianbao' },
    { '某某局2023年政府信息公开工作年度报告.txt', 'nianbao' },
    { '/tmp/年报/notes.md', 'markdown' },
    { 'notes.md', 'markdown' },
  }) do
    local got = vim.filetype.match({ filename = case[1] })
    check(('filetype of %s is %s'):format(case[1], case[2]), got == case[2], tostring(got))
  end

  -- A: the one-line setup (0.11+: vim.lsp.enable; else setup() via autocmds).
  if native then
    vim.lsp.config('nianbao', { cmd = { bin, 'lsp' } })
    vim.lsp.enable('nianbao')
  else
    nianbao.setup({ cmd = { bin, 'lsp' }, backend = 'autocmd' })
  end

  local report = copy_fixture(tmp .. '/a', '002_bf80b47987e57cd0.txt')
  local buf = open(report)
  local client = wait_client(buf)
  check('the .txt report has filetype text', vim.bo[buf].filetype == 'text', vim.bo[buf].filetype)
  if not check('server attaches to the report', client ~= nil) then
    return
  end
  check('exactly one nianbao client on the buffer', #clients(buf) == 1, #clients(buf))
  local d = wait_table_sum(buf)
  if not check('table-sum diagnostic on line 54', d ~= nil, summary(buf)) then
    return
  end
  say('  message: ' .. d.message)
  check('table-sum is reported once (no push/pull duplicates)', #table_sums(buf) == 1, #table_sums(buf))
  check('table-sum is an error by default', d.severity == vim.diagnostic.severity.ERROR, d.severity)
  check('message is Chinese by default', d.message:find('应为', 1, true) ~= nil, d.message)

  local lspd = d.user_data and d.user_data.lsp
  check('diagnostic keeps its LSP form', lspd ~= nil and lspd.range ~= nil)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lspd.range,
    context = { diagnostics = { lspd }, triggerKind = 1 },
  }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, WAIT) or {}
  local r = res[client.id] or {}
  local actions = r.result or {}
  check('code actions answered', r.result ~= nil, vim.inspect(r.err or r.error))
  local fix
  for _, a in ipairs(actions) do
    if a.edit then
      for _, e in ipairs(text_edits(a.edit)) do
        if e.newText == '1' then
          fix = fix or a
        end
      end
    end
  end
  if not check('a quick fix writes 1', fix ~= nil, vim.inspect(vim.tbl_map(function(a)
    return a.title
  end, actions))) then
    return
  end
  say('  quick fix: ' .. fix.title .. ' (' .. tostring(fix.kind) .. ', encoding ' .. client.offset_encoding .. ')')
  check('the quick fix is a quickfix action', fix.kind == 'quickfix', fix.kind)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  check('line 54 now holds 1 for 自然人', line(buf, LINE) == FIXED, line(buf, LINE))
  vim.wait(WAIT, function()
    return #table_sums(buf) == 0
  end, 20)
  check('table-sum on line 54 is gone after the fix', #table_sums(buf) == 0, summary(buf))

  -- Plain Markdown that is not a report: attached, but no diagnostics.
  local note = write(tmp .. '/notes/会议纪要.md', '# 会议纪要\n\n今天讨论了工作安排。\n')
  local nbuf = open(note)
  check('plain Markdown has filetype markdown', vim.bo[nbuf].filetype == 'markdown', vim.bo[nbuf].filetype)
  check('server attaches to plain Markdown too', wait_client(nbuf) ~= nil)
  vim.wait(1500, function()
    return #vim.diagnostic.get(nbuf) > 0
  end, 20)
  check('plain Markdown gets no diagnostics', #vim.diagnostic.get(nbuf) == 0, summary(nbuf))
  local counts = published[vim.uri_from_bufnr(nbuf)]
  check('server published an empty list for plain Markdown', counts ~= nil and counts[#counts] == 0, vim.inspect(counts))

  -- A fragment that doesn't look like a report: ignored as Markdown, linted
  -- as filetype nianbao (*.nianbao.md; the server gets languageId nianbao).
  local draft = '# 工作总结\n\n## 一、总体情况\n\n今年工作安排如下。\n\n20XX年X月X日\n'
  local dbuf = open(write(tmp .. '/notes/draft.md', draft))
  check('server attaches to draft.md', wait_client(dbuf) ~= nil)
  vim.wait(1500, function()
    return #vim.diagnostic.get(dbuf) > 0
  end, 20)
  check('draft.md (markdown, not a report) gets no diagnostics', #vim.diagnostic.get(dbuf) == 0, summary(dbuf))
  local mbuf = open(write(tmp .. '/notes/draft.nianbao.md', draft))
  check('draft.nianbao.md buffer has filetype nianbao', vim.bo[mbuf].filetype == 'nianbao', vim.bo[mbuf].filetype)
  check('server attaches to filetype nianbao', wait_client(mbuf) ~= nil)
  vim.wait(WAIT, function()
    return #vim.diagnostic.get(mbuf) > 0
  end, 20)
  check('filetype nianbao is always linted (same text, now with findings)', #vim.diagnostic.get(mbuf) > 0, summary(mbuf))

  -- :NianbaoFixAll on a fresh copy.
  local report2 = copy_fixture(tmp .. '/a', 'fixall.txt')
  local fbuf = open(report2)
  wait_client(fbuf)
  check('table-sum before :NianbaoFixAll', wait_table_sum(fbuf) ~= nil, summary(fbuf))
  vim.cmd('NianbaoFixAll')
  check(':NianbaoFixAll fixes line 54', line(fbuf, LINE) == FIXED, line(fbuf, LINE))
  vim.wait(WAIT, function()
    return #table_sums(fbuf) == 0
  end, 20)
  check('no table-sum after :NianbaoFixAll', #table_sums(fbuf) == 0, summary(fbuf))

  -- :NianbaoNew inserts the skeleton from `nianbao new`.
  vim.cmd('enew')
  vim.cmd('NianbaoNew 2024 某某市某某局')
  local first = line(0, 0)
  check(':NianbaoNew inserts the skeleton', first == '# 某某市某某局2024年政府信息公开工作年度报告', first)
  check(':NianbaoNew inserts the whole report', api.nvim_buf_line_count(0) > 50, api.nvim_buf_line_count(0))

  -- B: require('nianbao').setup() through vim.lsp.start on FileType (the
  -- Neovim 0.8–0.10 path), with init_options and settings merged.
  stop_all()
  nianbao.setup({
    backend = 'autocmd',
    cmd = { bin, 'lsp' },
    init_options = { rules = { ['table-sum'] = 'warning' } },
    settings = { nianbao = { lang = 'en' } },
  })
  local bbuf = open(copy_fixture(tmp .. '/b', '002.txt'))
  check('setup({backend="autocmd"}) attaches', wait_client(bbuf) ~= nil)
  check('exactly one nianbao client on the buffer (autocmd)', #clients(bbuf) == 1, #clients(bbuf))
  local bd = wait_table_sum(bbuf)
  check('table-sum found (autocmd)', bd ~= nil, summary(bbuf))
  if bd then
    check('init_options rules: table-sum is a warning', bd.severity == vim.diagnostic.severity.WARN, bd.severity)
    check('settings lang=en: English message', bd.message:find('should be', 1, true) ~= nil, bd.message)
  end

  -- C: native config with init_options only: the empty default `settings`
  -- sent after initializing must not undo them (lsp/nianbao.lua before_init).
  if native then
    stop_all()
    vim.lsp.config('nianbao', { cmd = { bin, 'lsp' }, init_options = { rules = { ['table-sum'] = 'hint' } } })
    vim.lsp.enable('nianbao')
    local cbuf = open(copy_fixture(tmp .. '/c', '002.txt'))
    check('vim.lsp.enable attaches again', wait_client(cbuf) ~= nil)
    local cd = wait_table_sum(cbuf)
    check('init_options survive didChangeConfiguration: table-sum is a hint', cd and cd.severity == vim.diagnostic.severity.HINT, cd and cd.severity or summary(cbuf))
  else
    say('SKIP native vim.lsp.config checks (Neovim < 0.11)')
  end
  stop_all()

  -- D: the nvim-lspconfig path, against a stand-in lspconfig module that
  -- records what it is given (the real plugin is not installed here).
  local seen = {}
  package.loaded['lspconfig.configs'] = setmetatable({}, {
    __newindex = function(t, name, def)
      rawset(t, name, def)
      seen.def = def
    end,
  })
  package.loaded['lspconfig'] = setmetatable({
    util = {
      root_pattern = function(...)
        local markers = { ... }
        return function(fname)
          local f = vim.fs.find(markers, { upward = true, path = vim.fn.fnamemodify(fname, ':h') })[1]
          return f and vim.fn.fnamemodify(f, ':h') or nil
        end
      end,
    },
  }, {
    __index = function(_, name)
      return {
        setup = function(cfg)
          seen.name, seen.setup = name, cfg
        end,
      }
    end,
  })
  nianbao.setup({ backend = 'lspconfig', cmd = { bin, 'lsp' }, settings = { nianbao = { lang = 'en' } } })
  local def = seen.def and seen.def.default_config or {}
  check('lspconfig: nianbao registered as a custom config', seen.def ~= nil and vim.deep_equal(def.cmd, { bin, 'lsp' }))
  check('lspconfig: filetypes and options', vim.deep_equal(def.filetypes, { 'markdown', 'text', 'nianbao' })
    and def.init_options.lang == 'en' and def.settings.nianbao.lang == 'en', vim.inspect(def))
  check('lspconfig: root_dir finds nianbao.toml', def.root_dir
    and def.root_dir(write(tmp .. '/proj/nianbao.toml', '') and tmp .. '/proj/sub/a.md') == tmp .. '/proj')
  check('lspconfig: lspconfig.nianbao.setup() called', seen.name == 'nianbao' and seen.setup ~= nil)
  package.loaded['lspconfig'], package.loaded['lspconfig.configs'] = nil, nil
end

-- E: finding the executable: on PATH by default, or the one given as `path`;
-- a missing one is said at once.
local function run_binary()
  stop_all()
  if native then
    vim.lsp.enable('nianbao', false)
  end
  local bindir = tmp .. '/path-bin'
  vim.fn.mkdir(bindir, 'p')
  vim.uv = vim.uv or vim.loop
  assert(vim.uv.fs_symlink(bin, bindir .. '/nianbao'))
  local saved_path = vim.env.PATH
  vim.env.PATH = bindir .. ':' .. saved_path
  local warnings = {}
  local saved_notify = vim.notify
  vim.notify = function(msg, level)
    if level == vim.log.levels.WARN then
      table.insert(warnings, msg)
    end
  end
  nianbao.setup({ backend = 'autocmd' })
  check('default command is nianbao lsp from PATH', vim.deep_equal(nianbao.config.cmd, { 'nianbao', 'lsp' }),
    vim.inspect(nianbao.config.cmd))
  check('no warning when nianbao is on PATH', #warnings == 0, table.concat(warnings, ' | '))
  local ebuf = open(copy_fixture(tmp .. '/e', '002.txt'))
  local ec = wait_client(ebuf)
  check('attaches with nianbao found on PATH', ec ~= nil)
  check('table-sum found with nianbao from PATH', wait_table_sum(ebuf) ~= nil, summary(ebuf))
  stop_all()
  vim.env.PATH = saved_path

  nianbao.setup({ backend = 'autocmd', path = bin })
  check('path option gives the command', vim.deep_equal(nianbao.config.cmd, { bin, 'lsp' }), vim.inspect(nianbao.config.cmd))
  local fbuf = open(copy_fixture(tmp .. '/f', '002.txt'))
  check('attaches with the binary given as path (not on PATH)', wait_client(fbuf) ~= nil)
  stop_all()
  check('cmd wins over path', vim.deep_equal(nianbao.resolve({ path = '/x/nianbao', cmd = { bin, 'lsp' } }).cmd, { bin, 'lsp' }))

  local missing = tmp .. '/nowhere/nianbao'
  nianbao.setup({ backend = 'autocmd', path = missing })
  check('a missing binary is said at once, in Chinese', #warnings == 1 and warnings[1]:find('未找到 nianbao 可执行文件', 1, true) ~= nil
    and warnings[1]:find(missing, 1, true) ~= nil, table.concat(warnings, ' | '))
  vim.notify = saved_notify
  api.nvim_create_augroup('nianbao_lsp', { clear = true })
end

local ok, err = xpcall(function()
  run()
  run_binary()
end, debug.traceback)
check('test script ran to the end', ok, err)
say(('nvim: %d passed, %d failed'):format(passed, failed))
vim.cmd('cquit ' .. (failed > 0 and 1 or 0))
