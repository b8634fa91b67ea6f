import { parseArgs } from 'node:util';
import pg from 'pg';
import { readSourceSchema } from '../src/lib/server/config';
import { createKysely, describeUrl } from '../src/lib/server/db/connect';
import { migrateDemoSource } from '../src/lib/server/db/migrate';
import { DEFAULT_DEMO_SEED, generateDemoSource, sourceHasRows } from '../src/lib/server/demo/generate-demo';
import { createProgressBar } from '../src/lib/server/demo/progress-bar';
import { exitWithError, StartupError } from './lib/fail';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm run demo -- [--seed 42] [--scale 0.1] [--months 18] [--now ISO] [--url postgres://…] [--force]`
// generates the demo approval data. Without --url it fills the embedded demo source.
// A source that already holds cases is left alone unless --force is given.

const USAGE =
  '用法 / usage: npm run demo -- [--seed N] [--scale 1] [--months 18] [--now 2026-11-25T10:00:00+08:00] ' +
  '[--url postgres://superuser@host/db] [--schema approval] [--force]';

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new StartupError(`--${name} 须为正数 / must be a positive number: "${value}"\n${USAGE}`);
  return n;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        seed: { type: 'string' },
        scale: { type: 'string' },
        months: { type: 'string' },
        now: { type: 'string' },
        url: { type: 'string' },
        schema: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    });
  } catch (error) {
    throw new StartupError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

async function main(args: string[]): Promise<void> {
  const { values } = parseOptions(args);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new StartupError(
      `--seed 须为非负整数 / must be a non-negative integer: "${values.seed}"\n${USAGE}`
    );
  }
  const scale = numberOption(values.scale, 'scale', 1);
  const months = numberOption(values.months, 'months', 18);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new StartupError(`--now 不是有效时间 / is not a valid time: "${values.now}"`);
  const schema = values.schema ?? readSourceSchema();

  let url = values.url;
  if (!url) {
    runtime = await resolveRuntime();
    url = runtime.demoSourceWriterUrl;
    if (!url) {
      throw new StartupError(
        '已配置外部数据库，请用 --url 指定要写入的演示数据源（超级用户连接）。\n' +
          'External databases are configured: pass --url with a writer connection to the demo source.'
      );
    }
  }
  await ensureTables(url, schema);
  if (!values.force && (await sourceHasRows(url, schema))) {
    throw new StartupError(
      `数据源 ${describeUrl(url)} 中已有办件数据，未做任何修改；如需覆盖请加 --force。\n` +
        `The source ${describeUrl(url)} already holds cases; nothing was changed. Add --force to replace them.`
    );
  }

  console.error(
    `生成演示数据 / generating: ${describeUrl(url)} seed ${seed}, scale ${scale}, ${months} 个月`
  );
  const bar = createProgressBar();
  const counts = await generateDemoSource(url, { seed, scale, months, now, schema, onProgress: bar.update });
  bar.done();
  const n = (value: number) => value.toLocaleString('zh-CN');
  console.log(
    `✔ 完成，用时 ${counts.seconds.toFixed(1)} 秒：办件 ${n(counts.cases)}，事件 ${n(counts.events)}，` +
      `评价 ${n(counts.ratings)}，投诉 ${n(counts.complaints)}；事项 ${counts.matters}，部门 ${counts.departments}，` +
      `审批科 ${counts.sections}，服务点 ${counts.servicePoints}，窗口 ${counts.windows}，工作人员 ${counts.staff}。`
  );
}

/** Creates the contract's tables in an empty demo database (the demo migrations). */
async function ensureTables(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT to_regclass($1) AS t', [`"${schema}".cases`]);
    if (rows[0].t) return;
  } catch (error) {
    throw new StartupError(
      `无法连接演示数据源 ${describeUrl(url)}：${error instanceof Error ? error.message : String(error)}\n` +
        `Cannot connect to the demo source ${describeUrl(url)}.`
    );
  } finally {
    await client.end().catch(() => {});
  }
  if (schema !== 'approval') {
    throw new StartupError(`模式 ${schema} 中没有 cases 表 / schema "${schema}" has no cases table`);
  }
  const db = createKysely(url, { max: 1 });
  try {
    await migrateDemoSource(db);
  } finally {
    await db.destroy();
  }
}

let runtime: Runtime | undefined;

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
