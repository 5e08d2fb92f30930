// Loads the real bundle (dist/extension.js) against a stub `vscode` module and
// drives activate() and the commands. The stub records what the extension asks
// of VS Code; it cannot show that VS Code itself behaves the same way.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const bundlePath = join(root, 'dist', 'extension.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Any property, call or `new` gives another stub: enough for code that is loaded but not run. */
function generic(name: string): unknown {
  const f = function () {};
  return new Proxy(f, {
    get(t, p) {
      if (p === 'prototype') return t.prototype;
      if (p === 'then') return undefined;
      if (p === Symbol.toPrimitive) return () => name;
      if (p === Symbol.iterator) return function* () {};
      if (typeof p === 'symbol') return undefined;
      return generic(`${name}.${String(p)}`);
    },
    apply: () => generic(`${name}()`),
    construct: () => generic(`new ${name}`) as object,
  });
}

interface Recorder {
  settings: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: { command: string; args: unknown[] }[];
  /** What executeCommand returns, per command. */
  commandResults: Map<string, unknown>;
  appliedEdits: unknown[];
  applyEditResult: boolean;
  errors: string[];
  infos: string[];
  outputLines: string[];
  inputBoxes: { prompt?: string; value?: string; validateInput?: (v: string) => unknown }[];
  inputAnswers: (string | undefined)[];
  pickAnswers: (string | undefined)[];
  picks: string[][];
  opened: { language?: string; content?: string }[];
  shown: unknown[];
  configListeners: ((e: unknown) => unknown)[];
  activeTextEditor: unknown;
}

function makeVscode(rec: Recorder): unknown {
  const api = {
    window: {
      createOutputChannel: (name: string) => {
        assert.equal(name, 'nianbao');
        return {
          name,
          append: (s: string) => rec.outputLines.push(s),
          appendLine: (s: string) => rec.outputLines.push(s),
          show: () => undefined,
          dispose: () => undefined,
        };
      },
      showErrorMessage: async (msg: string) => {
        rec.errors.push(msg);
        return undefined;
      },
      showInformationMessage: async (msg: string) => {
        rec.infos.push(msg);
        return undefined;
      },
      showInputBox: async (opts: Recorder['inputBoxes'][number]) => {
        rec.inputBoxes.push(opts);
        return rec.inputAnswers.shift();
      },
      showQuickPick: async (items: { label: string }[]) => {
        rec.picks.push(items.map((i) => i.label));
        const want = rec.pickAnswers.shift();
        return items.find((i) => i.label === want);
      },
      withProgress: (_opts: unknown, task: () => unknown) => task(),
      showTextDocument: async (doc: unknown) => {
        rec.shown.push(doc);
        return undefined;
      },
      get activeTextEditor() {
        return rec.activeTextEditor;
      },
    },
    commands: {
      registerCommand: (name: string, fn: (...args: unknown[]) => unknown) => {
        rec.commands.set(name, fn);
        return { dispose: () => rec.commands.delete(name) };
      },
      executeCommand: async (command: string, ...args: unknown[]) => {
        rec.executed.push({ command, args });
        return rec.commandResults.get(command);
      },
    },
    workspace: {
      getConfiguration: (section?: string) => {
        if (section === 'nianbao') {
          return { get: (key: string, dflt?: unknown) => (key in rec.settings ? rec.settings[key] : dflt) };
        }
        // The raw VS Code view of the section (with enable/path), as languageclient would send it.
        return { get: (key: string) => (key === 'nianbao' ? { ...rec.settings } : undefined) };
      },
      onDidChangeConfiguration: (cb: (e: unknown) => unknown) => {
        rec.configListeners.push(cb);
        return { dispose: () => undefined };
      },
      openTextDocument: async (opts: { language?: string; content?: string }) => {
        rec.opened.push(opts);
        return { opts };
      },
      workspaceFolders: undefined,
      applyEdit: async (edit: unknown) => {
        rec.appliedEdits.push(edit);
        return rec.applyEditResult;
      },
    },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    Range: class {
      constructor(
        readonly startLine: number,
        readonly startCharacter: number,
        readonly endLine: number,
        readonly endCharacter: number,
      ) {}
    },
    Position: class {
      constructor(
        readonly line: number,
        readonly character: number,
      ) {}
    },
  };
  // Namespaces fall back to stubs for whatever languageclient touches that we do not model.
  const withFallback = <T extends object>(obj: T, name: string): T =>
    new Proxy(obj, {
      get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : generic(`${name}.${String(p)}`)),
    });
  const full: Record<string, unknown> = { version: '1.85.0' };
  for (const [k, v] of Object.entries(api)) {
    full[k] = typeof v === 'object' ? withFallback(v, `vscode.${k}`) : v;
  }
  return withFallback(full, 'vscode');
}

