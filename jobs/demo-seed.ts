import { ensureDemoAccounts } from '../src/lib/server/demo/demo-accounts';
import { seedProductDemo } from '../src/lib/server/demo/product-demo/index';
import type { JobDefinition } from '../src/lib/server/jobs/job';

// Fills the product's own areas of the built-in demo — the appraisal, the third-party
// evaluation, the monthly bulletins — with the last months' work, once the start sync has
// brought the demo cases in (jobs/schedule.ts runs it at start, after the sync and the
// derivation). An area that has data is left alone, so every later start changes nothing.
// Refuses to run against anything but the embedded demo: a real deployment's appraisal,
// evaluation and bulletins are its people's, never invented.
export const demoSeedJob: JobDefinition = {
  name: 'demo-seed',
  title: '生成演示业务数据（千分制、第三方测评、每月通报）',
  async run({ db, source, demoSourceWriter, log }) {
    if (!demoSourceWriter) {
      throw new Error('demo-seed 只在内置演示数据源上运行 / demo-seed only runs on the built-in demo source');
    }
    await ensureDemoAccounts(db, source);
    const report = await seedProductDemo(db, { log });
    const filled = [
      report.appraisal && '千分制',
      report.evaluation && '第三方测评',
      report.bulletins && '每月通报'
    ].filter(Boolean);
    return {
      rowsTouched:
        (report.appraisal ? report.appraisal.events + report.appraisal.closedMonths.length : 0) +
        (report.evaluation ? Object.values(report.evaluation.records).reduce((a, b) => a + b, 0) : 0) +
        (report.bulletins ? report.bulletins.published.length + report.bulletins.drafts : 0),
      message: report.notSynced
        ? '尚未同步到办件，未生成演示业务数据'
        : filled.length
          ? `已生成演示业务数据：${filled.join('、')}（${report.seconds.toFixed(1)} 秒）`
          : '演示业务数据已存在，未改动'
    };
  }
};
