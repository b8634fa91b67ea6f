import { sql, type Kysely } from 'kysely';

// The accountability levels' names are unique (docs/rules/accountability.md "Levels and
// grounds"). The administrators' page checks it, comparing full-width and half-width forms
// alike; this constraint is the floor for names changed by SQL. Deferred to the commit so
// that one save may swap two names. Records are untouched: they keep the names they copied.
// Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accountability_levels ADD CONSTRAINT accountability_levels_label_key
    UNIQUE (label) DEFERRABLE INITIALLY DEFERRED`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accountability_levels DROP CONSTRAINT accountability_levels_label_key`.execute(db);
}
