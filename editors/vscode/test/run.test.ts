// Runs a fake `nianbao` script to check the real process plumbing (POSIX only).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { findBinary } from '../src/binary';
import { isExecutableFile } from '../src/fsutil';
import { newReportArgs } from '../src/newReport';
import { RunError, runBinary } from '../src/run';

const posix = process.platform !== 'win32';

describe('running the binary', { skip: !posix && 'needs a POSIX shell' }, () => {
  let dir = '';
  let fake = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-test-'));
    const bin = join(dir, 'bin');
    const other = join(dir, 'other');
    for (const d of [bin, other]) {
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d);
    }
    fake = join(bin, 'nianbao');
    writeFileSync(
      fake,
      '#!/bin/sh\n' +
        'if [ "$1" = fail ]; then echo "错误：坏参数" >&2; exit 3; fi\n' +
        'for a in "$@"; do printf "[%s]\\n" "$a"; done\n',
    );
    chmodSync(fake, 0o755);
    // Not executable: must be skipped by the PATH search.
    writeFileSync(join(other, 'nianbao'), '#!/bin/sh\necho wrong\n');
    chmodSync(join(other, 'nianbao'), 0o644);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the executable on PATH, skipping a non-executable one', () => {
    assert.equal(isExecutableFile(join(dir, 'other', 'nianbao')), false);
    assert.equal(isExecutableFile(fake), true);
    assert.equal(isExecutableFile(dir), false);
    const r = findBinary({
      extensionPath: join(dir, 'ext'),
      platform: process.platform,
      arch: process.arch,
      settingPath: '',
      env: { PATH: `${join(dir, 'other')}:${join(dir, 'bin')}` },
      fileExists: (p) => isExecutableFile(p),
    });
    assert.equal(r.path, fake);
    assert.equal(r.source, 'path');
  });

  it('prefers a bundled server/<platform>-<arch>/nianbao to PATH, the setting to both', () => {
    const bundledDir = join(dir, 'ext', 'server', `${process.platform}-${process.arch}`);
    mkdirSync(bundledDir, { recursive: true });
    const bundled = join(bundledDir, 'nianbao');
    writeFileSync(bundled, '#!/bin/sh\necho bundled\n');
    chmodSync(bundled, 0o755);
    const r = findBinary({
      extensionPath: join(dir, 'ext'),
      platform: process.platform,
      arch: process.arch,
      settingPath: '',
      env: { PATH: join(dir, 'bin') },
      fileExists: (p) => isExecutableFile(p),
    });
    assert.equal(r.path, bundled);
    assert.equal(r.source, 'bundled');
    const s = findBinary({
      extensionPath: join(dir, 'ext'),
      platform: process.platform,
      arch: process.arch,
      settingPath: fake,
      env: { PATH: join(dir, 'bin') },
      fileExists: (p) => isExecutableFile(p),
    });
    assert.equal(s.path, fake);
    assert.equal(s.source, 'setting');
  });

  it('passes the new-report arguments without a shell, UTF-8 intact', async () => {
    const args = newReportArgs({ year: 2024, unit: '某某市 "财政局" $HOME', kind: '部门', style: 'pipe' });
    const { stdout } = await runBinary(fake, args);
    assert.equal(
      stdout,
      '[new]\n[--year]\n[2024]\n[--unit]\n[某某市 "财政局" $HOME]\n[--kind]\n[部门]\n[--style]\n[pipe]\n',
    );
  });

  it('rejects with stderr and the exit code on failure', async () => {
    await assert.rejects(runBinary(fake, ['fail']), (err: unknown) => {
      assert.ok(err instanceof RunError);
      assert.equal(err.message, '错误：坏参数');
      assert.equal(err.exitCode, 3);
      return true;
    });
  });

  it('rejects when the binary does not exist', async () => {
    await assert.rejects(runBinary(join(dir, 'missing'), []), RunError);
  });
});
