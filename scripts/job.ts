import { allJobs, findJob } from '../jobs/index';
import { readConfig } from '../src/lib/server/config';
import { closeDatabases } from '../src/lib/server/db/index';
import {
  closeDemoSourceWriter,
  configureDemoSourceWriter,
  createJobContext
} from '../src/lib/server/jobs/job-context';
import { runJob } from '../src/lib/server/jobs/run-job';
import { assertReachable } from './lib/checks';
import { exitWithError, StartupError } from './lib/fail';
import { applyProductMigrations } from './lib/migrate-product';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm run job -- <name> [job arguments]` runs one job once, now; `npm run job -- --list` lists them.
// Exit codes: 0 succeeded, 1 failed, 75 skipped (another run held the lock).

async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === '--list' || args[0] === '-l') {
    console.log('可运行的任务 / jobs:');
    for (const job of allJobs) console.log(`  ${job.name.padEnd(16)} ${job.title}`);
    if (args.length === 0) console.log('\n用法 / usage: npm run job -- <name>');
    return 0;
  }
  const job = findJob(args[0]);
  if (!job) throw new StartupError(`没有名为 "${args[0]}" 的任务；npm run job -- --list 列出全部。`);

  runtime = await resolveRuntime();
  const config = readConfig();
  await assertReachable(config.databaseUrl, 'DATABASE_URL');
  await applyProductMigrations(config.databaseUrl);
  configureDemoSourceWriter(runtime.demoSourceWriterUrl);

  const started = Date.now();
  const outcome = await runJob(job, {
    ...createJobContext('manual', (m) => console.log(m)),
    args: args.slice(1)
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.status === 'succeeded') {
    console.log(
      `✔ ${job.name}: 成功，处理 ${outcome.rowsTouched} 行，用时 ${seconds} 秒（运行记录 #${outcome.runId}）`
    );
    return 0;
  }
  if (outcome.status === 'skipped') {
    console.log(`… ${job.name}: 另一实例正在运行，本次跳过（运行记录 #${outcome.runId}）`);
    return 75;
  }
  console.error(`✖ ${job.name}: 失败：${outcome.error}（运行记录 #${outcome.runId}）`);
  return 1;
}

let runtime: Runtime | undefined;

async function close(): Promise<void> {
  await closeDemoSourceWriter();
  await closeDatabases();
  await runtime?.shutdown();
}

main(process.argv.slice(2)).then(
  async (code) => {
    await close();
    process.exit(code);
  },
  async (error: unknown) => {
    await close().catch(() => {});
    exitWithError(error);
  }
);
