import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { storedIdentities } from './import/identity';
import { readImportFile } from './import/read';
import { validateSheet, type ImportIssue } from './import/validate';
import type { InstrumentKind } from './instruments';
import { allRecordRows, insertRecords, RECORD_TABLE } from './records.repository';
import { formContext } from './records.service';
import { findRound } from './rounds.repository';
import { EvaluationError, requireWritable, type EvaluationActor } from './scope';

// Bulk import of one instrument's file into a draft round (docs/rules/evaluation.md
// "Import"): a preview that stores nothing, then a confirmation that re-reads the same
// file (same SHA-256), re-validates it against the round as it is now and stores every
// valid row in one transaction with one audit entry.

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** At most this many errors travel to the page; the counts are always complete. */
export const MAX_LISTED_ISSUES = 2000;

export type ImportReport =
  | { ok: false; sha256: string; fileName: string; error: string }
  | {
      ok: true;
      sha256: string;
      fileName: string;
      encoding: string;
      total: number;
      valid: number;
      skipped: number;
      errorRows: number;
      issueCount: number;
      issues: ImportIssue[];
      /** The first valid rows as they will be stored: headers, then row number and cells. */
      sample: { headers: string[]; rows: { row: number; cells: string[] }[] };
    };

export type ImportOutcome =
  | { ok: true; stored: number; skipped: number; leftOut: number; report: ImportReport }
  | { ok: false; error: string; report?: ImportReport };

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Db = Kysely<Database>;

async function validateFile(
  db: Db,
  who: EvaluationActor,
  roundId: number,
  kind: InstrumentKind,
  file: ImportFile,
  today: string
) {
  const round = requireWritable(who, await findRound(db, roundId));
  if (round.status !== 'draft')
    throw new EvaluationError('本轮测评已提交锁定，不能再导入；如有错误请逐条更正', 409);
  const sha256 = sha256Of(file.bytes);
  const read = await readImportFile(file.name, file.bytes);
  if (!read.ok) return { sha256, validation: { ok: false as const, error: read.error }, encoding: '' };
  const [ctx, rows] = await Promise.all([formContext(db, round, today), allRecordRows(db, roundId, kind)]);
  const validation = validateSheet(kind, read.sheet, ctx, storedIdentities(kind, rows));
  return { sha256, validation, encoding: read.sheet.encoding };
}

function toReport(fileName: string, v: Awaited<ReturnType<typeof validateFile>>): ImportReport {
  const { sha256, validation } = v;
  if (!validation.ok) return { ok: false, sha256, fileName, error: validation.error };
  return {
    ok: true,
    sha256,
    fileName,
    encoding: v.encoding,
    total: validation.total,
    valid: validation.valid.length,
    skipped: validation.skipped,
    errorRows: validation.errorRows,
    issueCount: validation.issues.length,
    issues: validation.issues.slice(0, MAX_LISTED_ISSUES),
    sample: {
      headers: validation.columns.map((c) => c.header),
      rows: validation.valid.slice(0, 10).map((r) => ({
        row: r.row,
        cells: validation.columns.map((c) => r.values[c.field] ?? '')
      }))
    }
  };
}

/** Reads and checks the file; stores nothing. */
export async function previewImport(
  db: Db,
  who: EvaluationActor,
  roundId: number,
  kind: InstrumentKind,
  file: ImportFile,
  today: string
): Promise<ImportReport> {
  return toReport(file.name, await validateFile(db, who, roundId, kind, file, today));
}

export interface ConfirmOptions {
  today: string;
  /** The SHA-256 of the previewed file: the confirmation must be for that very file. */
  previewed: string;
  /** Store the valid rows although others have errors (仅导入无误的行). */
  validOnly: boolean;
}

export async function confirmImport(
  db: Db,
  who: EvaluationActor,
  roundId: number,
  kind: InstrumentKind,
  file: ImportFile,
  opts: ConfirmOptions
): Promise<ImportOutcome> {
  if (who.userId === null) throw new EvaluationError('需要登录', 403);
  const enteredBy = who.userId;
  try {
    return await db.transaction().execute(async (trx): Promise<ImportOutcome> => {
      // Imports of one round queue behind each other, and a submission waits for them.
      await sql`SELECT id FROM evaluation_rounds WHERE id = ${roundId} FOR UPDATE`.execute(trx);
      const checked = await validateFile(trx, who, roundId, kind, file, opts.today);
      const report = toReport(file.name, checked);
      if (checked.sha256 !== opts.previewed)
        return { ok: false, error: '文件与预览时的不一致，请重新选择文件并预览', report };
      const v = checked.validation;
      if (!v.ok) return { ok: false, error: v.error, report };
      if (v.errorRows > 0 && !opts.validOnly)
        return {
          ok: false,
          error: `文件中有 ${v.errorRows} 行错误：请改正后重新上传，或勾选“仅导入无误的 ${v.valid.length} 行”`,
          report
        };
      const meta = {
        roundId,
        revision: 0,
        correctsId: null,
        correctionReason: null,
        voided: false,
        enteredBy
      };
      const stored = await insertRecords(
        trx,
        kind,
        meta,
        v.valid.map((r) => r.input)
      );
      if (stored > 0)
        await appendAudit(trx, who, {
          action: 'evaluation.import',
          entity: RECORD_TABLE[kind],
          entityId: roundId,
          after: {
            round_id: roundId,
            file: file.name,
            sha256: checked.sha256,
            rows: v.total,
            stored,
            skipped: v.skipped,
            left_out: v.errorRows,
            record_nos: v.valid.length <= 50 ? v.valid.map((r) => r.input.recordNo) : undefined
          }
        });
      return { ok: true, stored, skipped: v.skipped, leftOut: v.errorRows, report };
    });
  } catch (e) {
    // Another import or entry of the same identity committed in between.
    if ((e as { code?: string }).code === '23505')
      return { ok: false, error: '有记录在导入期间已被他人录入，请重新预览后再确认' };
    throw e;
  }
}