function newRecorder(settings: Record<string, unknown>): Recorder {
  return {
    settings,
    commands: new Map(),
    executed: [],
    commandResults: new Map(),
    appliedEdits: [],
    applyEditResult: true,
    errors: [],
    infos: [],
    outputLines: [],
    inputBoxes: [],
    inputAnswers: [],
    pickAnswers: [],
    picks: [],
    opened: [],
    shown: [],
    configListeners: [],
    activeTextEditor: undefined,
  };
}

type Ext = {
  activate: (ctx: unknown) => Promise<void>;
  deactivate: () => Promise<void>;
  DOCUMENT_SELECTOR: unknown;
};

const moduleAny = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleAny._load;
let currentVscode: unknown;

/** A fresh copy of the bundle (module state reset) bound to a fresh stub. */
async function activateWith(rec: Recorder, extensionPath: string): Promise<Ext> {
  currentVscode = makeVscode(rec);
  delete require.cache[bundlePath];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundlePath) as Ext;
  const context = { extensionPath, subscriptions: [] as unknown[] };
  await ext.activate(context);
  return ext;
}

const posix = process.platform !== 'win32';

before(() => {
  assert.ok(existsSync(bundlePath), 'run the build first: dist/extension.js is missing');
  moduleAny._load = function (this: unknown, req: string, ...rest: unknown[]) {
    if (req === 'vscode') return currentVscode;
    return originalLoad.call(this, req, ...rest);
  };
});

after(() => {
  moduleAny._load = originalLoad;
});

