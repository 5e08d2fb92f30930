import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The grammar's own patterns, run with JS regexes (they use nothing Oniguruma-specific).
const grammar: { patterns: { name?: string; match?: string }[] } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'syntaxes', 'nianbao.tmLanguage.json'), 'utf8'),
);

function scopeOf(line: string): string | undefined {
  for (const p of grammar.patterns) {
    if (p.match !== undefined && new RegExp(p.match).test(line)) {
      return p.name;
    }
  }
  return undefined;
}

describe('nianbao grammar', () => {
  it('marks section headings and sub-headings', () => {
    assert.equal(scopeOf('四、政府信息公开行政复议、行政诉讼情况'), 'markup.heading.nianbao');
    assert.equal(scopeOf('  一、总体情况'), 'markup.heading.nianbao');
    assert.equal(scopeOf('（一）主动公开情况'), 'entity.name.section.nianbao');
    assert.equal(scopeOf('(二)依申请公开情况。2020年,银川市市政管理局严格按照'), 'entity.name.section.nianbao');
  });

  // Seen in a real VS Code: table 三's rows were drawn as headings, numbers and all.
  it('leaves table rows whose label starts like a heading alone', () => {
    for (const row of [
      '四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
      '(七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | ||',
      '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
      '| 三、本年度办理结果 | （一）予以公开 | 1 |',
      '四、结转下年度继续办理 0 0 0 0 0 0 0',
    ]) {
      assert.equal(scopeOf(row), undefined, row);
    }
  });
});
