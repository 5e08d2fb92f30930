import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import {
  FORMAT_VERSIONS,
  LANGS,
  SERVER_SETTING_KEYS,
  SEVERITIES,
  didChangeConfigurationParams,
  objectConfig,
  settingsToOptions,
} from '../src/options';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const props: Record<string, { default?: unknown; enum?: unknown[]; additionalProperties?: { enum?: unknown[] } }> =
  pkg.contributes.configuration.properties;

const DEFAULT_JSON =
  '{"rules":{},"formatVersion":"auto","inlayHints":{"columnNames":true,"computedTotals":true},"lintGlobs":[],"lang":"zh"}';

describe('settingsToOptions', () => {
  it('gives the documented defaults for empty settings, in the server shape', () => {
    const { options, warnings } = settingsToOptions(objectConfig({}));
    assert.equal(JSON.stringify(options), DEFAULT_JSON);
    assert.deepEqual(warnings, []);
  });

  it('produces exactly the JSON the server parses', () => {
    const { options, warnings } = settingsToOptions(
      objectConfig({
        enable: true,
        path: '/x/nianbao',
        rules: { 'table-sum': 'warning' },
        formatVersion: 'auto',
        inlayHints: { columnNames: true, computedTotals: true },
        lintGlobs: [],
        lang: 'zh',
        trace: { server: 'verbose' },
      }),
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      options,
      JSON.parse(
        '{"rules": {"table-sum": "warning"}, "formatVersion": "auto", "inlayHints": {"columnNames": true, "computedTotals": true}, "lintGlobs": [], "lang": "zh"}',
      ),
    );
    // enable, path and trace are extension-side only.
    assert.deepEqual(Object.keys(options), ['rules', 'formatVersion', 'inlayHints', 'lintGlobs', 'lang']);
  });

  it('passes every value through', () => {
    const { options } = settingsToOptions(
      objectConfig({
        rules: { 'table-sum': 'error', 'missing-section': 'off', 'year-mismatch': 'hint', 'x': 'info' },
        formatVersion: '2021',
        'inlayHints.columnNames': false,
        'inlayHints.computedTotals': false,
        lintGlobs: ['reports/**/*.md', '**/*年报*.txt'],
        lang: 'en',
      }),
    );
    assert.deepEqual(options, {
      rules: { 'table-sum': 'error', 'missing-section': 'off', 'year-mismatch': 'hint', x: 'info' },
      formatVersion: '2021',
      inlayHints: { columnNames: false, computedTotals: false },
      lintGlobs: ['reports/**/*.md', '**/*年报*.txt'],
      lang: 'en',
    });
  });

  it('normalises severity case and drops invalid severities with a warning', () => {
    const { options, warnings } = settingsToOptions(
      objectConfig({ rules: { 'table-sum': ' Warning ', bad: 'fatal', num: 3, ' ': 'error' } }),
    );
    assert.deepEqual(options.rules, { 'table-sum': 'warning' });
    assert.equal(warnings.length, 3);
    assert.ok(warnings.some((w) => w.includes('bad')));
    assert.ok(warnings.some((w) => w.includes('num')));
  });

  it('ignores rules that are not an object', () => {
    for (const bad of [['table-sum'], 'table-sum', 5]) {
      const { options, warnings } = settingsToOptions(objectConfig({ rules: bad }));
      assert.deepEqual(options.rules, {});
      assert.equal(warnings.length, 1);
    }
  });

  it('accepts formatVersion as a number and falls back to auto on nonsense', () => {
    assert.equal(settingsToOptions(objectConfig({ formatVersion: 2019 })).options.formatVersion, '2019');
    const r = settingsToOptions(objectConfig({ formatVersion: '2020' }));
    assert.equal(r.options.formatVersion, 'auto');
    assert.equal(r.warnings.length, 1);
  });

  it('defaults non-boolean inlay hint settings to true', () => {
    const { options } = settingsToOptions(objectConfig({ inlayHints: { columnNames: 'no', computedTotals: false } }));
    assert.deepEqual(options.inlayHints, { columnNames: true, computedTotals: false });
  });

  it('keeps only non-empty string globs', () => {
    const r = settingsToOptions(objectConfig({ lintGlobs: [' a/*.md ', '', 7, 'b/**'] }));
    assert.deepEqual(r.options.lintGlobs, ['a/*.md', 'b/**']);
    assert.equal(r.warnings.length, 2);
    const r2 = settingsToOptions(objectConfig({ lintGlobs: 'a/*.md' }));
    assert.deepEqual(r2.options.lintGlobs, []);
    assert.equal(r2.warnings.length, 1);
  });

  it('falls back to zh for an unknown lang', () => {
    const r = settingsToOptions(objectConfig({ lang: 'fr' }));
    assert.equal(r.options.lang, 'zh');
    assert.equal(r.warnings.length, 1);
  });

  it('reads a VS Code-like configuration that only answers dotted keys', () => {
    const flat: Record<string, unknown> = {
      rules: { 'table-sum': 'off' },
      'inlayHints.columnNames': false,
      lang: 'en',
    };
    const { options } = settingsToOptions({ get: (k) => flat[k] });
    assert.deepEqual(options.rules, { 'table-sum': 'off' });
    assert.equal(options.inlayHints.columnNames, false);
    assert.equal(options.inlayHints.computedTotals, true);
    assert.equal(options.lang, 'en');
  });
});

