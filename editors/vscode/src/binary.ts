/**
 * Locating the nianbao executable. Pure: every input (paths, platform,
 * environment, file system check) is passed in, so it can be unit-tested
 * without VS Code and for any platform.
 */
import * as path from 'node:path';

export type BinarySource = 'bundled' | 'setting' | 'path';

export interface BinaryLookupInput {
  /** Root directory of the installed extension (context.extensionPath). */
  extensionPath: string;
  /** process.platform, e.g. 'linux', 'darwin', 'win32'. */
  platform: string;
  /** process.arch, e.g. 'x64', 'arm64'. */
  arch: string;
  /** Value of the `nianbao.path` setting ('' or undefined when unset). */
  settingPath: string | undefined;
  /** Environment, used for PATH, PATHEXT and the home directory. */
  env: Record<string, string | undefined>;
  /** True when `p` is an existing (executable) file. */
  fileExists: (p: string) => boolean;
}

export interface BinaryLookupResult {
  /** The executable found, or undefined when there is none. */
  path: string | undefined;
  source: BinarySource | undefined;
  /** Every path that was tried, in order (for the log). */
  tried: string[];
  /** Problems worth telling the user, e.g. a `nianbao.path` that does not exist. */
  warnings: string[];
}

export const BINARY_NAME = 'nianbao';

export const NOT_FOUND_MESSAGE =
  '未找到 nianbao 可执行文件。请安装本平台的 nianbao 扩展（自带可执行文件），或下载 nianbao 后在设置中填写 ' +
  'nianbao.path，或在 nianbao 源码目录运行 `cargo install --path .`。(nianbao executable not found: install ' +
  "the extension for your platform, which carries it, or download nianbao and set nianbao.path, or run " +
  '`cargo install --path .` in a nianbao checkout.)';

const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

function pathApi(platform: string): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Environment lookup; case-insensitive on Windows (where it is `Path` as often as `PATH`). */
export function envGet(
  env: Record<string, string | undefined>,
  name: string,
  platform: string,
): string | undefined {
  if (platform !== 'win32') {
    return env[name];
  }
  const wanted = name.toUpperCase();
  for (const key of Object.keys(env)) {
    if (key.toUpperCase() === wanted && env[key] !== undefined) {
      return env[key];
    }
  }
  return undefined;
}

