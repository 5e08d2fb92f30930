#!/usr/bin/env node
// Checks the contents of a .vsix (a zip file) without any external tool:
// required files are there, sources and node_modules are not, and the
// packaged extension is self-contained (languageclient bundled in).
// Usage: node scripts/check-vsix.mjs [nianbao.vsix] [--server none|VSCODE_TARGET]
//   --server none          a universal package: no bundled server, no target platform
//   --server linux-x64 ...  a platform package: exactly server/linux-x64/nianbao[.exe], and the
//                           manifest names that platform (scripts/package-targets.sh)
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const argv = process.argv.slice(2);
const serverAt = argv.indexOf('--server');
const server = serverAt >= 0 ? argv[serverAt + 1] : undefined;
if (serverAt >= 0 && (server === undefined || server.startsWith('--'))) {
  console.error('usage: check-vsix.mjs [file.vsix] [--server none|VSCODE_TARGET]');
  process.exit(2);
}
const file = argv.filter((a, i) => serverAt < 0 || (i !== serverAt && i !== serverAt + 1))[0] ?? 'nianbao.vsix';

/** Returns a Map name → {method, compSize, offset} from the zip central directory. */
function listZip(buf) {
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(off + 10);
    const compSize = buf.readUInt32LE(off + 20);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const localOffset = buf.readUInt32LE(off + 42);
    const name = buf.subarray(off + 46, off + 46 + nameLen).toString('utf8');
    // Unix permission bits, when the archive was made on Unix (made-by host 3).
    const mode = buf.readUInt8(off + 5) === 3 ? buf.readUInt32LE(off + 38) >>> 16 : undefined;
    entries.set(name, { method, compSize, localOffset, mode });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readEntry(buf, e) {
  const lh = e.localOffset;
  if (buf.readUInt32LE(lh) !== 0x04034b50) throw new Error('bad local header');
  const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
  const data = buf.subarray(start, start + e.compSize);
  if (e.method === 0) return data;
  if (e.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported compression method ${e.method}`);
}

const buf = readFileSync(file);
const entries = listZip(buf);
const names = [...entries.keys()];
const failures = [];

for (const required of [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/LICENSE.txt',
  'extension/language-configuration.json',
  'extension/syntaxes/nianbao.tmLanguage.json',
]) {
  if (!entries.has(required)) failures.push(`missing ${required}`);
}
// vsce stores README.md as extension/readme.md; accept either case.
const readme = names.find((n) => n.toLowerCase() === 'extension/readme.md');
if (readme === undefined) {
  failures.push('missing extension/README.md');
} else if (!readEntry(buf, entries.get(readme)).toString('utf8').includes('nianbao 年报检查')) {
  failures.push(`${readme} is not this extension's README`);
}
for (const name of names) {
  if (name.includes('node_modules/')) failures.push(`must not contain node_modules: ${name}`);
  if (name.startsWith('extension/src/') || name.startsWith('extension/test/') || name.startsWith('extension/out/')) {
    failures.push(`must not contain sources or test output: ${name}`);
  }
  if (name.endsWith('.ts') || name.endsWith('.map')) failures.push(`must not contain ${name}`);
}

if (entries.has('extension/package.json')) {
  const pkg = JSON.parse(readEntry(buf, entries.get('extension/package.json')).toString('utf8'));
  if (pkg.main !== './dist/extension.js') failures.push(`package.json main is ${pkg.main}`);
  if (pkg.name !== 'nianbao' || pkg.publisher !== 'nianbao') failures.push('package.json name/publisher is not nianbao');
}
if (entries.has('extension/dist/extension.js')) {
  const js = readEntry(buf, entries.get('extension/dist/extension.js')).toString('utf8');
  // vscode-languageclient must be bundled: only `vscode` (and node built-ins) may be required at run time.
  const required = new Set([...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const allowed = (m) => m === 'vscode' || m.startsWith('node:') || !m.includes('/') && !m.startsWith('vscode-');
  for (const m of required) {
    if (!allowed(m)) failures.push(`dist/extension.js requires ${m} at run time (not bundled)`);
  }
  if (!js.includes('source.fixAll.nianbao')) failures.push('dist/extension.js looks wrong (no fixAll kind)');
}

if (server !== undefined) {
  const bundled = names.filter((n) => n.startsWith('extension/server/'));
  const manifest = entries.has('extension.vsixmanifest')
    ? readEntry(buf, entries.get('extension.vsixmanifest')).toString('utf8')
    : '';
  const platform = /TargetPlatform="([^"]*)"/.exec(manifest)?.[1];
  if (server === 'none') {
    if (bundled.length > 0) failures.push(`a universal package must not bundle a server: ${bundled.join(', ')}`);
    if (platform !== undefined) failures.push(`a universal package must not name a target platform (${platform})`);
  } else {
    const exe = `extension/server/${server}/${server.startsWith('win32-') ? 'nianbao.exe' : 'nianbao'}`;
    if (!entries.has(exe)) {
      failures.push(`missing the bundled server ${exe}`);
    } else if (entries.get(exe).compSize < 100_000) {
      failures.push(`${exe} is too small to be nianbao (${entries.get(exe).compSize} bytes)`);
    }
    const others = bundled.filter((n) => n !== exe);
    if (others.length > 0) failures.push(`other files under server/: ${others.join(', ')}`);
    if (platform !== server) failures.push(`manifest target platform is ${platform}, expected ${server}`);
    const mode = entries.get(exe)?.mode;
    if (!server.startsWith('win32-') && mode !== undefined && (mode & 0o111) === 0) {
      // The extension chmods it on start (src/extension.ts); say so, do not fail.
      console.log(`note: ${exe} is stored without its executable bit (mode ${mode.toString(8)})`);
    }
  }
}

console.log(`${file}: ${names.length} entries`);
for (const name of names) console.log(`  ${name}`);
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('vsix contents OK');
