import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { listMattersWithSettings } from '../../src/lib/server/matters/matter-settings.repository';
import {
  MatterSettingsError,
  updateMatterSettings
} from '../../src/lib/server/matters/matter-settings.service';
import { insertCase, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

let t: TestDatabases;
beforeEach(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
});
afterEach(async () => t.destroy());

const ADMIN: Actor = { userId: null, login: 'admin-test', roles: ['admin'] };
const options = () => ({ databaseUrl: t.urls.product, evaluationDate: '2025-03-05' });
const colourOf = async (caseId: string) =>
  (
    await t.db
      .selectFrom('case_clock')
      .select('colour')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).colour;

describe("a matter's warning settings", () => {
  it('lists the synced matters with the defaults when no row exists', async () => {
    await syncOnce(t, { evaluationDate: '2025-03-05' });
    const matters = await listMattersWithSettings(t.db);
    expect(
      matters.map((m) => [m.code, m.promised_days, m.statutory_days, m.section_code, m.settings])
    ).toEqual([
      ['M001', 5, 20, 'S01', { yellowRatio: 0.8, yellowDays: 1, custom: false }],
      ['M002', 0, 5, 'S01', { yellowRatio: 0.8, yellowDays: 1, custom: false }]
    ]);
  });

  it("recomputes the lights of the matter's open cases, audits the change, and stores the defaults as no row", async () => {
    // Accepted Mon 2025-03-03, promised 5 WD, evaluated Wed 03-05: 2 days elapsed, green.
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-03-03T10:00:00+08:00' });
    await insertCase(t.sourceWriter, { id: 2, matterId: 2, receivedAt: '2025-03-05T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-03-05' });
    expect(await colourOf('1')).toBe('green');

    const result = await updateMatterSettings(ADMIN, 1, { yellowRatio: 0.4, yellowDays: 1 }, options());
    expect(result.recompute).toMatchObject({ cases: 1, changed: 1 });
    expect(await colourOf('1')).toBe('yellow');
    expect((await listMattersWithSettings(t.db))[0].settings).toEqual({
      yellowRatio: 0.4,
      yellowDays: 1,
      custom: true
    });

    await updateMatterSettings(ADMIN, 1, { yellowRatio: 0.8, yellowDays: 1 }, options());
    expect(await colourOf('1')).toBe('green');
    expect(await t.db.selectFrom('matter_settings').selectAll().execute()).toEqual([]);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'before', 'after'])
      .where('action', '=', 'matter_settings.update')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      {
        action: 'matter_settings.update',
        entity: 'matter',
        entity_id: '1',
        before: { yellowRatio: 0.8, yellowDays: 1, custom: false },
        after: { yellowRatio: 0.4, yellowDays: 1, custom: true }
      },
      {
        action: 'matter_settings.update',
        entity: 'matter',
        entity_id: '1',
        before: { yellowRatio: 0.4, yellowDays: 1, custom: true },
        after: { yellowRatio: 0.8, yellowDays: 1, custom: false }
      }
    ]);
  });

  it('refuses a matter that was not synced', async () => {
    await expect(
      updateMatterSettings(ADMIN, 99, { yellowRatio: 0.5, yellowDays: 1 }, options())
    ).rejects.toThrow(MatterSettingsError);
  });
});
