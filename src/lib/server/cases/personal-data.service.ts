import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { CaseDetail } from './cases.repository';

// Revealing an applicant's ID number and phone: an inspector's deliberate act on one
// case page, recorded in the audit trail before the data is returned.

export async function revealApplicant(db: Kysely<Database>, actor: Actor, detail: CaseDetail) {
  await appendAudit(db, actor, {
    action: 'personal_data.reveal',
    entity: 'case',
    entityId: detail.case_no,
    after: { fields: ['applicant_id_no', 'applicant_phone'] }
  });
  return { idNo: detail.applicant_id_no, phone: detail.applicant_phone };
}
