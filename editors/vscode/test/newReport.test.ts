import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultYear, newReportArgs, validateUnit, validateYear } from '../src/newReport';

describe('defaultYear', () => {
  it('is the previous calendar year', () => {
    assert.equal(defaultYear(new Date(2025, 0, 1, 0, 0, 1)), 2024);
    assert.equal(defaultYear(new Date(2026, 11, 31, 23, 59)), 2025);
  });
});

describe('validateYear', () => {
  it('accepts 2019..2100', () => {
    for (const y of ['2019', '2024', '2100', ' 2023 ']) {
      assert.equal(validateYear(y), undefined, y);
    }
  });
  it('rejects everything else', () => {
    for (const y of ['2018', '2101', '', '20a4', '24', '02024', '2024.0', '-2024', '二〇二四']) {
      assert.equal(typeof validateYear(y), 'string', y);
    }
  });
});

describe('validateUnit', () => {
  it('accepts a Chinese unit name', () => {
    assert.equal(validateUnit('某某市人民政府办公室'), undefined);
  });
  it('rejects empty, leading "-" and multi-line names', () => {
    assert.equal(typeof validateUnit('   '), 'string');
    assert.equal(typeof validateUnit('--help'), 'string');
    assert.equal(typeof validateUnit('甲\n乙'), 'string');
  });
});

describe('newReportArgs', () => {
  it('builds the nianbao new command line', () => {
    assert.deepEqual(newReportArgs({ year: 2024, unit: ' 某某市财政局 ', kind: '部门', style: 'tsv' }), [
      'new',
      '--year',
      '2024',
      '--unit',
      '某某市财政局',
      '--kind',
      '部门',
      '--style',
      'tsv',
    ]);
    assert.deepEqual(newReportArgs({ year: 2019, unit: '某某县人民政府', kind: '政府', style: 'pipe' }), [
      'new',
      '--year',
      '2019',
      '--unit',
      '某某县人民政府',
      '--kind',
      '政府',
      '--style',
      'pipe',
    ]);
  });

  it('keeps a unit name with spaces and quotes as one argument', () => {
    const args = newReportArgs({ year: 2023, unit: 'A "B" $C', kind: '部门', style: 'pipe' });
    assert.equal(args[4], 'A "B" $C');
    assert.equal(args.length, 9);
  });

  it('throws on invalid input', () => {
    assert.throws(() => newReportArgs({ year: 2018, unit: 'x', kind: '部门', style: 'tsv' }));
    assert.throws(() => newReportArgs({ year: 2024.5, unit: 'x', kind: '部门', style: 'tsv' }));
    assert.throws(() => newReportArgs({ year: 2024, unit: '', kind: '部门', style: 'tsv' }));
    assert.throws(() => newReportArgs({ year: 2024, unit: 'x', kind: '企业' as never, style: 'tsv' }));
    assert.throws(() => newReportArgs({ year: 2024, unit: 'x', kind: '政府', style: 'csv' as never }));
  });
});
