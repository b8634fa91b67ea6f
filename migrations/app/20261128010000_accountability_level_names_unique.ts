import { sql, type Kysely } from 'kysely';

// The accountability levels' names are unique (docs/rules/accountability.md "Levels and
// grounds"). The administrators' page checks it, comparing full-width and half-width forms
// alike; this constraint is the floor for names changed by SQL. Deferred to the commit so
// that one save may swap two names. Records are untouched: they keep the names they copied.
// Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A deployment may already have given two levels one name by SQL: the higher level's
  // gets its number appended (within the 50 characters), so that the constraint can be made
  // and an administrator sees which to rename.
  await sql`UPDATE accountability_levels l SET label = left(l.label, 44) || '（第' || l.level || '级）'
    WHERE EXISTS (SELECT 1 FROM accountability_levels o WHERE o.label = l.label AND o.level < l.level)`.execute(
    db
  );
  await sql`ALTER TABLE accountability_levels ADD CONSTRAINT accountability_levels_label_key
    UNIQUE (label) DEFERRABLE INITIALLY DEFERRED`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accountability_levels DROP CONSTRAINT accountability_levels_label_key`.execute(db);
}