describe('extension bundle against a stub VS Code', { skip: !posix && 'uses POSIX shell scripts' }, () => {
  let dir = '';
  let fakeBinary = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-ext-'));
    fakeBinary = join(dir, 'nianbao');
    writeFileSync(
      fakeBinary,
      '#!/bin/sh\n[ "$1" = new ] || exit 9\nprintf "# %s年%s政府信息公开工作年度报告\\n\\n%s %s\\n" "$3" "$5" "$7" "$9"\n',
    );
    chmodSync(fakeBinary, 0o755);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('registers exactly the contributed commands and stays quiet when disabled', async () => {
    const rec = newRecorder({ enable: false });
    const ext = await activateWith(rec, join(dir, 'ext'));
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...rec.commands.keys()].sort(), contributed);
    assert.deepEqual(contributed, ['nianbao.fixAll', 'nianbao.newReport', 'nianbao.restart']);
    assert.deepEqual(rec.errors, []);
    assert.ok(rec.outputLines.some((l) => l.includes('nianbao.enable')));
    assert.equal(rec.configListeners.length, 1);
    await ext.deactivate();
  });

  it('attaches to markdown, plaintext and nianbao documents (file and untitled)', async () => {
    const rec = newRecorder({ enable: false });
    const ext = await activateWith(rec, join(dir, 'ext'));
    assert.deepEqual(ext.DOCUMENT_SELECTOR, [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'file', language: 'nianbao' },
      { scheme: 'untitled', language: 'nianbao' },
    ]);
  });

  it('shows the Chinese install hint when no binary is found', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = join(dir, 'empty');
    try {
      const rec = newRecorder({ enable: true, path: join(dir, 'does-not-exist') });
      await activateWith(rec, join(dir, 'ext'));
      assert.equal(rec.errors.length, 1);
      assert.match(rec.errors[0], /未找到 nianbao 可执行文件/);
      assert.ok(rec.errors[0].includes('cargo install --path .'));
      assert.ok(rec.outputLines.some((l) => l.includes('does-not-exist')));
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('fixAll applies the source.fixAll.nianbao action the provider gives for the whole document', async () => {
    const rec = newRecorder({ enable: false });
    await activateWith(rec, join(dir, 'ext'));
    await rec.commands.get('nianbao.fixAll')!();
    assert.deepEqual(rec.executed, [], 'nothing to ask without an editor');
    assert.deepEqual(rec.infos, ['请先打开要修复的年度报告。(Open a report first.)']);

    const uri = { path: '/r/报告.txt' };
    const whole = { validated: true };
    rec.activeTextEditor = {
      document: { uri, lineCount: 72, getText: () => 'x', validateRange: (r: unknown) => ({ ...whole, r }) },
    };
    const fixAllEdit = { edits: 'all safe fixes' };
    rec.commandResults.set('vscode.executeCodeActionProvider', [
      { title: '改为 1', kind: { value: 'quickfix' }, edit: { edits: 'one fix' } },
      { title: 'nianbao：应用全部安全修复（2 处）', kind: { value: 'source.fixAll.nianbao' }, edit: fixAllEdit },
    ]);
    await rec.commands.get('nianbao.fixAll')!();
    const executed: Recorder['executed'] = rec.executed;
    assert.equal(executed.length, 1);
    const asked = executed[0];
    assert.equal(asked.command, 'vscode.executeCodeActionProvider');
    assert.equal(asked.args[0], uri);
    const range = asked.args[1] as typeof whole & { r: object };
    assert.equal(range.validated, true, 'the range is clamped to the document by VS Code');
    assert.deepEqual({ ...range.r }, { startLine: 0, startCharacter: 0, endLine: 72, endCharacter: 0 });
    assert.equal(asked.args[2], 'source.fixAll.nianbao');
    assert.deepEqual(rec.appliedEdits, [fixAllEdit], 'only the fix-all edit, not the quick fix');
    assert.equal(rec.infos.length, 1, 'no message when the fixes were applied');
  });

  // Seen in a real VS Code: with nothing left to fix, editor.action.sourceAction said
  // "No source actions for 'source.fixAll.nianbao' available", in English.
  it('fixAll says in Chinese when there is nothing to fix', async () => {
    const rec = newRecorder({ enable: false });
    await activateWith(rec, join(dir, 'ext'));
    rec.activeTextEditor = {
      document: { uri: {}, lineCount: 1, getText: () => 'x', validateRange: (r: unknown) => r },
    };
    for (const result of [undefined, [], [{ title: '改为 1', kind: { value: 'quickfix' }, edit: {} }]]) {
      rec.commandResults.set('vscode.executeCodeActionProvider', result);
      await rec.commands.get('nianbao.fixAll')!();
    }
    assert.deepEqual(rec.appliedEdits, []);
    assert.deepEqual(rec.infos, Array(3).fill('没有可以自动修复的问题。(Nothing to fix automatically.)'));
  });

  it('fixAll reports an edit VS Code refused to apply', async () => {
    const rec = newRecorder({ enable: false });
    await activateWith(rec, join(dir, 'ext'));
    rec.activeTextEditor = {
      document: { uri: {}, lineCount: 1, getText: () => 'x', validateRange: (r: unknown) => r },
    };
    rec.commandResults.set('vscode.executeCodeActionProvider', [
      { title: 'all', kind: { value: 'source.fixAll.nianbao' }, edit: {} },
    ]);
    rec.applyEditResult = false;
    await rec.commands.get('nianbao.fixAll')!();
    assert.equal(rec.errors.length, 1);
    assert.match(rec.errors[0], /无法应用修复/);
  });

  it('newReport asks four questions, runs `nianbao new` and opens the output as markdown', async () => {
    const rec = newRecorder({ enable: false, path: fakeBinary });
    await activateWith(rec, join(dir, 'ext'));
    rec.inputAnswers.push('2023', '某某市财政局');
    rec.pickAnswers.push('部门', 'pipe');
    await rec.commands.get('nianbao.newReport')!();
    assert.deepEqual(rec.errors, []);
    assert.equal(rec.inputBoxes.length, 2);
    assert.equal(rec.inputBoxes[0].value, String(new Date().getFullYear() - 1));
    assert.equal(typeof rec.inputBoxes[0].validateInput!('2018'), 'string');
    assert.equal(rec.inputBoxes[0].validateInput!('2024'), undefined);
    assert.deepEqual(rec.picks, [
      ['部门', '政府'],
      ['tsv', 'pipe'],
    ]);
    assert.deepEqual(rec.opened, [
      { language: 'markdown', content: '# 2023年某某市财政局政府信息公开工作年度报告\n\n部门 pipe\n' },
    ]);
    assert.equal(rec.shown.length, 1);
  });

  it('newReport inserts into an empty active editor instead of opening a document', async () => {
    const rec = newRecorder({ enable: false, path: fakeBinary });
    await activateWith(rec, join(dir, 'ext'));
    const inserted: { pos: unknown; text: string }[] = [];
    rec.activeTextEditor = {
      document: { getText: () => '' },
      edit: async (cb: (b: { insert: (pos: unknown, text: string) => void }) => void) => {
        cb({ insert: (pos, text) => inserted.push({ pos, text }) });
        return true;
      },
    };
    rec.inputAnswers.push('2024', '某某县人民政府');
    rec.pickAnswers.push('政府', 'tsv');
    await rec.commands.get('nianbao.newReport')!();
    assert.deepEqual(rec.opened, []);
    assert.equal(inserted.length, 1);
    assert.equal(inserted[0].text, '# 2024年某某县人民政府政府信息公开工作年度报告\n\n政府 tsv\n');
    assert.deepEqual({ ...(inserted[0].pos as object) }, { line: 0, character: 0 });
  });

  it('newReport stops when the user cancels, and reports a failing binary', async () => {
    const rec = newRecorder({ enable: false, path: fakeBinary });
    await activateWith(rec, join(dir, 'ext'));
    rec.inputAnswers.push('2024', undefined);
    await rec.commands.get('nianbao.newReport')!();
    assert.deepEqual(rec.opened, []);
    assert.deepEqual(rec.picks, []);

    const failing = join(dir, 'failing');
    writeFileSync(failing, '#!/bin/sh\necho "unknown unit" >&2\nexit 2\n');
    chmodSync(failing, 0o755);
    rec.settings.path = failing;
    rec.inputAnswers.push('2024', '某某局');
    rec.pickAnswers.push('部门', 'tsv');
    await rec.commands.get('nianbao.newReport')!();
    assert.deepEqual(rec.opened, []);
    assert.equal(rec.errors.length, 1);
    assert.match(rec.errors[0], /unknown unit/);
  });
});

