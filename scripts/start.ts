import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { allJobs, findJob } from '../jobs/index';
import { SCHEDULE, SCHEDULE_TIMEZONE } from '../jobs/schedule';
import { readConfig, readPort } from '../src/lib/server/config';
import { ROLE_LABELS } from '../src/lib/roles';
import { markShuttingDown } from '../src/lib/server/db/connect';
import { closeDatabases, getDb, getSource } from '../src/lib/server/db/index';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../src/lib/server/demo/demo-accounts';
import { closeDemoSourceWriter, configureDemoSourceWriter } from '../src/lib/server/jobs/job-context';
import { startScheduler, type Scheduler } from '../src/lib/server/jobs/scheduler';
import { handlerPath, isBuildStale, runBuild } from './lib/build';
import { assertPortFree, assertReachable, assertSourceContract } from './lib/checks';
import { ensureDemoData } from './lib/demo-bootstrap';
import { exitWithError } from './lib/fail';
import { applyProductMigrations } from './lib/migrate-product';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm start`: everything a first-time user needs, in order, each step named on screen.

const say = (message: string) => console.log(message);
let runtime: Runtime | undefined;
let server: http.Server | undefined;
let scheduler: Scheduler | undefined;
let stopping = false;
/** `npm run scheduler`: the jobs alone, without the web server (e.g. on a second machine). */
const jobsOnly = process.argv.includes('--jobs-only');

async function main(): Promise<void> {
  const started = Date.now();
  say('审批效能监督平台 — 正在启动 / starting');
  const port = readPort();
  if (!jobsOnly) await assertPortFree(port);

  runtime = await resolveRuntime(say);
  const config = readConfig();
  await assertReachable(config.databaseUrl, 'DATABASE_URL');
  await assertReachable(config.sourceDatabaseUrl, 'SOURCE_DATABASE_URL');

  const applied = await applyProductMigrations(config.databaseUrl);
  say(applied.length ? `数据库迁移：已应用 ${applied.length} 项` : '数据库迁移：已是最新');

  if (runtime.demoSourceWriterUrl) await ensureDemoData(runtime.demoSourceWriterUrl, say);
  await assertSourceContract(config.sourceDatabaseUrl, config.sourceSchema);
  configureDemoSourceWriter(runtime.demoSourceWriterUrl);
  const accounts = runtime.demoSourceWriterUrl ? await ensureDemoAccounts(getDb(), getSource()) : [];

  if (!jobsOnly) await serveWebApp(port);

  if (!process.env.NO_SCHEDULER) {
    const entries = SCHEDULE.filter((entry) => !entry.demoOnly || runtime?.demoSourceWriterUrl).map(
      (entry) => {
        const job = findJob(entry.job);
        if (!job) throw new Error(`jobs/schedule.ts names an unknown job: ${entry.job}`);
        return { ...entry, job };
      }
    );
    scheduler = startScheduler(entries, SCHEDULE_TIMEZONE, (m) => say(`[任务] ${m}`));
    say(`定时任务：${entries.length} 项已排程（共 ${allJobs.length} 项，见 npm run job -- --list）`);
  }

  say(`\n✔ 已就绪（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  if (!jobsOnly) say(`  服务地址 / Listening: http://127.0.0.1:${port}`);
  say(
    `  数据：${runtime.embedded ? '内置 PostgreSQL + 演示审批数据（每分钟推进）' : '外部数据库（DATABASE_URL / SOURCE_DATABASE_URL）'}`
  );
  if (accounts.length) {
    say(`\n  演示账号（密码均为 ${DEMO_PASSWORD}）/ demo accounts:`);
    for (const a of accounts)
      say(`    ${a.login.padEnd(10)} ${a.roles.map((r) => ROLE_LABELS[r]).join('、')} — ${a.displayName}`);
  }
  say('  按 Ctrl-C 停止 / press Ctrl-C to stop');
}

async function serveWebApp(port: number): Promise<void> {
  if (isBuildStale()) {
    say('正在构建前端（首次启动约需半分钟）…');
    await runBuild();
  }
  // This server speaks plain HTTP. adapter-node assumes https unless told the protocol,
  // which would make SvelteKit's origin check refuse every form. Behind an HTTPS proxy,
  // set ORIGIN or PROTOCOL_HEADER=x-forwarded-proto and this default steps aside.
  const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
  if (ownProtocolHeader) process.env.PROTOCOL_HEADER = 'x-oversight-protocol';
  // Rectification evidence may be up to 5 MB (adapter-node's default body limit is 512 kB).
  process.env.BODY_SIZE_LIMIT ??= '6M';
  const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: http.RequestListener };
  server = http.createServer((req, res) => {
    if (ownProtocolHeader) req.headers['x-oversight-protocol'] = 'http'; // never the client's word
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(port, process.env.HOST ?? '0.0.0.0', resolve);
  });
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  markShuttingDown();
  say(`\n收到 ${signal}，正在停止…`);
  const serverClosed = new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await scheduler?.stop();
  await serverClosed;
  await closeDemoSourceWriter();
  await closeDatabases();
  await runtime?.shutdown();
  say('已停止 / stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (error: unknown) => {
  stopping = true;
  await closeDatabases().catch(() => {});
  await runtime?.shutdown().catch(() => {});
  exitWithError(error);
});
