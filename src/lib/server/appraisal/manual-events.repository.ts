import { sql, type Kysely } from 'kysely';
import type { RuleTarget } from '../../appraisal/catalogue';
import type { Database } from '../db/database';
import type { EventOrigin } from './appraisal.table';

// Queries of manual events and their evidence. A person's section is their own, else
// their window's (as the rectification notices read it).

type Db = Kysely<Database>;

export interface ScoredStaff {
  id: number;
  staffNo: string;
  name: string;
  active: boolean;
  position: string;
  windowId: number | null;
  windowCode: string | null;
  windowName: string | null;
  sectionCode: string | null;
  sectionName: string | null;
}

function staffQuery(db: Db) {
  return db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .leftJoin('sections as sec', (j) =>
      j.on('sec.id', '=', sql<number>`coalesce(s.section_id, w.section_id)`)
    )
    .select([
      's.id',
      's.staff_no',
      's.name',
      's.active',
      's.position',
      's.window_id',
      'w.code as window_code',
      'w.name as window_name',
      'sec.code as section_code',
      'sec.name as section_name'
    ]);
}

type StaffRow = {
  id: number;
  staff_no: string;
  name: string;
  active: boolean;
  position: string;
  window_id: number | null;
  window_code: string | null;
  window_name: string | null;
  section_code: string | null;
  section_name: string | null;
};

const toStaff = (r: StaffRow): ScoredStaff => ({
  id: r.id,
  staffNo: r.staff_no,
  name: r.name,
  active: r.active,
  position: r.position,
  windowId: r.window_id,
  windowCode: r.window_code,
  windowName: r.window_name,
  sectionCode: r.section_code,
  sectionName: r.section_name
});

export async function findStaff(db: Db, staffId: number): Promise<ScoredStaff | undefined> {
  const row = await staffQuery(db).where('s.id', '=', staffId).executeTakeFirst();
  return row && toStaff(row);
}

/**
 * Active window-facing staff (position window or chief_rep) of the given sections, or of
 * all, by window then staff number: whom events may be entered for.
 */
export async function listEntryStaff(db: Db, sections: 'all' | readonly string[]): Promise<ScoredStaff[]> {
  let query = staffQuery(db).where('s.active', '=', true).where('s.position', 'in', ['window', 'chief_rep']);
  if (sections !== 'all') query = query.where('sec.code', 'in', sections.length ? [...sections] : ['']);
  const rows = await query.orderBy('w.code').orderBy('s.staff_no').execute();
  return rows.map(toStaff);
}

export interface NewManualEvent {
  staffId: number;
  month: string;
  occurredOn: string;
  ruleCode: string;
  target: RuleTarget;
  points: number;
  origin: Exclude<EventOrigin, 'automatic'>;
  note: string | null;
  enteredBy: number;
  enteredAt: Date;
  ruleSetId: number;
}

export async function insertManualEvent(db: Db, e: NewManualEvent): Promise<string> {
  const row = await db
    .insertInto('score_events')
    .values({
      staff_id: e.staffId,
      month: e.month,
      occurred_on: e.occurredOn,
      rule_code: e.ruleCode,
      target: e.target,
      points: e.points,
      origin: e.origin,
      note: e.note,
      entered_by: e.enteredBy,
      entered_at: e.enteredAt,
      updated_at: e.enteredAt,
      rule_set_id: e.ruleSetId
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface EvidenceUpload {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export async function insertEvidence(
  db: Db,
  eventId: string,
  files: readonly EvidenceUpload[],
  userId: number,
  at: Date
): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto('score_event_evidence')
    .values(
      files.map((f) => ({
        event_id: eventId,
        file_name: f.fileName,
        mime: f.mime,
        bytes: f.bytes,
        uploaded_by: userId,
        uploaded_at: at
      }))
    )
    .execute();
}

export interface EvidenceListItem {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  uploadedAt: Date;
}

/** An event's files without their bytes. */
export async function listEvidence(db: Db, eventId: string): Promise<EvidenceListItem[]> {
  const rows = await db
    .selectFrom('score_event_evidence')
    .select(['id', 'file_name', 'mime', 'uploaded_at', sql<number>`octet_length(bytes)`.as('size')])
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mime: r.mime,
    size: Number(r.size),
    uploadedAt: r.uploaded_at
  }));
}

export async function findEvidenceFile(db: Db, eventId: string, fileId: number) {
  return db
    .selectFrom('score_event_evidence')
    .select(['file_name', 'mime', 'bytes'])
    .where('event_id', '=', eventId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}
