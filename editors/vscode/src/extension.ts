/**
 * VS Code entry point: starts `nianbao lsp` over stdio with
 * vscode-languageclient and registers the nianbao.* commands.
 * All decisions that can be made without VS Code live in the pure modules
 * (binary.ts, options.ts, newReport.ts) and are unit-tested there.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  type DocumentSelector,
  type Executable,
  LanguageClient,
  type LanguageClientOptions,
} from 'vscode-languageclient/node';

import { NOT_FOUND_MESSAGE, bundledBinaryPath, findBinary } from './binary';
import { isExecutableFile } from './fsutil';
import {
  KINDS,
  type Kind,
  STYLES,
  type Style,
  defaultYear,
  newReportArgs,
  validateUnit,
  validateYear,
} from './newReport';
import {
  SERVER_SETTING_KEYS,
  type ServerOptions,
  didChangeConfigurationParams,
  settingsToOptions,
} from './options';
import { RunError, runBinary } from './run';

const SECTION = 'nianbao';
const FIX_ALL_KIND = 'source.fixAll.nianbao';

const LANGUAGES = ['markdown', 'plaintext', 'nianbao'];
const SCHEMES = ['file', 'untitled'];
export const DOCUMENT_SELECTOR: DocumentSelector = LANGUAGES.flatMap((language) =>
  SCHEMES.map((scheme) => ({ scheme, language })),
);

let output: vscode.OutputChannel;
let client: LanguageClient | undefined;
/** Start/stop/restart run one at a time, in order. */
let queue: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task).catch((err: unknown) => {
    log(`错误 (error): ${errorText(err)}`);
  });
  return queue;
}

function log(line: string): void {
  output.appendLine(`[${new Date().toLocaleTimeString()}] ${line}`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Resolve the server binary and log how; undefined when there is none. */
function resolveBinary(context: vscode.ExtensionContext): string | undefined {
  // A .vsix does not always keep the executable bit of a bundled server.
  const bundled = bundledBinaryPath(context.extensionPath, process.platform, process.arch);
  if (process.platform !== 'win32' && fs.existsSync(bundled) && !isExecutableFile(bundled)) {
    try {
      fs.chmodSync(bundled, 0o755);
    } catch (err) {
      log(`无法设置可执行权限 (chmod failed) ${bundled}: ${errorText(err)}`);
    }
  }
  const settingPath = vscode.workspace.getConfiguration(SECTION).get<string>('path', '');
  const result = findBinary({
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    settingPath,
    env: process.env,
    fileExists: (p) => isExecutableFile(p),
  });
  for (const w of result.warnings) {
    log(w);
  }
  if (result.path === undefined) {
    log(`未找到 nianbao (not found); 已尝试 (tried):\n  ${result.tried.join('\n  ')}`);
    return undefined;
  }
  log(`使用 (using) ${result.path} [${result.source}]`);
  return result.path;
}

async function showNotFound(): Promise<void> {
  const openSettings = '打开设置 (Open Settings)';
  const showLog = '查看输出 (Show Output)';
  const choice = await vscode.window.showErrorMessage(NOT_FOUND_MESSAGE, openSettings, showLog);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao.path');
  } else if (choice === showLog) {
    output.show(true);
  }
}

function currentOptions(): ServerOptions {
  const { options, warnings } = settingsToOptions(vscode.workspace.getConfiguration(SECTION));
  for (const w of warnings) {
    log(w);
  }
  return options;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  if (client !== undefined) {
    return;
  }
  if (!vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true)) {
    log('nianbao.enable 为 false，未启动语言服务器 (disabled; server not started)');
    return;
  }
  const binary = resolveBinary(context);
  if (binary === undefined) {
    void showNotFound();
    return;
  }
  const serverOptions: Executable = { command: binary, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // A function, so a restarted client sends the settings of that moment.
    initializationOptions: () => currentOptions(),
    middleware: {
      workspace: {
        // Settings changes are sent by onConfigurationChanged below with the
        // server's shape; never let the client send its own `{settings: null}`.
        didChangeConfiguration: async () => undefined,
        // Answer `workspace/configuration` for section "nianbao" with the same shape.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) => (item.section === SECTION ? currentOptions() : answers[i]));
        },
      },
    },
  };
  let c: LanguageClient | undefined;
  try {
    c = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
    client = c;
    await c.start();
    log('语言服务器已启动 (language server started)');
  } catch (err) {
    client = undefined;
    log(`语言服务器启动失败 (failed to start): ${errorText(err)}`);
    void vscode.window
      .showErrorMessage(`nianbao 语言服务器启动失败：${errorText(err)}`, '查看输出 (Show Output)')
      .then((choice) => choice && output.show(true));
    try {
      await c?.dispose();
    } catch {
      // already stopped
    }
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c === undefined) {
    return;
  }
  try {
    await c.dispose();
  } catch (err) {
    log(`停止语言服务器时出错 (error while stopping): ${errorText(err)}`);
  }
  log('语言服务器已停止 (language server stopped)');
}

