/**
 * Settings (the `nianbao.*` configuration) → the options object the server
 * parses. Pure: no VS Code import, so it is unit-testable.
 *
 * The server expects exactly this JSON shape (camelCase):
 *   {"rules": {"table-sum": "warning"}, "formatVersion": "auto",
 *    "inlayHints": {"columnNames": true, "computedTotals": true},
 *    "lintGlobs": [], "lang": "zh"}
 * It is sent as `initializationOptions` and, on change, as
 * `workspace/didChangeConfiguration` with `{"settings": {"nianbao": <same>}}`.
 */

export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FORMAT_VERSIONS = ['auto', '2019', '2021'] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface ServerOptions {
  rules: Record<string, Severity>;
  formatVersion: FormatVersion;
  inlayHints: { columnNames: boolean; computedTotals: boolean };
  lintGlobs: string[];
  lang: Lang;
}

export interface DidChangeConfigurationSettings {
  settings: { nianbao: ServerOptions };
}

/**
 * The part of vscode.WorkspaceConfiguration we use: `get(key)` with keys
 * relative to the `nianbao` section (e.g. 'rules', 'inlayHints.columnNames').
 */
export interface ConfigReader {
  get(key: string): unknown;
}

export interface ConversionResult {
  options: ServerOptions;
  /** Values that were ignored because they are invalid (to show in the log). */
  warnings: string[];
}

function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

function bool(v: unknown, dflt: boolean): boolean {
  return typeof v === 'boolean' ? v : dflt;
}

/** Convert `nianbao.*` settings to the server's options, dropping invalid values. */
export function settingsToOptions(config: ConfigReader): ConversionResult {
  const warnings: string[] = [];

  const rules: Record<string, Severity> = {};
  const rawRules = config.get('rules');
  if (rawRules !== undefined && rawRules !== null) {
    if (typeof rawRules === 'object' && !Array.isArray(rawRules)) {
      for (const [name, value] of Object.entries(rawRules as Record<string, unknown>)) {
        const key = name.trim();
        const sev = typeof value === 'string' ? value.trim().toLowerCase() : value;
        if (key === '') {
          warnings.push('nianbao.rules: 忽略空规则名 (ignored empty rule name)');
        } else if (isOneOf(SEVERITIES, sev)) {
          rules[key] = sev;
        } else {
          warnings.push(
            `nianbao.rules.${key}: 无效的级别 ${JSON.stringify(value)}，应为 ${SEVERITIES.join('|')} (invalid severity, ignored)`,
          );
        }
      }
    } else {
      warnings.push('nianbao.rules 应为对象 (must be an object), ignored');
    }
  }

  const rawFormat = config.get('formatVersion');
  let formatVersion: FormatVersion = 'auto';
  // A number 2019 typed in settings.json is accepted as "2019".
  const formatStr = typeof rawFormat === 'number' ? String(rawFormat) : rawFormat;
  if (isOneOf(FORMAT_VERSIONS, formatStr)) {
    formatVersion = formatStr;
  } else if (rawFormat !== undefined && rawFormat !== null) {
    warnings.push(`nianbao.formatVersion: 无效的值 ${JSON.stringify(rawFormat)}，使用 auto (invalid, using auto)`);
  }

  const inlayHints = {
    columnNames: bool(config.get('inlayHints.columnNames'), true),
    computedTotals: bool(config.get('inlayHints.computedTotals'), true),
  };

  const lintGlobs: string[] = [];
  const rawGlobs = config.get('lintGlobs');
  if (Array.isArray(rawGlobs)) {
    for (const g of rawGlobs) {
      if (typeof g === 'string' && g.trim() !== '') {
        lintGlobs.push(g.trim());
      } else {
        warnings.push(`nianbao.lintGlobs: 忽略无效项 ${JSON.stringify(g)} (ignored invalid entry)`);
      }
    }
  } else if (rawGlobs !== undefined && rawGlobs !== null) {
    warnings.push('nianbao.lintGlobs 应为字符串数组 (must be an array of strings), ignored');
  }

  const rawLang = config.get('lang');
  let lang: Lang = 'zh';
  if (isOneOf(LANGS, rawLang)) {
    lang = rawLang;
  } else if (rawLang !== undefined && rawLang !== null) {
    warnings.push(`nianbao.lang: 无效的值 ${JSON.stringify(rawLang)}，使用 zh (invalid, using zh)`);
  }

  // Key order matters only for readability of traces; keep the documented order.
  return { options: { rules, formatVersion, inlayHints, lintGlobs, lang }, warnings };
}

/** Params of `workspace/didChangeConfiguration` for these options. */
export function didChangeConfigurationParams(options: ServerOptions): DidChangeConfigurationSettings {
  return { settings: { nianbao: options } };
}

/** Settings that are part of the server options (a change is sent to the server). */
export const SERVER_SETTING_KEYS = [
  'nianbao.rules',
  'nianbao.formatVersion',
  'nianbao.inlayHints',
  'nianbao.lintGlobs',
  'nianbao.lang',
] as const;

/** A ConfigReader over a plain nested object, e.g. parsed from settings.json. */
export function objectConfig(obj: Record<string, unknown>): ConfigReader {
  return {
    get(key: string): unknown {
      // Accept both nested ({inlayHints: {columnNames}}) and flat ("inlayHints.columnNames") keys.
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        return obj[key];
      }
      let cur: unknown = obj;
      for (const part of key.split('.')) {
        if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) {
          return undefined;
        }
        cur = (cur as Record<string, unknown>)[part];
      }
      return cur;
    },
  };
}
