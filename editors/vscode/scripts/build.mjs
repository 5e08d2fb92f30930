// Bundles the extension (dist/extension.js) or, with --tests, the unit tests (out/test/*.test.js).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.85 ships Node 18.
  target: 'node18',
  logLevel: 'warning',
  absWorkingDir: root,
};

if (tests) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entryPoints = readdirSync(join(root, 'test'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('test', f));
  if (entryPoints.length === 0) {
    throw new Error('no test files in test/');
  }
  await esbuild.build({
    ...common,
    entryPoints,
    outdir: 'out/test',
    sourcemap: 'inline',
    // Tests must not need VS Code; keep the import failing loudly if one does.
    external: ['vscode'],
  });
  console.log(`built ${entryPoints.length} test files into out/test`);
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: true,
    sourcemap: false,
  });
  console.log('built dist/extension.js');
}
