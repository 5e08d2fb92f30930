/** Running the nianbao binary for one-shot commands (no VS Code import). */
import { execFile } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
}

export class RunError extends Error {
  constructor(
    message: string,
    readonly stdout: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/**
 * Run `binary args...` without a shell and collect UTF-8 output.
 * Rejects with a RunError (carrying stderr) on a non-zero exit, spawn failure or timeout.
 */
export function runBinary(
  binary: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        cwd: options.cwd,
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 32 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof (error as NodeJS.ErrnoException).code === 'number'
            ? ((error as unknown as { code: number }).code)
            : null;
          const detail = stderr.trim() !== '' ? stderr.trim() : error.message;
          reject(new RunError(detail, stdout, stderr, code));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