/** Directory name of the bundled server for a platform, e.g. `linux-x64`, `win32-x64`. */
export function bundledTarget(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

/** Path of the server binary bundled inside the extension for this platform. */
export function bundledBinaryPath(extensionPath: string, platform: string, arch: string): string {
  const p = pathApi(platform);
  const exe = platform === 'win32' ? `${BINARY_NAME}.exe` : BINARY_NAME;
  return p.join(extensionPath, 'server', bundledTarget(platform, arch), exe);
}

/** Extensions to try for a command name on Windows, in PATHEXT order, lower-cased. */
export function pathExtensions(env: Record<string, string | undefined>, platform: string): string[] {
  if (platform !== 'win32') {
    return [''];
  }
  const raw = envGet(env, 'PATHEXT', platform) || DEFAULT_PATHEXT;
  const exts = raw
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
    .map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  return exts.length > 0 ? exts : DEFAULT_PATHEXT.toLowerCase().split(';');
}

/** Candidate file names for `name` on this platform (adds PATHEXT extensions on Windows). */
function candidateNames(name: string, env: Record<string, string | undefined>, platform: string): string[] {
  if (platform !== 'win32') {
    return [name];
  }
  const exts = pathExtensions(env, platform);
  const lower = name.toLowerCase();
  if (exts.some((e) => lower.endsWith(e))) {
    // Already has an executable extension: try it as written first.
    return [name, ...exts.map((e) => name + e)];
  }
  return exts.map((e) => name + e);
}

/**
 * Search the PATH for `name` like a shell would. Returns the first hit.
 * `tried` receives each candidate checked.
 */
export function searchPath(
  name: string,
  env: Record<string, string | undefined>,
  platform: string,
  fileExists: (p: string) => boolean,
  tried: string[] = [],
): string | undefined {
  const p = pathApi(platform);
  const sep = platform === 'win32' ? ';' : ':';
  const pathVar = envGet(env, 'PATH', platform) ?? '';
  for (let dir of pathVar.split(sep)) {
    dir = dir.trim();
    if (platform === 'win32' && dir.length >= 2 && dir.startsWith('"') && dir.endsWith('"')) {
      dir = dir.slice(1, -1);
    }
    if (dir === '') {
      continue; // an empty entry would mean the current directory; never trust that
    }
    for (const file of candidateNames(name, env, platform)) {
      const full = p.join(dir, file);
      tried.push(full);
      if (fileExists(full)) {
        return full;
      }
    }
  }
  return undefined;
}

/** Expand a leading `~` to the home directory. */
export function expandHome(
  value: string,
  env: Record<string, string | undefined>,
  platform: string,
): string {
  if (value === '~' || value.startsWith('~/') || (platform === 'win32' && value.startsWith('~\\'))) {
    const home = platform === 'win32'
      ? envGet(env, 'USERPROFILE', platform) ?? envGet(env, 'HOME', platform)
      : env.HOME;
    if (home) {
      return pathApi(platform).join(home, value.slice(1));
    }
  }
  return value;
}

/**
 * Find the nianbao executable. Order:
 *  1. the `nianbao.path` setting (an absolute path, `~/…`, or a bare command name searched on PATH):
 *     whoever sets it means that binary, e.g. a newer build than the one bundled;
 *  2. `server/<platform>-<arch>/nianbao[.exe]` bundled in a platform-specific .vsix;
 *  3. `nianbao` on PATH (honouring PATHEXT on Windows): the universal .vsix.
 * A setting that names no file is reported in `warnings` and the search goes on.
 */
export function findBinary(input: BinaryLookupInput): BinaryLookupResult {
  const { extensionPath, platform, arch, env, fileExists } = input;
  const p = pathApi(platform);
  const tried: string[] = [];
  const warnings: string[] = [];

  // 1. The nianbao.path setting.
  const setting = (input.settingPath ?? '').trim();
  if (setting !== '') {
    const expanded = expandHome(setting, env, platform);
    const hasDir = expanded.includes('/') || (platform === 'win32' && expanded.includes('\\'));
    if (p.isAbsolute(expanded) || hasDir) {
      const candidates = platform === 'win32' && !pathExtensions(env, platform).some((e) => expanded.toLowerCase().endsWith(e))
        ? [expanded, ...pathExtensions(env, platform).map((e) => expanded + e)]
        : [expanded];
      for (const c of candidates) {
        tried.push(c);
        if (fileExists(c)) {
          return { path: c, source: 'setting', tried, warnings };
        }
      }
      if (!p.isAbsolute(expanded)) {
        warnings.push(`nianbao.path 应为绝对路径 (nianbao.path should be an absolute path): ${setting}`);
      }
    } else {
      // A bare command name, e.g. "nianbao-dev": look it up on PATH.
      const hit = searchPath(expanded, env, platform, fileExists, tried);
      if (hit !== undefined) {
        return { path: hit, source: 'setting', tried, warnings };
      }
    }
    warnings.push(`nianbao.path 指向的文件不存在 (file in nianbao.path not found): ${setting}`);
  }

  // 2. Bundled with the extension.
  const bundled = bundledBinaryPath(extensionPath, platform, arch);
  tried.push(bundled);
  if (fileExists(bundled)) {
    return { path: bundled, source: 'bundled', tried, warnings };
  }

  // 3. PATH.
  const onPath = searchPath(BINARY_NAME, env, platform, fileExists, tried);
  if (onPath !== undefined) {
    return { path: onPath, source: 'path', tried, warnings };
  }
  return { path: undefined, source: undefined, tried, warnings };
}
