import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTickJob } from '../../jobs/demo-tick';
import { advanceDemoMinute } from '../../src/lib/server/demo/demo-tick';
import { generateDemoSource } from '../../src/lib/server/demo/generate-demo';
import { contractViolations, noViolations } from '../helpers/source-contract-checks';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

const NOW = new Date('2026-03-18T06:30:00Z'); // Wednesday 14:30 in Beijing: office hours
const minutesAfter = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function snapshot(t: TestDatabases) {
  const { rows } = await sql<{
    cases: string;
    events: string;
    open: string;
    concluded: string;
    updated: string;
  }>`
    SELECT (SELECT count(*) FROM approval.cases) AS cases,
           (SELECT count(*) FROM approval.case_events) AS events,
           (SELECT count(*) FROM approval.cases WHERE status IN ('received', 'accepted', 'suspended')) AS open,
           (SELECT count(*) FROM approval.cases WHERE status = 'concluded') AS concluded,
           (SELECT count(*) FROM approval.cases WHERE updated_at > ${NOW}) AS updated`.execute(
    t.sourceWriter
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

describe('the demo tick', () => {
  let t: TestDatabases;
  let before: Record<string, number>;
  let touched = 0;

  beforeAll(async () => {
    t = await createTestDatabases();
    await generateDemoSource(t.urls.sourceWriter, { seed: 5, scale: 0.05, months: 1, now: NOW });
    before = await snapshot(t);
    for (let minute = 1; minute <= 30; minute++) {
      touched += (await advanceDemoMinute(t.sourceWriter, { now: minutesAfter(minute) })).rowsTouched;
    }
  });
  afterAll(() => t?.destroy());

  it('moves the demo on: new cases arrive, others change, and the rows touched are counted', async () => {
    const after = await snapshot(t);
    expect(after.cases).toBeGreaterThan(before.cases);
    expect(after.events).toBeGreaterThan(before.events);
    expect(after.concluded).toBeGreaterThan(before.concluded);
    expect(after.updated).toBeGreaterThan(after.cases - before.cases);
    expect(touched).toBeGreaterThanOrEqual(after.events - before.events);
  });

  it('keeps every rule of the source contract after many ticks', async () => {
    const checks = await contractViolations(t.sourceWriter, minutesAfter(30));
    expect(checks).toEqual(noViolations(checks));
  });

  it('numbers new cases on from the day’s last case number', async () => {
    const { rows } = await sql<{ case_no: string }>`
      SELECT case_no FROM approval.cases WHERE received_at > ${NOW} ORDER BY id`.execute(t.sourceWriter);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.case_no).toMatch(/^510107-20260318-\d{6}$/);
  });

  it('can run twice for the same minute without breaking anything', async () => {
    await advanceDemoMinute(t.sourceWriter, { now: minutesAfter(31) });
    await advanceDemoMinute(t.sourceWriter, { now: minutesAfter(31) });
    const checks = await contractViolations(t.sourceWriter, minutesAfter(31));
    expect(checks).toEqual(noViolations(checks));
  });

  it('only lets online applications trickle in at night', async () => {
    const night = new Date('2026-03-18T16:00:00Z'); // 00:00 in Beijing
    for (let minute = 0; minute < 20; minute++) {
      await advanceDemoMinute(t.sourceWriter, { now: new Date(night.getTime() + minute * 60_000) });
    }
    const { rows } = await sql<{ channel: string; n: string }>`
      SELECT channel, count(*) AS n FROM approval.cases WHERE received_at >= ${night} GROUP BY channel`.execute(
      t.sourceWriter
    );
    for (const r of rows) expect(r.channel).toBe('online');
    const { rows: moved } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM approval.case_events WHERE occurred_at >= ${night} AND kind <> 'received'`.execute(
      t.sourceWriter
    );
    expect(Number(moved[0].n)).toBe(0);
  });

  it('does nothing on a source without reference data', async () => {
    const empty = await createTestDatabases();
    try {
      const result = await advanceDemoMinute(empty.sourceWriter, { now: NOW });
      expect(result.rowsTouched).toBe(0);
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM approval.cases`.execute(
        empty.sourceWriter
      );
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await empty.destroy();
    }
  });

  it('as a job, refuses to run without the demo writer, in Chinese', async () => {
    await expect(
      demoTickJob.run({ db: t.db, source: t.source, trigger: 'manual', log: () => {} })
    ).rejects.toThrow('demo-tick 只在内置演示数据源上运行');
  });

  it('as a job, advances the demo through the writer of its context', async () => {
    const result = await demoTickJob.run({
      db: t.db,
      source: t.source,
      demoSourceWriter: t.sourceWriter,
      trigger: 'manual',
      log: () => {}
    });
    expect(result.rowsTouched).toBeGreaterThanOrEqual(0);
    expect(result.message).toMatch(/新收/);
  });
});
