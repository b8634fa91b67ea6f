import { sql, type Kysely } from 'kysely';
import type { ScoresheetItem } from '../../scoresheet';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { findActiveTemplate } from './reviews.repository';

// Scoresheet template versions (评查表模板). A template row never changes (trigger); a
// change is a new row, active, which new reviews then use (findActiveTemplate: the newest
// active). Reviews already made keep the template_id they were scored on.

/** Every version, newest first, with how many reviews were scored on it. */
export async function listTemplateVersions(db: Kysely<Database>) {
  return db
    .selectFrom('audit_scoresheet_templates as t')
    .select(['t.id', 't.name', 't.items', 't.active', 't.created_at'])
    .select((eb) =>
      eb
        .selectFrom('audit_reviews as r')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('r.template_id', '=', 't.id')
        .as('review_count')
    )
    .orderBy('t.id', 'desc')
    .execute();
}

/** Saves a checked template as the new current version; the audit entry names the one it replaces. */
export async function createTemplateVersion(
  db: Kysely<Database>,
  actor: Actor,
  version: { name: string; items: ScoresheetItem[] }
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Serialises two inspectors saving at once, so `replaces` is the version each saw last.
    await sql`SELECT pg_advisory_xact_lock(hashtext('audit_scoresheet_templates'), 0)`.execute(trx);
    const previous = await findActiveTemplate(trx);
    const row = await trx
      .insertInto('audit_scoresheet_templates')
      .values({ name: version.name, items: JSON.stringify(version.items), active: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: 'audit_template.create',
      entity: 'audit_scoresheet_template',
      entityId: row.id,
      after: { name: version.name, items: version.items, replaces: previous?.id ?? null }
    });
    return row.id;
  });
}
