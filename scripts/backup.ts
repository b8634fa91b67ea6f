import { backupDatabase } from '../src/lib/server/backup/backup';
import { readConfig } from '../src/lib/server/config';
import { describeUrl } from '../src/lib/server/db/connect';
import { exitWithError, StartupError } from './lib/fail';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm run backup -- <file>`: a consistent logical backup of the product database
// (DATABASE_URL, else the embedded one) while the product runs. docs/operations.md.

let runtime: Runtime | undefined;

async function main(args: string[]): Promise<void> {
  const file = args[0];
  if (!file || file.startsWith('-')) throw new StartupError('用法 / usage: npm run backup -- <备份文件.gz>');
  // The product database alone is needed: DATABASE_URL as given, else the embedded one.
  if (!process.env.DATABASE_URL) runtime = await resolveRuntime();
  const url = process.env.DATABASE_URL ?? readConfig().databaseUrl;
  const started = Date.now();
  const result = await backupDatabase(url, file);
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(
    `✔ 已备份 ${describeUrl(url)}：${result.tables} 张表，${rows} 行，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒 → ${file}`
  );
}

main(process.argv.slice(2)).then(
  async () => {
    await runtime?.shutdown();
    process.exit(0);
  },
  async (error: unknown) => {
    await runtime?.shutdown().catch(() => {});
    exitWithError(error);
  }
);
