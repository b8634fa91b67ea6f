import { readConfig } from '../src/lib/server/config';
import { assertReachable } from './lib/checks';
import { exitWithError } from './lib/fail';
import { applyProductMigrations } from './lib/migrate-product';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm run migrate`: apply the product's migrations to DATABASE_URL (the embedded
// database when no URL is configured).

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  runtime = await resolveRuntime();
  const { databaseUrl } = readConfig();
  await assertReachable(databaseUrl, 'DATABASE_URL');
  const applied = await applyProductMigrations(databaseUrl);
  console.log(
    applied.length ? `已应用迁移 / applied:\n  ${applied.join('\n  ')}` : '数据库已是最新 / up to date'
  );
}

main().then(
  async () => {
    await runtime?.shutdown();
    process.exit(0);
  },
  async (error: unknown) => {
    await runtime?.shutdown().catch(() => {});
    exitWithError(error);
  }
);
