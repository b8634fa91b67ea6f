import type { Kysely } from 'kysely';
import { monthLabel } from '../../../appraisal/months';
import type { Database } from '../../db/database';
import { appraisalIsEmpty, seedAppraisal, type AppraisalSeed } from './appraisal';
import { bulletinsAreEmpty, seedBulletins, type BulletinSeed } from './bulletins';
import { createSeedContext, type SeedOptions } from './context';
import { evaluationIsEmpty, seedEvaluation, type EvaluationSeed } from './evaluation';

export type { SeedOptions } from './context';

// The product-side demo data: what the bureau's people would have entered in the last
// months, so that a fresh demo shows the appraisal, the third-party evaluation and the
// bulletins at work rather than empty pages. The approval data comes from the demo source
// (generate-demo.ts) through the sync; this reads what was synced and writes only through
// the product's services, as the demo accounts (or the system where a job would act), so
// every row is one a user could have made, with its audit entry.
//
// Each area is filled only while it is empty, and in the order the bulletins need: they
// report the closed appraisal months and the submitted evaluation rounds. Callers decide
// whether this is a demo at all (jobs/demo-seed.ts runs it on the embedded demo only).

export interface ProductDemoReport {
  /** null: the area had data already and was left alone. */
  appraisal: AppraisalSeed | null;
  evaluation: EvaluationSeed | null;
  bulletins: BulletinSeed | null;
  /** Nothing synced yet: nothing to build on, nothing written. */
  notSynced: boolean;
  seconds: number;
}

export async function seedProductDemo(
  db: Kysely<Database>,
  options: SeedOptions = {}
): Promise<ProductDemoReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const report: ProductDemoReport = {
    appraisal: null,
    evaluation: null,
    bulletins: null,
    notSynced: false,
    seconds: 0
  };
  if (!(await db.selectFrom('cases').select('id').limit(1).executeTakeFirst())) {
    log('演示业务数据：尚未同步到办件，本次不生成');
    return { ...report, notSynced: true };
  }
  const ctx = await createSeedContext(db, options);
  const empty = {
    appraisal: await appraisalIsEmpty(ctx),
    evaluation: await evaluationIsEmpty(ctx),
    bulletins: await bulletinsAreEmpty(ctx)
  };
  if (!empty.appraisal && !empty.evaluation && !empty.bulletins) return report;
  const span = `${monthLabel(ctx.months[0])}至${monthLabel(ctx.months.at(-1)!)}`;
  log(`正在生成演示业务数据（${span}：千分制、第三方测评、每月通报）…`);
  const timed = async <T>(run: () => Promise<T>, say: (result: T) => string): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    log(`${say(result)}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
    return result;
  };
  if (empty.appraisal)
    report.appraisal = await timed(
      () => seedAppraisal(ctx),
      (r) =>
        `演示千分制：人工考核事件 ${r.events} 条、申诉 ${r.appeals} 件，` +
        (r.closedMonths.length ? `已结账 ${r.closedMonths.map(monthLabel).join('、')}` : '暂无到期结账的月份')
    );
  if (empty.evaluation)
    report.evaluation = await timed(
      () => seedEvaluation(ctx),
      (r) =>
        `演示第三方测评：${r.rounds} 轮，明察 ${r.records.facility} 条、暗访 ${r.records.visit} 条、` +
        `满意度问卷 ${r.records.survey.toLocaleString('zh-CN')} 份`
    );
  if (empty.bulletins)
    report.bulletins = await timed(
      () => seedBulletins(ctx),
      (r) => `演示每月通报：已发布 ${r.published.length} 期，草稿 ${r.drafts} 期`
    );
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
