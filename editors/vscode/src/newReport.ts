/**
 * The `nianbao.newReport` command's pure parts: default year, input
 * validation and the argument list for `nianbao new`.
 */

export const KINDS = ['部门', '政府'] as const;
export type Kind = (typeof KINDS)[number];

export const STYLES = ['tsv', 'pipe'] as const;
export type Style = (typeof STYLES)[number];

export const MIN_YEAR = 2019;
export const MAX_YEAR = 2100;

export interface NewReportParams {
  year: number;
  unit: string;
  kind: Kind;
  style: Style;
}

/** The report year offered by default: the year before `now` (reports cover the previous year). */
export function defaultYear(now: Date): number {
  return now.getFullYear() - 1;
}

/** InputBox validation for the year: undefined when valid, else a message. */
export function validateYear(input: string): string | undefined {
  const s = input.trim();
  if (!/^\d{4}$/.test(s)) {
    return `请输入四位数字年份（${MIN_YEAR}–${MAX_YEAR}）。(Enter a four-digit year.)`;
  }
  const y = Number(s);
  if (y < MIN_YEAR || y > MAX_YEAR) {
    return `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间。(Year must be between ${MIN_YEAR} and ${MAX_YEAR}.)`;
  }
  return undefined;
}

/** InputBox validation for the unit name: undefined when valid, else a message. */
export function validateUnit(input: string): string | undefined {
  const s = input.trim();
  if (s === '') {
    return '请输入单位名称，例如“某某市人民政府办公室”。(Enter the name of the unit.)';
  }
  if (s.startsWith('-')) {
    return '单位名称不能以“-”开头。(The unit name must not start with “-”.)';
  }
  if (/[\r\n\0]/.test(s)) {
    return '单位名称不能包含换行。(The unit name must be on one line.)';
  }
  return undefined;
}

/** Arguments for `<binary> new ...`. Throws on invalid parameters. */
export function newReportArgs(params: NewReportParams): string[] {
  const yearErr = validateYear(String(params.year));
  if (yearErr !== undefined || !Number.isInteger(params.year)) {
    throw new Error(yearErr ?? `invalid year: ${params.year}`);
  }
  const unit = params.unit.trim();
  const unitErr = validateUnit(unit);
  if (unitErr !== undefined) {
    throw new Error(unitErr);
  }
  if (!(KINDS as readonly string[]).includes(params.kind)) {
    throw new Error(`invalid kind: ${params.kind} (expected ${KINDS.join('|')})`);
  }
  if (!(STYLES as readonly string[]).includes(params.style)) {
    throw new Error(`invalid style: ${params.style} (expected ${STYLES.join('|')})`);
  }
  return ['new', '--year', String(params.year), '--unit', unit, '--kind', params.kind, '--style', params.style];
}