async function onConfigurationChanged(
  context: vscode.ExtensionContext,
  e: vscode.ConfigurationChangeEvent,
): Promise<void> {
  if (!e.affectsConfiguration(SECTION)) {
    return;
  }
  if (e.affectsConfiguration('nianbao.enable')) {
    const enabled = vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true);
    await enqueue(enabled ? () => startClient(context) : stopClient);
    return;
  }
  if (e.affectsConfiguration('nianbao.path')) {
    await enqueue(async () => {
      await stopClient();
      await startClient(context);
    });
    return;
  }
  if (!SERVER_SETTING_KEYS.some((key) => e.affectsConfiguration(key))) {
    return; // e.g. nianbao.trace.server, which the language client handles itself
  }
  const c = client;
  if (c !== undefined && c.isRunning()) {
    const params = didChangeConfigurationParams(currentOptions());
    try {
      await c.sendNotification(DidChangeConfigurationNotification.type, params);
    } catch (err) {
      log(`发送配置失败 (didChangeConfiguration failed): ${errorText(err)}`);
    }
  }
}

export const NOTHING_TO_FIX_MESSAGE = '没有可以自动修复的问题。(Nothing to fix automatically.)';

/**
 * Applies the server's source.fixAll.nianbao action to the active document.
 * Asks the provider directly rather than running `editor.action.sourceAction`: that UI action
 * is cancelled by a cursor move while it waits for the server, and when there is nothing to fix
 * it says "No source actions for 'source.fixAll.nianbao' available" in English.
 */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('请先打开要修复的年度报告。(Open a report first.)');
    return;
  }
  const doc = editor.document;
  const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
    )) ?? [];
  const fix = actions.find(
    (a): a is vscode.CodeAction =>
      'kind' in a && a.kind !== undefined && a.kind.value === FIX_ALL_KIND && a.edit !== undefined,
  );
  if (fix?.edit === undefined) {
    void vscode.window.showInformationMessage(NOTHING_TO_FIX_MESSAGE);
    return;
  }
  if (!(await vscode.workspace.applyEdit(fix.edit))) {
    void vscode.window.showErrorMessage('无法应用修复：文档可能已被修改，请重试。(Could not apply the fixes; try again.)');
    return;
  }
  if (fix.command !== undefined) {
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  }
}

async function newReport(context: vscode.ExtensionContext): Promise<void> {
  const title = '新建年度报告 (New annual report)';
  const yearText = await vscode.window.showInputBox({
    title,
    prompt: '报告年度 (report year)',
    value: String(defaultYear(new Date())),
    validateInput: validateYear,
    ignoreFocusOut: true,
  });
  if (yearText === undefined) {
    return;
  }
  const unit = await vscode.window.showInputBox({
    title,
    prompt: '单位名称 (unit name)',
    placeHolder: '例如：某某市人民政府办公室',
    validateInput: validateUnit,
    ignoreFocusOut: true,
  });
  if (unit === undefined) {
    return;
  }
  const kindDescriptions: Record<Kind, string> = {
    部门: '政府部门的年度报告 (a department)',
    政府: '各级人民政府的年度报告 (a people’s government)',
  };
  const kind = await vscode.window.showQuickPick(
    KINDS.map((k) => ({ label: k, description: kindDescriptions[k] })),
    { title, placeHolder: '报告主体类型 (kind)', ignoreFocusOut: true },
  );
  if (kind === undefined) {
    return;
  }
  const styleDescriptions: Record<Style, string> = {
    tsv: '制表符分隔的表格 (tab-separated tables)',
    pipe: 'Markdown 竖线表格 (pipe tables)',
  };
  const style = await vscode.window.showQuickPick(
    STYLES.map((s) => ({ label: s, description: styleDescriptions[s] })),
    { title, placeHolder: '表格样式 (table style)', ignoreFocusOut: true },
  );
  if (style === undefined) {
    return;
  }

  const args = newReportArgs({
    year: Number(yearText.trim()),
    unit,
    kind: kind.label as Kind,
    style: style.label as Style,
  });
  const binary = resolveBinary(context);
  if (binary === undefined) {
    await showNotFound();
    return;
  }
  log(`运行 (run): ${binary} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
  let text: string;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: '正在生成年度报告… (generating)' },
      () => runBinary(binary, args, { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath }),
    );
    text = result.stdout;
    if (result.stderr.trim() !== '') {
      log(result.stderr.trim());
    }
  } catch (err) {
    const detail = err instanceof RunError ? err.message : errorText(err);
    log(`nianbao new 失败 (failed): ${detail}`);
    void vscode.window.showErrorMessage(`生成年度报告失败：${detail}`);
    return;
  }

  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined && editor.document.getText().length === 0) {
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('nianbao');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('nianbao.restart', () =>
      enqueue(async () => {
        await stopClient();
        await startClient(context);
      }),
    ),
    vscode.commands.registerCommand('nianbao.fixAll', fixAll),
    vscode.commands.registerCommand('nianbao.newReport', () =>
      newReport(context).catch((err: unknown) => {
        log(`新建年度报告失败 (newReport failed): ${errorText(err)}`);
        void vscode.window.showErrorMessage(`新建年度报告失败：${errorText(err)}`);
      }),
    ),
    vscode.workspace.onDidChangeConfiguration((e) => onConfigurationChanged(context, e)),
  );
  await enqueue(() => startClient(context));
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
