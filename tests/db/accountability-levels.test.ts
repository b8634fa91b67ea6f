import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountabilityError,
  decide,
  suggestionFor
} from '../../src/lib/server/accountability/accountability.service';
import type { LevelNameRow } from '../../src/lib/server/accountability/level-names-form';
import { renameLevels } from '../../src/lib/server/accountability/level-names.service';
import {
  findRecord,
  listLevels,
  listPersonRecords,
  listRecords
} from '../../src/lib/server/accountability/records.repository';
import type { Role } from '../../src/lib/roles';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { proposeOverdue } from '../helpers/accountability-records';
import { auditEntries } from '../helpers/audit-log';
import { loadKpiWorld } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Renaming the accountability levels (administrators) on the KPI world: names checked and
// audited in one transaction, the floor in the database, and records proposed and decided
// before a rename keep the level name they were written with (docs/rules/accountability.md).

let t: TestDatabases;
let admin: Actor;
let inspector: Actor;
let leader: Actor;

const allRecords = { state: 'all' as const, grounds: null, level: null, year: null, person: null };

/** The form as the page shows the stored levels, with some names typed over. */
async function form(names: Record<number, string>): Promise<LevelNameRow[]> {
  return (await listLevels(t.db)).map((l) => ({
    level: String(l.level),
    was: l.label,
    label: names[l.level] ?? l.label
  }));
}

const names = async () => (await listLevels(t.db)).map((l) => l.label);
const renameAudits = () => auditEntries(t.db, 'accountability.levels\\_rename');

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  const actor = async (login: string, roles: Role[]): Promise<Actor> => ({
    userId: await addUser(t.db, { login, roles }),
    login,
    roles
  });
  admin = await actor('sysadmin', ['admin']);
  inspector = await actor('insp', ['inspector']);
  leader = await actor('boss', ['leader']);
});
afterAll(() => t?.destroy());

describe('renaming the accountability levels', () => {
  it('refuses everyone but an administrator, and changes nothing', async () => {
    const rows = await form({ 2: '诫勉谈话' });
    for (const who of [inspector, leader, { ...admin, userId: null }])
      await expect(renameLevels(t.db, who, rows)).rejects.toThrow(
        new AccountabilityError('只有系统管理员可以修改追责级别的名称', 403)
      );
    expect((await names())[1]).toBe('警示谈话');
    expect(await renameAudits()).toEqual([]);
  });

  it('returns the errors by field with the typed names, and writes nothing', async () => {
    const outcome = await renameLevels(
      t.db,
      admin,
      await form({ 1: '  ', 3: '通'.repeat(21), 5: '警示谈话', 6: '辞退(开除公职)' })
    );
    expect(outcome).toEqual({
      ok: false,
      errors: {
        'label.1': '请填写第 1 级的名称',
        'label.3': '名称不超过 20 个字',
        'label.5': '与第 2 级重名，各级名称不能相同',
        'label.6': '与第 7 级重名，各级名称不能相同'
      },
      values: expect.any(Array)
    });
    expect(!outcome.ok && outcome.values.map((r) => r.label)).toEqual([
      '  ',
      '警示谈话',
      '通'.repeat(21),
      '取消评先评优资格',
      '警示谈话',
      '辞退(开除公职)',
      '辞退（开除公职）'
    ]);
    expect(await names()).toEqual([
      '警告提醒',
      '警示谈话',
      '通报批评',
      '取消评先评优资格',
      '扣减绩效',
      '调离岗位',
      '辞退（开除公职）'
    ]);
    expect(await renameAudits()).toEqual([]);
  });

  it('renames the levels typed in, trimmed, with one audit entry in the same transaction', async () => {
    expect(await renameLevels(t.db, admin, await form({ 2: ' 诫勉谈话 ' }))).toEqual({
      ok: true,
      renames: [{ level: 2, from: '警示谈话', to: '诫勉谈话' }]
    });
    expect((await names()).slice(0, 3)).toEqual(['警告提醒', '诫勉谈话', '通报批评']);
    const [entry] = await renameAudits();
    expect(entry).toMatchObject({
      action: 'accountability.levels_rename',
      entity: 'accountability_levels',
      entity_id: null,
      actor_login: 'sysadmin'
    });
    expect((entry.before as { label: string }[])[1]).toEqual({ level: 2, label: '警示谈话' });
    expect((entry.after as { label: string }[])[1]).toEqual({ level: 2, label: '诫勉谈话' });
    expect(entry.after).toHaveLength(7);
    // Saving the page unchanged writes nothing and audits nothing.
    expect(await renameLevels(t.db, admin, await form({}))).toEqual({ ok: true, renames: [] });
    expect(await renameAudits()).toHaveLength(1);
  });

  it('swaps two names in one save; the database refuses a duplicate written by SQL', async () => {
    const swapped = await renameLevels(t.db, admin, await form({ 5: '调离岗位', 6: '扣减绩效' }));
    expect(swapped.ok).toBe(true);
    expect((await names()).slice(4, 6)).toEqual(['调离岗位', '扣减绩效']);
    await renameLevels(t.db, admin, await form({ 5: '扣减绩效', 6: '调离岗位' }));
    await expect(
      sql`UPDATE accountability_levels SET label = '警告提醒' WHERE level = 3`.execute(t.db)
    ).rejects.toThrow(/accountability_levels_label_key/);
  });

  it("leaves another administrator's rename in place and refuses to overwrite it unseen", async () => {
    const page = await form({ 4: '取消评优资格' });
    const other = await renameLevels(t.db, admin, await form({ 4: '取消评先资格', 7: '辞退' }));
    expect(other.ok).toBe(true);
    const outcome = await renameLevels(t.db, admin, page);
    expect(outcome).toMatchObject({
      ok: false,
      errors: { 'label.4': '第 4 级刚被他人改名为「取消评先资格」，请确认名称后再保存' }
    });
    // Shown again on the new base: saved as typed once confirmed, level 7 left as renamed.
    expect((await renameLevels(t.db, admin, !outcome.ok ? outcome.values : [])).ok).toBe(true);
    expect((await names()).slice(3)).toEqual(['取消评优资格', '扣减绩效', '调离岗位', '辞退']);
  });

  it('keeps on earlier records the level name they were proposed and decided under', async () => {
    const before = await proposeOverdue(t.db, inspector, 3);
    await decide(t.db, leader, before, { outcome: 'decided', level: 3, reason: '同意' });
    expect((await renameLevels(t.db, admin, await form({ 3: '全局通报批评' }))).ok).toBe(true);

    expect(await findRecord(t.db, before)).toMatchObject({
      proposed_level: 3,
      proposed_level_label: '通报批评',
      decided_level: 3,
      decided_level_label: '通报批评'
    });
    const listed = (await listRecords(t.db, allRecords, { limit: 50, offset: 0 })).rows;
    expect(listed.find((r) => r.id === before)).toMatchObject({
      proposed_level_label: '通报批评',
      decided_level_label: '通报批评'
    });
    expect((await listPersonRecords(t.db, 1)).find((r) => r.id === before)?.decided_level_label).toBe(
      '通报批评'
    );
    // Records written after the rename take the current name; so does the suggestion.
    const after = await proposeOverdue(t.db, inspector, 3);
    expect((await findRecord(t.db, after))?.proposed_level_label).toBe('全局通报批评');
    const suggestion = await suggestionFor(t.db, 1, 'overdue', '2099-01-01');
    expect(suggestion.label).toBe('警告提醒');
  });
});