describe('didChangeConfigurationParams', () => {
  it('wraps the options as {settings: {nianbao: ...}}', () => {
    const { options } = settingsToOptions(objectConfig({ rules: { 'table-sum': 'warning' } }));
    const params = didChangeConfigurationParams(options);
    assert.equal(
      JSON.stringify(params),
      '{"settings":{"nianbao":{"rules":{"table-sum":"warning"},"formatVersion":"auto","inlayHints":{"columnNames":true,"computedTotals":true},"lintGlobs":[],"lang":"zh"}}}',
    );
  });
});

describe('package.json settings', () => {
  it('declares every setting of the brief', () => {
    assert.deepEqual(Object.keys(props).sort(), [
      'nianbao.enable',
      'nianbao.formatVersion',
      'nianbao.inlayHints.columnNames',
      'nianbao.inlayHints.computedTotals',
      'nianbao.lang',
      'nianbao.lintGlobs',
      'nianbao.path',
      'nianbao.rules',
      'nianbao.trace.server',
    ]);
    assert.equal(props['nianbao.enable'].default, true);
    assert.equal(props['nianbao.path'].default, '');
    assert.deepEqual(props['nianbao.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('has defaults that convert to the documented default options', () => {
    const defaults: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(props)) {
      defaults[key.slice('nianbao.'.length)] = p.default;
    }
    const { options, warnings } = settingsToOptions({ get: (k) => defaults[k] });
    assert.deepEqual(warnings, []);
    assert.equal(JSON.stringify(options), DEFAULT_JSON);
  });

  it('lists as server settings exactly those that become server options', () => {
    const serverSettings = Object.keys(props).filter(
      (k) => !['nianbao.enable', 'nianbao.path', 'nianbao.trace.server'].includes(k),
    );
    for (const k of serverSettings) {
      assert.ok(
        SERVER_SETTING_KEYS.some((s) => k === s || k.startsWith(`${s}.`)),
        `${k} is not covered by SERVER_SETTING_KEYS`,
      );
    }
    const optionKeys = Object.keys(settingsToOptions(objectConfig({})).options);
    assert.deepEqual(
      SERVER_SETTING_KEYS.map((k) => k.slice('nianbao.'.length)),
      optionKeys,
    );
  });

  it('offers the same enum values the converter accepts', () => {
    assert.deepEqual(props['nianbao.rules'].additionalProperties?.enum, [...SEVERITIES]);
    assert.deepEqual(props['nianbao.formatVersion'].enum, [...FORMAT_VERSIONS]);
    assert.deepEqual(props['nianbao.lang'].enum, [...LANGS]);
  });
});
