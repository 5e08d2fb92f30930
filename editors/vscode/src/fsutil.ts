import * as fs from 'node:fs';

/** True when `p` is a regular file that this process may execute (on Windows: just a file). */
export function isExecutableFile(p: string, platform: string = process.platform): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(p, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
