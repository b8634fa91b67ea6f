import { verifyAuditChain } from '../src/lib/server/audit/audit.repository';
import { restoreDatabase, RestoreError } from '../src/lib/server/backup/restore';
import { createKysely, describeUrl } from '../src/lib/server/db/connect';
import type { Database } from '../src/lib/server/db/database';
import { exitWithError, StartupError } from './lib/fail';

// `npm run restore -- <file> --url <fresh database URL>`: loads a backup of `npm run
// backup` into a new, empty database as the role that is to own it, then verifies the
// audit chain. Never the configured DATABASE_URL by default. docs/operations.md.

async function main(args: string[]): Promise<void> {
  const urlAt = args.indexOf('--url');
  const url = urlAt >= 0 ? args[urlAt + 1] : undefined;
  const file = args.find((arg, i) => !arg.startsWith('--') && i !== urlAt + 1);
  if (!file || !url) {
    throw new StartupError('用法 / usage: npm run restore -- <备份文件.gz> --url <新建空数据库的连接串>');
  }
  const started = Date.now();
  const result = await restoreDatabase(file, url).catch((error: unknown) => {
    throw error instanceof RestoreError ? new StartupError(error.message) : error;
  });
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(
    `✔ 已恢复到 ${describeUrl(url)}：${Object.keys(result.rows).length} 张表，${rows} 行` +
      (result.migratedAfter.length ? `，随后应用新迁移 ${result.migratedAfter.length} 项` : '') +
      `，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`
  );
  const db = createKysely<Database>(url, { max: 1 });
  try {
    const chain = await verifyAuditChain(db);
    if (chain.firstBroken) {
      throw new StartupError(
        `审计日志链校验失败：第 ${chain.firstBroken.seq} 条（${chain.firstBroken.reason}）`
      );
    }
    console.log(`✔ 审计日志链完整：${chain.checked} 条`);
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => exitWithError(error)
);
