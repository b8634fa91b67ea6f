import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { formTemplate, saveDraft, submitReview } from '../../src/lib/server/case-audits/review.service';
import { checkTemplateForm } from '../../src/lib/server/case-audits/template-form';
import {
  createTemplateVersion,
  listTemplateVersions
} from '../../src/lib/server/case-audits/templates.service';
import { DEFAULT_SCORESHEET } from '../../src/lib/scoresheet';
import { insertConcludedCases, planAndDraw } from '../helpers/audit-plan';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Template versions: a new version is a new row; new reviews take the newest active
// version, a review (submitted or draft) keeps the version it started on.

let t: TestDatabases;
let drawId: number;
let inspector: Actor;
const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;

beforeAll(async () => {
  t = await createTestDatabases();
  await insertConcludedCases(t, 3);
  // One inspector: drawn for every case.
  const id = await addUser(t.db, { login: 'insp', roles: ['inspector'] });
  inspector = { userId: id, login: 'insp', roles: ['inspector'] };
  ({ drawId } = await planAndDraw(t.db, inspector, {
    title: '模板测试',
    seed: 'template-test',
    minimum: '3'
  }));
});
afterAll(() => t?.destroy());

describe('scoresheet template versions', () => {
  it('makes a new version as a new row; new reviews use it, old ones keep theirs', async () => {
    const first = await t.db.selectFrom('audit_scoresheet_templates').select('id').executeTakeFirstOrThrow();
    const submitted = await submitReview(t.db, inspector, { drawId, caseNo: caseNo(1) }, []);
    const draft = await saveDraft(t.db, inspector, { drawId, caseNo: caseNo(2) }, []);
    expect(submitted.ok && draft.ok).toBe(true);

    const checked = checkTemplateForm(
      {
        name: '案卷评查表（2026 版）',
        rows: [
          ...DEFAULT_SCORESHEET.slice(0, 8).map((i) => ({ ...i, points: String(i.points) })),
          { code: 'archiving', label: '归档', points: '5' },
          { code: 'disclosure', label: '公开', points: '5' }
        ]
      },
      DEFAULT_SCORESHEET
    );
    if (!('items' in checked)) throw new Error(JSON.stringify(checked.errors));
    const second = await createTemplateVersion(t.db, inspector, checked);
    expect(second).toBeGreaterThan(first.id);

    const versions = await listTemplateVersions(t.db);
    expect(versions.map((v) => [v.id, v.review_count])).toEqual([
      [second, '0'],
      [first.id, '2']
    ]);
    // The first version is unchanged and still there.
    expect(versions[1].items).toEqual([...DEFAULT_SCORESHEET]);

    // A new review takes the new version; the draft keeps the first one.
    expect((await formTemplate(t.db, { drawId, caseNo: caseNo(3) }, inspector.userId)).id).toBe(second);
    expect((await formTemplate(t.db, { drawId, caseNo: caseNo(2) }, inspector.userId)).id).toBe(first.id);
    const third = await saveDraft(t.db, inspector, { drawId, caseNo: caseNo(3) }, [
      { item: 'disclosure', deducted: 1, defect: '未公开' }
    ]);
    expect(third.ok).toBe(true);
    const reviews = await t.db
      .selectFrom('audit_reviews')
      .select(['case_no', 'template_id', 'score'])
      .orderBy('id')
      .execute();
    expect(reviews).toEqual([
      { case_no: caseNo(1), template_id: first.id, score: '100.0' },
      { case_no: caseNo(2), template_id: first.id, score: '100.0' },
      { case_no: caseNo(3), template_id: second, score: '99.0' }
    ]);

    const [entry] = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'audit_template.create')
      .execute();
    expect(entry).toMatchObject({ entity_id: String(second), after: { replaces: first.id } });
  });

  it('never changes a version in place', async () => {
    await expect(sql`UPDATE audit_scoresheet_templates SET items = '[]'`.execute(t.db)).rejects.toThrow(
      /only active may change/
    );
    await expect(sql`DELETE FROM audit_scoresheet_templates`.execute(t.db)).rejects.toThrow(
      /permission denied/
    );
  });
});
