import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleMonthResults, type ScoredPerson } from '../../src/lib/server/appraisal/month-results';
import { defaultRuleSet } from '../../src/lib/server/appraisal/score-types';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { findBulletin } from '../../src/lib/server/bulletins/bulletins.repository';
import { draftBulletin } from '../../src/lib/server/bulletins/bulletins.service';
import type { FormValues } from '../../src/lib/server/evaluation/form-fields';
import { addRecord } from '../../src/lib/server/evaluation/records.service';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';
import { createRound, submitRound } from '../../src/lib/server/evaluation/rounds.service';
import type { EvaluationActor } from '../../src/lib/server/evaluation/scope';
import { insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// The bulletin's sections fed by the other features: the third-party evaluation (composite
// index, covert-visit problems, 约谈) from the month's round once submitted, and the staff
// awards from the closed appraisal month's frozen snapshot.

let t: TestDatabases;
let leader: Actor;
let firm: EvaluationActor;
let roundId: number;
const MONTH = '2026-10';

const visit: FormValues = {
  recordNo: 'V-1',
  window: 'W01',
  visitedOn: '2026-10-09',
  visitedTime: '10:15',
  matter: '食品经营许可',
  item_greeting: '15',
  item_attire: '10',
  item_one_time_notice: '20',
  item_accuracy: '30',
  waitingMinutes: '15',
  problems: '未主动告知办理时限'
};

const sections = async (id: number) =>
  Object.fromEntries((await findBulletin(t.db, id))!.content.sections.map((s) => [s.key, s]));

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  const l = await addUser(t.db, { login: 'boss', roles: ['leader'] });
  const e = await addUser(t.db, { login: 'eva', roles: ['evaluator'], firmCode: 'FA' });
  leader = { userId: l, login: 'boss', roles: ['leader'] };
  firm = { userId: e, login: 'eva', roles: ['evaluator'], firmCode: 'FA' };
  const checked = checkRoundForm({ month: MONTH, firmCode: 'FA', firmName: '甲测评公司' });
  if (!('input' in checked)) throw new Error(JSON.stringify(checked.errors));
  const created = await createRound(t.db, leader, checked.input);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  roundId = created.id;
  const added = await addRecord(t.db, firm, roundId, 'visit', visit, { today: '2026-11-02' });
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
});
afterAll(() => t?.destroy());

describe('the bulletin sections fed by evaluation and appraisal', () => {
  it('leaves out a round still being entered, and a month not yet closed', async () => {
    const { id } = await draftBulletin(t.db, leader, MONTH, '2026-11-02');
    const s = await sections(id);
    for (const key of ['evaluation', 'covert_visits', 'interviews']) {
      expect(s[key]).toMatchObject({ status: 'unavailable' });
      expect(s[key].status === 'unavailable' && s[key].reason).toContain('尚未提交');
    }
    expect(s.awards.status === 'unavailable' && s.awards.reason).toContain('尚未结账');
  });

  it('publishes the submitted round: the index by unit and the covert-visit problems', async () => {
    await submitRound(t.db, firm, roundId, new Date('2026-11-03T09:00:00+08:00'));
    const { id } = await draftBulletin(t.db, leader, MONTH, '2026-11-03');
    const s = await sections(id);
    if (s.evaluation.status !== 'ok' || s.covert_visits.status !== 'ok' || s.interviews.status !== 'ok')
      throw new Error('sections missing');
    const windows = s.evaluation.tables.find((table) => table.title.startsWith('窗口'));
    // 15 + 10 + 20 + 30 + 15 (waited 15 minutes) = 90, the window's only instrument.
    expect(windows?.rows).toEqual([
      expect.objectContaining({ rank: 1, visit: 90, index: 90, band: '很满意' })
    ]);
    expect(s.covert_visits.tables[0].rows).toEqual([
      expect.objectContaining({
        date: '2026-10-09 10:15',
        matter: '食品经营许可',
        problems: '未主动告知办理时限'
      })
    ]);
    expect(s.interviews.paragraphs[0]).toContain('没有连续两个月');
  });

  it('lists the awards of the closed month as frozen', async () => {
    const person = (id: number, windowId: number): ScoredPerson => ({
      staffId: id,
      staffNo: `E00${id}`,
      name: `员工${id}`,
      position: 'window',
      sectionCode: 'S01',
      sectionName: '市场准入科',
      windowId,
      windowCode: `W0${windowId}`,
      windowName: `${windowId} 号窗口`
    });
    const results = assembleMonthResults({
      month: MONTH,
      ruleSet: defaultRuleSet(1),
      people: [person(1, 1), person(2, 1), person(3, 2)],
      windows: [
        { windowId: 1, code: 'W01', name: '1 号窗口', sectionCode: 'S01' },
        { windowId: 2, code: 'W02', name: '2 号窗口', sectionCode: 'S01' }
      ],
      events: [
        {
          id: 1,
          staffId: 3,
          month: MONTH,
          ruleCode: 'away_from_window',
          target: 'style',
          points: -10,
          status: 'effective'
        }
      ],
      now: new Date('2026-11-07T02:00:00Z')
    });
    await t.db
      .insertInto('appraisal_months')
      .values({
        month: `${MONTH}-01`,
        closed_at: new Date('2026-11-07T02:00:00Z'),
        closed_by: leader.userId,
        rule_set_id: 1,
        results: JSON.stringify(results),
        published: true
      })
      .execute();
    const { id } = await draftBulletin(t.db, leader, MONTH, '2026-11-07');
    const awards = (await sections(id)).awards;
    if (awards.status !== 'ok') throw new Error('awards missing');
    const rows = awards.tables[0].rows;
    // Top 10 % of 3 people is rank 1: both at 1000 tie there; window 1 is the only one with 2 staff.
    expect(rows.filter((r) => r.award === '五星级服务明星').map((r) => r.name)).toEqual([
      '员工1（E001）',
      '员工2（E002）'
    ]);
    expect(rows.filter((r) => r.award === '红旗窗口')).toEqual([
      expect.objectContaining({ name: '1 号窗口', score: 1000 })
    ]);
    expect(awards.paragraphs[0]).toContain('3 人');
  });
});
