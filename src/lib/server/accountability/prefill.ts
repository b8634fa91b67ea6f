import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { BASIS_ROWS, type BasisValue, type RecordFormValues } from './record-form';
import { listBasis } from './records.repository';

// The proposal form's starting values: from a pending item (?kind=case&ref=SP…,
// ?kind=review&ref=12, ?kind=complaint&ref=3) the item as basis, its person and the
// grounds it suggests; from ?corrects=id a copy of the record being corrected; from
// ?staff=E001 (a person's page) the person only.

function rows(first: BasisValue[]): BasisValue[] {
  return [...first, ...Array.from({ length: BASIS_ROWS }, () => ({ kind: 'case', ref: '' }))].slice(
    0,
    Math.max(BASIS_ROWS, first.length)
  );
}

const blank: RecordFormValues = {
  staffNo: '',
  grounds: '',
  groundsNote: '',
  level: '',
  facts: '',
  basis: rows([]),
  corrects: ''
};

export async function prefill(db: Kysely<Database>, params: URLSearchParams): Promise<RecordFormValues> {
  const corrects = params.get('corrects') ?? '';
  if (/^\d{1,9}$/.test(corrects)) {
    const old = await db
      .selectFrom('accountability_records')
      .selectAll()
      .where('id', '=', Number(corrects))
      .executeTakeFirst();
    if (old) {
      const basis = await listBasis(db, old.id);
      return {
        staffNo: old.staff_no,
        grounds: old.grounds,
        groundsNote: old.grounds_note ?? '',
        level: String(old.proposed_level),
        facts: old.facts,
        basis: rows(basis.map((b) => ({ kind: b.kind, ref: b.ref }))),
        corrects: String(old.id)
      };
    }
  }
  const kind = params.get('kind') ?? '';
  const ref = (params.get('ref') ?? '').trim();
  const staffParam = (params.get('staff') ?? '').trim();
  if (kind === 'case' && ref !== '' && ref.length <= 100) {
    const c = await db
      .selectFrom('cases as c')
      .leftJoin('staff as s', 's.id', 'c.handler_staff_id')
      .leftJoin('case_clock as k', 'k.case_id', 'c.id')
      .leftJoin('matters as m', 'm.id', 'c.matter_id')
      .select([
        'c.case_no',
        's.staff_no',
        'm.name as matter_name',
        'k.statutory_due_on',
        'k.statutory_overdue'
      ])
      .where('c.case_no', '=', ref)
      .executeTakeFirst();
    if (c)
      return {
        ...blank,
        staffNo: c.staff_no ?? '',
        grounds: c.statutory_overdue ? 'overdue' : '',
        facts: c.statutory_overdue
          ? `办件 ${c.case_no}（${c.matter_name ?? '未知事项'}）超过法定办理时限（法定期限 ${c.statutory_due_on ?? '—'}）。`
          : '',
        basis: rows([{ kind: 'case', ref: c.case_no }])
      };
  }
  if (kind === 'review' && /^\d{1,9}$/.test(ref)) {
    const r = await db
      .selectFrom('audit_reviews as r')
      .leftJoin('cases as c', 'c.id', 'r.case_id')
      .leftJoin('staff as s', 's.id', 'c.handler_staff_id')
      .select(['r.id', 'r.case_no', 'r.score', 'r.legality_defect', 'r.entries', 's.staff_no'])
      .where('r.id', '=', Number(ref))
      .where('r.status', '=', 'submitted')
      .executeTakeFirst();
    if (r) {
      const notes = r.entries.filter((e) => e.defect).map((e) => `- ${e.defect}`);
      return {
        ...blank,
        staffNo: r.staff_no ?? '',
        // A legality defect is 违法 or 越权 审批: the inspector picks which.
        grounds: r.legality_defect ? 'illegal_approval' : 'failed_file',
        facts: [`案卷 ${r.case_no} 评查得分 ${r.score} 分，评定为不合格。`, ...notes].join('\n'),
        basis: rows([{ kind: 'review', ref: String(r.id) }])
      };
    }
  }
  if (kind === 'complaint' && /^\d{1,15}$/.test(ref)) {
    const q = await db
      .selectFrom('complaints as q')
      .leftJoin('cases as c', 'c.id', 'q.case_id')
      .leftJoin('staff as s', (j) =>
        j.on((eb) => eb('s.id', '=', eb.fn.coalesce('q.staff_id', 'c.handler_staff_id')))
      )
      .select(['q.id', 'q.category', 'c.case_no', 's.staff_no'])
      .where('q.id', '=', ref)
      .executeTakeFirst();
    if (q)
      return {
        ...blank,
        staffNo: q.staff_no ?? '',
        grounds: 'substantiated_complaint',
        facts: `投诉 #${q.id}（${q.category}${q.case_no ? `，办件 ${q.case_no}` : ''}）经核查属实。`,
        basis: rows([{ kind: 'complaint', ref: String(q.id) }])
      };
  }
  return { ...blank, staffNo: staffParam.slice(0, 100) };
}