// A fake language server (a Node script) that logs every message it receives
// and asks the client for its `nianbao` configuration once initialized.
const FAKE_SERVER = `
const fs = require('node:fs');
const log = process.env.FAKE_LSP_LOG;
fs.appendFileSync(log, JSON.stringify({ argv: process.argv.slice(2) }) + '\\n');
let buf = Buffer.alloc(0);
function send(msg) {
  const body = Buffer.from(JSON.stringify(Object.assign({ jsonrpc: '2.0' }, msg)), 'utf8');
  process.stdout.write('Content-Length: ' + body.length + '\\r\\n\\r\\n');
  process.stdout.write(body);
}
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf('\\r\\n\\r\\n');
    if (sep < 0) return;
    const len = Number(/Content-Length: (\\d+)/i.exec(buf.subarray(0, sep).toString())[1]);
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
    buf = buf.subarray(sep + 4 + len);
    fs.appendFileSync(log, JSON.stringify(msg) + '\\n');
    if (msg.method === 'initialize') send({ id: msg.id, result: { capabilities: {}, serverInfo: { name: 'fake' } } });
    else if (msg.method === 'initialized') {
      // Like many servers: register for configuration changes dynamically, then pull the settings.
      send({ id: 'reg-1', method: 'client/registerCapability', params: { registrations: [{ id: 'r1', method: 'workspace/didChangeConfiguration', registerOptions: {} }] } });
      send({ id: 'cfg-1', method: 'workspace/configuration', params: { items: [{ section: 'nianbao' }] } });
    }
    else if (msg.method === 'shutdown') send({ id: msg.id, result: null });
    else if (msg.method === 'exit') process.exit(0);
  }
});
`;

