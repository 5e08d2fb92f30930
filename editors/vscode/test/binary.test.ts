import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  NOT_FOUND_MESSAGE,
  type BinaryLookupInput,
  bundledBinaryPath,
  findBinary,
  pathExtensions,
  searchPath,
} from '../src/binary';

/** A fake file system: exactly the listed paths exist. */
function fsWith(...files: string[]): (p: string) => boolean {
  const set = new Set(files);
  return (p) => set.has(p);
}

function linux(over: Partial<BinaryLookupInput>): BinaryLookupInput {
  return {
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    settingPath: '',
    env: { PATH: '/usr/local/bin:/usr/bin', HOME: '/home/u' },
    fileExists: fsWith(),
    ...over,
  };
}

function windows(over: Partial<BinaryLookupInput>): BinaryLookupInput {
  return {
    extensionPath: 'C:\\ext',
    platform: 'win32',
    arch: 'x64',
    settingPath: '',
    env: { Path: 'C:\\Windows;C:\\Users\\u\\.cargo\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD', USERPROFILE: 'C:\\Users\\u' },
    fileExists: fsWith(),
    ...over,
  };
}

describe('bundled binary', () => {
  it('uses server/<platform>-<arch>/nianbao', () => {
    assert.equal(bundledBinaryPath('/ext', 'linux', 'x64'), '/ext/server/linux-x64/nianbao');
    assert.equal(bundledBinaryPath('/ext', 'darwin', 'arm64'), '/ext/server/darwin-arm64/nianbao');
    assert.equal(bundledBinaryPath('C:\\ext', 'win32', 'x64'), 'C:\\ext\\server\\win32-x64\\nianbao.exe');
  });

  it('wins over PATH when present and nothing is set', () => {
    const r = findBinary(
      linux({ fileExists: fsWith('/ext/server/linux-x64/nianbao', '/usr/local/bin/nianbao', '/usr/bin/nianbao') }),
    );
    assert.equal(r.path, '/ext/server/linux-x64/nianbao');
    assert.equal(r.source, 'bundled');
  });

  it('gives way to the nianbao.path setting', () => {
    const r = findBinary(
      linux({
        settingPath: '/opt/nianbao',
        fileExists: fsWith('/ext/server/linux-x64/nianbao', '/opt/nianbao', '/usr/bin/nianbao'),
      }),
    );
    assert.equal(r.path, '/opt/nianbao');
    assert.equal(r.source, 'setting');
  });

  it('is used, with a warning, when the setting names no file', () => {
    const r = findBinary(
      linux({ settingPath: '/nope/nianbao', fileExists: fsWith('/ext/server/linux-x64/nianbao', '/usr/bin/nianbao') }),
    );
    assert.equal(r.path, '/ext/server/linux-x64/nianbao');
    assert.equal(r.source, 'bundled');
    assert.equal(r.warnings.length, 1);
    assert.deepEqual(r.tried, ['/nope/nianbao', '/ext/server/linux-x64/nianbao']);
  });

  it('is not taken for another architecture', () => {
    const r = findBinary(
      linux({ arch: 'arm64', fileExists: fsWith('/ext/server/linux-x64/nianbao', '/usr/bin/nianbao') }),
    );
    assert.equal(r.path, '/usr/bin/nianbao');
    assert.equal(r.source, 'path');
  });

  it('is found on Windows with .exe', () => {
    const r = findBinary(windows({ fileExists: fsWith('C:\\ext\\server\\win32-x64\\nianbao.exe') }));
    assert.equal(r.path, 'C:\\ext\\server\\win32-x64\\nianbao.exe');
    assert.equal(r.source, 'bundled');
  });
});

