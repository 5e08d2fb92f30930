-- Minimal config for the headless end-to-end test: only this plugin, from
-- the repository, on the runtimepath; nothing written outside the temp dir.
local here = debug.getinfo(1, 'S').source:gsub('^@', '')
local plugin_dir = vim.fn.fnamemodify(here, ':p:h:h') -- editors/nvim
vim.opt.runtimepath:prepend(plugin_dir)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.more = false
vim.g.nianbao_test_plugin_dir = plugin_dir
