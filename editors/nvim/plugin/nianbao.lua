-- nianbao (年报): filetype detection and user commands. Loaded once at startup
-- when editors/nvim is on the runtimepath; the language server itself is
-- started by vim.lsp.enable('nianbao') (0.11+) or require('nianbao').setup().
if vim.g.loaded_nianbao then
  return
end
vim.g.loaded_nianbao = true

-- Report files get filetype `nianbao` (Markdown highlighting; the server
-- always lints them): *.nianbao.md, *.nianbao.txt, and .md/.markdown/.txt
-- files whose name contains 年报 or 年度报告. Other Markdown stays `markdown`;
-- the server still lints it if its content looks like an annual report.
local pattern = {}
for _, ext in ipairs({ 'md', 'markdown', 'txt' }) do
  pattern['.*%.nianbao%.' .. ext] = 'nianbao'
  pattern['.*年报.*%.' .. ext] = 'nianbao'
  pattern['.*年度报告.*%.' .. ext] = 'nianbao'
end
vim.filetype.add({ pattern = pattern })

-- Tree-sitter: parse `nianbao` buffers as Markdown (Neovim 0.9+).
if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
  pcall(vim.treesitter.language.register, 'markdown', 'nianbao')
end

vim.api.nvim_create_user_command('NianbaoFixAll', function()
  require('nianbao').fix_all()
end, { desc = 'nianbao: apply every safe fix (source.fixAll.nianbao)' })

vim.api.nvim_create_user_command('NianbaoNew', function(args)
  require('nianbao')._new_command(args)
end, {
  nargs = '+',
  desc = 'nianbao: insert a skeleton report: :NianbaoNew {year} {unit} [--kind 部门|政府] [--style tsv|pipe]',
})