describe('nianbao.path setting', () => {
  it('is used when it exists and nothing is bundled', () => {
    const r = findBinary(linux({ settingPath: '/opt/nb/nianbao', fileExists: fsWith('/opt/nb/nianbao', '/usr/bin/nianbao') }));
    assert.equal(r.path, '/opt/nb/nianbao');
    assert.equal(r.source, 'setting');
    assert.deepEqual(r.warnings, []);
  });

  it('is trimmed, and blank means unset', () => {
    const r1 = findBinary(linux({ settingPath: '  /opt/nianbao  ', fileExists: fsWith('/opt/nianbao') }));
    assert.equal(r1.path, '/opt/nianbao');
    const r2 = findBinary(linux({ settingPath: '   ', fileExists: fsWith('/usr/bin/nianbao') }));
    assert.equal(r2.source, 'path');
    assert.deepEqual(r2.warnings, []);
  });

  it('falls back to PATH with a warning when the file is missing', () => {
    const r = findBinary(linux({ settingPath: '/nope/nianbao', fileExists: fsWith('/usr/bin/nianbao') }));
    assert.equal(r.path, '/usr/bin/nianbao');
    assert.equal(r.source, 'path');
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /\/nope\/nianbao/);
  });

  it('expands ~ to HOME', () => {
    const r = findBinary(linux({ settingPath: '~/.cargo/bin/nianbao', fileExists: fsWith('/home/u/.cargo/bin/nianbao') }));
    assert.equal(r.path, '/home/u/.cargo/bin/nianbao');
    assert.equal(r.source, 'setting');
  });

  it('searches PATH for a bare command name', () => {
    const r = findBinary(linux({ settingPath: 'nianbao-dev', fileExists: fsWith('/usr/bin/nianbao-dev', '/usr/bin/nianbao') }));
    assert.equal(r.path, '/usr/bin/nianbao-dev');
    assert.equal(r.source, 'setting');
  });

  it('adds PATHEXT extensions on Windows', () => {
    const r = findBinary(windows({ settingPath: 'D:\\tools\\nianbao', fileExists: fsWith('D:\\tools\\nianbao.exe') }));
    assert.equal(r.path, 'D:\\tools\\nianbao.exe');
    assert.equal(r.source, 'setting');
  });
});

describe('PATH search', () => {
  it('takes the first directory that has it', () => {
    const r = findBinary(linux({ fileExists: fsWith('/usr/local/bin/nianbao', '/usr/bin/nianbao') }));
    assert.equal(r.path, '/usr/local/bin/nianbao');
    const r2 = findBinary(linux({ fileExists: fsWith('/usr/bin/nianbao') }));
    assert.equal(r2.path, '/usr/bin/nianbao');
  });

  it('skips empty entries (never the current directory)', () => {
    const tried: string[] = [];
    const hit = searchPath('nianbao', { PATH: ':/a::/b:' }, 'linux', fsWith('nianbao', '/b/nianbao'), tried);
    assert.equal(hit, '/b/nianbao');
    assert.deepEqual(tried, ['/a/nianbao', '/b/nianbao']);
  });

  it('on Windows reads Path case-insensitively and honours PATHEXT order', () => {
    const r = findBinary(
      windows({
        fileExists: fsWith('C:\\Users\\u\\.cargo\\bin\\nianbao.exe', 'C:\\Users\\u\\.cargo\\bin\\nianbao.cmd'),
      }),
    );
    assert.equal(r.path, 'C:\\Users\\u\\.cargo\\bin\\nianbao.exe');
    const r2 = findBinary(
      windows({
        env: { PATH: 'C:\\bin', PATHEXT: '.CMD;.EXE' },
        fileExists: fsWith('C:\\bin\\nianbao.exe', 'C:\\bin\\nianbao.cmd'),
      }),
    );
    assert.equal(r2.path, 'C:\\bin\\nianbao.cmd');
  });

  it('on Windows uses a default PATHEXT and strips quotes', () => {
    assert.deepEqual(pathExtensions({}, 'win32'), ['.com', '.exe', '.bat', '.cmd']);
    assert.deepEqual(pathExtensions({ PATHEXT: 'EXE; .Cmd ;' }, 'win32'), ['.exe', '.cmd']);
    assert.deepEqual(pathExtensions({ PATHEXT: '.EXE' }, 'linux'), ['']);
    const r = findBinary(windows({ env: { Path: '"C:\\Program Files\\nb"' }, fileExists: fsWith('C:\\Program Files\\nb\\nianbao.exe') }));
    assert.equal(r.path, 'C:\\Program Files\\nb\\nianbao.exe');
  });

  it('does not use PATHEXT on Linux', () => {
    const r = findBinary(linux({ env: { PATH: '/bin', PATHEXT: '.EXE' }, fileExists: fsWith('/bin/nianbao.exe') }));
    assert.equal(r.path, undefined);
  });
});

describe('not found', () => {
  it('reports every path tried, in order', () => {
    const r = findBinary(linux({ settingPath: '/opt/nianbao' }));
    assert.equal(r.path, undefined);
    assert.equal(r.source, undefined);
    assert.deepEqual(r.tried, [
      '/opt/nianbao',
      '/ext/server/linux-x64/nianbao',
      '/usr/local/bin/nianbao',
      '/usr/bin/nianbao',
    ]);
  });

  it('has a Chinese message with the install command and the setting', () => {
    assert.match(NOT_FOUND_MESSAGE, /未找到 nianbao 可执行文件/);
    assert.ok(NOT_FOUND_MESSAGE.includes('cargo install --path .'));
    assert.ok(NOT_FOUND_MESSAGE.includes('nianbao.path'));
  });
});
