import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../src/lib/server/db/free-port';

// Starts the product as an operator would (`npm start` with both database URLs set),
// waits for its "ready" line, and stops it with SIGTERM. scripts/start.ts promises:
// migrations applied, no demo data written, build/ built if missing or stale, and a
// line containing http://127.0.0.1:<PORT> once it serves.

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
const START_SCRIPT = 'scripts/start.ts';

export interface ProductServer {
  baseUrl: string;
  /** The start script's process (the server runs in it or its child): the load benchmark samples its CPU. */
  pid: number;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ProductServerEnv {
  DATABASE_URL: string;
  SOURCE_DATABASE_URL: string;
  SOURCE_SCHEMA?: string;
  /** Unset: the scheduler stays off (the default of these tests); '' turns it on. */
  NO_SCHEDULER?: string;
  /** The load benchmark's --profile (scripts/bench/cpu-profile-preload.mjs). */
  NODE_OPTIONS?: string;
  BENCH_CPU_PROFILE_DIR?: string;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Ready within the timeout (a first start may build the app: ~30 s), or rejects with the output. */
export async function startProductServer(
  env: ProductServerEnv,
  readyTimeoutMs = 170_000
): Promise<ProductServer> {
  const port = await findFreePort(41000 + Math.floor(Math.random() * 4000));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [TSX, START_SCRIPT], {
    env: { ...process.env, DEBUG: '', NO_SCHEDULER: '1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  // A crashed test run must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${START_SCRIPT} not ready within ${readyTimeoutMs} ms:\n${output}`)),
      readyTimeoutMs
    );
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(baseUrl)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${START_SCRIPT} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, output: () => output, stop };
}