type Msg = { argv?: string[]; id?: unknown; method?: string; params?: any; result?: any };

function readLog(file: string): Msg[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Msg);
}

async function waitFor(file: string, pred: (msgs: Msg[]) => boolean, what: string): Promise<Msg[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const msgs = readLog(file);
    if (pred(msgs)) return msgs;
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}; server saw: ${msgs.map((m) => m.method ?? JSON.stringify(m)).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const count = (msgs: Msg[], method: string) => msgs.filter((m) => m.method === method).length;

describe('language client against a fake server', { skip: !posix && 'uses a POSIX shebang' }, () => {
  let dir = '';
  let server = '';
  let n = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-lsp-'));
    server = join(dir, 'nianbao');
    writeFileSync(server, `#!${process.execPath}\n${FAKE_SERVER}`);
    chmodSync(server, 0o755);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Activate with a fresh log file; the server inherits FAKE_LSP_LOG from this process. */
  async function start(settings: Record<string, unknown>): Promise<{ ext: Ext; rec: Recorder; log: string }> {
    const log = join(dir, `log-${++n}.jsonl`);
    process.env.FAKE_LSP_LOG = log;
    const rec = newRecorder({ enable: true, path: server, ...settings });
    const ext = await activateWith(rec, join(dir, 'ext'));
    return { ext, rec, log };
  }

  function change(rec: Recorder, ...keys: string[]): Promise<unknown[]> {
    const affected = new Set(['nianbao', ...keys]);
    const event = { affectsConfiguration: (s: string) => affected.has(s) };
    return Promise.all(rec.configListeners.map((cb) => cb(event)));
  }

  it('starts `<binary> lsp` and sends the settings as initializationOptions', async () => {
    const { ext, rec, log } = await start({ rules: { 'table-sum': 'warning' } });
    try {
      const msgs = await waitFor(log, (m) => count(m, 'initialized') === 1, 'initialized');
      assert.deepEqual(msgs[0].argv, ['lsp']);
      const init = msgs.find((m) => m.method === 'initialize')!;
      assert.equal(
        JSON.stringify(init.params.initializationOptions),
        '{"rules":{"table-sum":"warning"},"formatVersion":"auto","inlayHints":{"columnNames":true,"computedTotals":true},"lintGlobs":[],"lang":"zh"}',
      );
      assert.deepEqual(rec.errors, []);
    } finally {
      await ext.deactivate();
    }
    const msgs = await waitFor(log, (m) => count(m, 'exit') === 1, 'exit');
    assert.equal(count(msgs, 'shutdown'), 1);
  });

  it('answers workspace/configuration for "nianbao" in the server shape', async () => {
    const { ext, log } = await start({ lang: 'en', lintGlobs: ['r/*.md'] });
    try {
      const msgs = await waitFor(log, (m) => m.some((x) => x.id === 'cfg-1' && x.method === undefined), 'configuration response');
      const resp = msgs.find((x) => x.id === 'cfg-1' && x.method === undefined)!;
      assert.deepEqual(resp.result, [
        {
          rules: {},
          formatVersion: 'auto',
          inlayHints: { columnNames: true, computedTotals: true },
          lintGlobs: ['r/*.md'],
          lang: 'en',
        },
      ]);
    } finally {
      await ext.deactivate();
    }
  });

  it('sends workspace/didChangeConfiguration {settings: {nianbao: ...}} when a setting changes', async () => {
    const { ext, rec, log } = await start({});
    try {
      await waitFor(log, (m) => m.some((x) => x.id === 'reg-1' && x.method === undefined), 'registration done');
      rec.settings['trace.server'] = 'verbose';
      await change(rec, 'nianbao.trace', 'nianbao.trace.server'); // handled by languageclient, not sent
      rec.settings.formatVersion = '2021';
      rec.settings['inlayHints.computedTotals'] = false;
      await change(rec, 'nianbao.formatVersion', 'nianbao.inlayHints', 'nianbao.inlayHints.computedTotals');
      const msgs = await waitFor(log, (m) => count(m, 'workspace/didChangeConfiguration') >= 1, 'didChangeConfiguration');
      await new Promise((r) => setTimeout(r, 200)); // let a stray second notification arrive
      const notes = readLog(log).filter((m) => m.method === 'workspace/didChangeConfiguration');
      // Exactly one: ours. languageclient's own `{settings: null}` is suppressed.
      assert.equal(notes.length, 1, JSON.stringify(notes));
      assert.deepEqual(notes[0].params, {
        settings: {
          nianbao: {
            rules: {},
            formatVersion: '2021',
            inlayHints: { columnNames: true, computedTotals: false },
            lintGlobs: [],
            lang: 'zh',
          },
        },
      });
      // The server process was not restarted for this.
      assert.equal(count(msgs, 'initialize'), 1);
    } finally {
      await ext.deactivate();
    }
  });

  it('restarts the server on nianbao.restart and on a nianbao.path change', async () => {
    const { ext, rec, log } = await start({});
    try {
      await waitFor(log, (m) => count(m, 'initialized') === 1, 'first start');
      await rec.commands.get('nianbao.restart')!();
      let msgs = await waitFor(log, (m) => count(m, 'initialized') === 2, 'restart');
      assert.equal(count(msgs, 'exit'), 1);
      assert.equal(msgs.filter((m) => m.argv).length, 2, 'a second process was spawned');
      await change(rec, 'nianbao.path');
      msgs = await waitFor(log, (m) => count(m, 'initialized') === 3, 'restart after path change');
      assert.equal(count(msgs, 'exit'), 2);
    } finally {
      await ext.deactivate();
    }
  });

  it('stops the server when nianbao.enable becomes false and starts it again when true', async () => {
    const { ext, rec, log } = await start({});
    try {
      await waitFor(log, (m) => count(m, 'initialized') === 1, 'start');
      rec.settings.enable = false;
      await change(rec, 'nianbao.enable');
      await waitFor(log, (m) => count(m, 'exit') === 1, 'stop');
      // No notifications go to a stopped server.
      rec.settings.lang = 'en';
      await change(rec, 'nianbao.lang');
      rec.settings.enable = true;
      await change(rec, 'nianbao.enable');
      const msgs = await waitFor(log, (m) => count(m, 'initialized') === 2, 'start again');
      assert.equal(count(msgs, 'workspace/didChangeConfiguration'), 0);
      const inits = msgs.filter((m) => m.method === 'initialize');
      assert.equal(inits[1].params.initializationOptions.lang, 'en');
    } finally {
      await ext.deactivate();
    }
  });
});
