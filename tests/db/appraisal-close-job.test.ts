import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appraisalCloseJob } from '../../jobs/appraisal-close';
import { closeMonth } from '../../src/lib/server/appraisal/closing.service';
import { deriveMonths, previousMonth, toMonth } from '../../src/lib/server/appraisal/derive.service';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { loadAppraisalWorld, OCTOBER, SEPTEMBER } from '../helpers/appraisal-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The job appraisal-close on the appraisal world (events derived in September and October
// 2025; the month before today has none, and is closed all the same):
// every month whose closing day (the 5th working day of the next month) is over and that
// no leader closed is closed by the system, frozen and published, with its audit entry;
// a month a leader closed is left as it was; a second run closes nothing.

let t: TestDatabases;
let leaderId: number;

beforeAll(async () => {
  t = await createTestDatabases();
  ({ leaderId } = await loadAppraisalWorld(t));
  await deriveMonths(t.db, [SEPTEMBER, OCTOBER]);
});
afterAll(() => t?.destroy());

const context = () => ({ db: t.db, source: t.source, trigger: 'manual' as const, log: () => {} });
const months = () =>
  t.db
    .selectFrom('appraisal_months')
    .select(['month', 'closed_by', 'published', 'closed_at'])
    .where('closed_at', 'is not', null)
    .orderBy('month')
    .execute();

describe('closing the months whose closing day is over', () => {
  it('closes what no leader closed, as the system, and leaves a leader’s closing alone', async () => {
    await closeMonth(t.db, { userId: leaderId, login: 'boss', roles: ['leader'] }, SEPTEMBER.slice(0, 7));
    const bySeptember = (await months())[0];

    const run = await runJob(appraisalCloseJob, context());
    expect(run.status).toBe('succeeded');
    const lastMonth = previousMonth(toMonth(bureauToday())).slice(0, 7);
    const closed = await months();
    expect(closed.map((m) => m.month.slice(0, 7))).toEqual(['2025-09', '2025-10', lastMonth]);
    expect(closed[0]).toEqual(bySeptember); // the leader's closing, untouched
    expect(closed.slice(1).every((m) => m.closed_by === null && m.published)).toBe(true);

    const audits = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_login'])
      .where('action', '=', 'appraisal.month_close')
      .orderBy('seq')
      .execute();
    expect(audits).toEqual([
      { entity_id: '2025-09', actor_login: 'boss' },
      { entity_id: '2025-10', actor_login: 'system' },
      { entity_id: lastMonth, actor_login: 'system' }
    ]);
  });

  it('closes nothing on a second run', async () => {
    const before = await months();
    const run = await runJob(appraisalCloseJob, context());
    expect(run.status).toBe('succeeded');
    expect(await months()).toEqual(before);
    const row = await t.db
      .selectFrom('job_runs')
      .select(['message', 'rows_touched'])
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ message: expect.stringContaining('没有到期未结账的月份'), rows_touched: '0' });
  });
});
