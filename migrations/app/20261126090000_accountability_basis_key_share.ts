import { sql, type Kysely } from 'kysely';

// Deleting a draft review (allowed: only submitted reviews are immutable) failed with
// "permission denied for table accountability_basis": the foreign key check of
// accountability_basis.review_id runs SELECT … FOR KEY SHARE on the basis rows, and
// FOR KEY SHARE needs the UPDATE privilege, which 20261126010000 had revoked. Give UPDATE
// back: the table's trigger still refuses every UPDATE (as for accountability_records,
// which kept its UPDATE privilege for the same reason); DELETE and TRUNCATE stay revoked.
// Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`GRANT UPDATE ON accountability_basis TO CURRENT_USER`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`REVOKE UPDATE ON accountability_basis FROM CURRENT_USER`.execute(db);
}
