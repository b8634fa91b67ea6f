import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSource, sourceHasRows, type DemoCounts } from '../../src/lib/server/demo/generate-demo';
import { SOURCE_RELATIONS } from '../../src/lib/server/source/source-tables';
import { contractViolations, noViolations, tableDigest } from '../helpers/source-contract-checks';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

const NOW = new Date('2026-03-18T06:30:00Z'); // 14:30 in Beijing
const SMALL = { scale: 0.02, months: 2, now: NOW };

async function schemaShape(t: TestDatabases): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'approval' ORDER BY indexname`.execute(
    t.sourceWriter
  );
  return rows.map((r) => r.def);
}

describe('the demo generator writing into a source database', () => {
  let a: TestDatabases;
  let b: TestDatabases;
  let c: TestDatabases;
  let counts: DemoCounts;
  let migratedShape: string[];

  beforeAll(async () => {
    [a, b, c] = await Promise.all([createTestDatabases(), createTestDatabases(), createTestDatabases()]);
    migratedShape = await schemaShape(a);
    counts = await generateDemoSource(a.urls.sourceWriter, { seed: 42, ...SMALL });
    await generateDemoSource(b.urls.sourceWriter, { seed: 42, ...SMALL });
    await generateDemoSource(c.urls.sourceWriter, { seed: 43, ...SMALL });
  });
  afterAll(() => Promise.all([a, b, c].map((t) => t?.destroy())));

  it('writes the same rows, table by table, for the same seed and now', async () => {
    for (const table of SOURCE_RELATIONS) {
      expect(await tableDigest(a.sourceWriter, table), table).toBe(await tableDigest(b.sourceWriter, table));
    }
  });

  it('writes different cases for a different seed', async () => {
    expect(await tableDigest(a.sourceWriter, 'cases')).not.toBe(await tableDigest(c.sourceWriter, 'cases'));
    expect(await tableDigest(a.sourceWriter, 'staff')).not.toBe(await tableDigest(c.sourceWriter, 'staff'));
  });

  it('reports the counts that are in the tables', async () => {
    const count = async (table: string) =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(`approval.${table}`)}`.execute(
            a.sourceWriter
          )
        ).rows[0].n
      );
    expect(await count('cases')).toBe(counts.cases);
    expect(await count('case_events')).toBe(counts.events);
    expect(await count('ratings')).toBe(counts.ratings);
    expect(await count('complaints')).toBe(counts.complaints);
    expect(await count('matters')).toBe(127);
    expect(await count('departments')).toBe(22);
    expect(await count('sections')).toBe(6);
    expect(await count('windows')).toBe(108);
    expect(counts.cases).toBeGreaterThan(500);
    expect(counts.events).toBeGreaterThan(counts.cases * 3);
  });

  it('keeps every rule of the source contract', async () => {
    const checks = await contractViolations(a.sourceWriter, NOW);
    expect(checks).toEqual(noViolations(checks));
  });

  it('takes window cases only during office hours 08:30–17:30 Beijing time', async () => {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM approval.cases
       WHERE window_id IS NOT NULL
         AND ((received_at AT TIME ZONE 'Asia/Shanghai')::time < '08:30' OR (received_at AT TIME ZONE 'Asia/Shanghai')::time >= '17:30')`.execute(
      a.sourceWriter
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('leaves indexes, keys and NOT NULL columns exactly as the migration made them', async () => {
    expect(await schemaShape(a)).toEqual(migratedShape);
    await expect(
      sql`INSERT INTO approval.cases SELECT * FROM approval.cases WHERE id = 1`.execute(a.sourceWriter)
    ).rejects.toThrow(/duplicate key/);
  });

  it('is readable by the SELECT-only reader role afterwards', async () => {
    const rows = await a.source
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .execute();
    expect(Number(rows[0].n)).toBe(counts.cases);
  });

  it('tells whether a source already holds cases', async () => {
    expect(await sourceHasRows(a.urls.sourceWriter)).toBe(true);
    const empty = await createTestDatabases();
    try {
      expect(await sourceHasRows(empty.urls.sourceWriter)).toBe(false);
      expect(await sourceHasRows(empty.urls.sourceWriter, 'no_such_schema')).toBe(false);
    } finally {
      await empty.destroy();
    }
  });

  it('replaces the previous content when run again', async () => {
    const again = await generateDemoSource(c.urls.sourceWriter, { seed: 42, ...SMALL });
    expect(again.cases).toBe(counts.cases);
    expect(await tableDigest(c.sourceWriter, 'cases')).toBe(await tableDigest(a.sourceWriter, 'cases'));
    expect(await tableDigest(c.sourceWriter, 'case_events')).toBe(
      await tableDigest(a.sourceWriter, 'case_events')
    );
  });

  it('leaves the previous content untouched when a run fails half-way', async () => {
    const before = await tableDigest(b.sourceWriter, 'cases');
    let days = 0;
    await expect(
      generateDemoSource(b.urls.sourceWriter, {
        seed: 99,
        ...SMALL,
        onProgress: () => {
          if (++days === 20) throw new Error('interrupted');
        }
      })
    ).rejects.toThrow('interrupted');
    expect(await tableDigest(b.sourceWriter, 'cases')).toBe(before);
    expect(await schemaShape(b)).toEqual(migratedShape);
  });

  it('has contract checks that do catch broken rows', async () => {
    await sql`UPDATE approval.cases SET status = 'accepted' WHERE id = (SELECT min(id) FROM approval.cases WHERE status = 'concluded')`.execute(
      c.sourceWriter
    );
    await sql`UPDATE approval.case_events SET occurred_at = now() + interval '1 day' WHERE id = 1`.execute(
      c.sourceWriter
    );
    await sql`UPDATE approval.matters SET promised_days = statutory_days + 1 WHERE id = 1`.execute(
      c.sourceWriter
    );
    const checks = await contractViolations(c.sourceWriter, NOW);
    expect(checks['concluded ⇎ concluded event, decision and concluded_at']).toBeGreaterThan(0);
    expect(checks['times after now']).toBeGreaterThan(0);
    expect(checks['promised_days > statutory_days']).toBe(1);
  });
});
