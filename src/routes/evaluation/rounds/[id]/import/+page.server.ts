import { error, fail, redirect } from '@sveltejs/kit';
import { INSTRUMENT_SLUGS, isInstrumentSlug, type InstrumentSlug } from '$lib/evaluation';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { importColumns } from '$lib/server/evaluation/import/columns';
import { confirmImport, previewImport, type ImportFile } from '$lib/server/evaluation/import.service';
import { loadUnits, recordCounts } from '$lib/server/evaluation/records.repository';
import { orHttpError, visibleRound } from '$lib/server/evaluation/request';
import { loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Bulk import into a draft round, for the round's firm (docs/rules/evaluation.md "Import"):
// ?/preview reads and checks the file and stores nothing; ?/confirm posts the same file
// again, which is re-checked and stored in one transaction.

export const load: PageServerLoad = async (event) => {
  const { round, canWrite } = await visibleRound(event, ['evaluator']);
  if (!canWrite) error(403, { message: '只有承担本轮测评的机构人员可以导入', code: 'forbidden' });
  if (round.status === 'submitted') redirect(303, `/evaluation/rounds/${round.id}`);
  const db = getDb();
  const [set, units, counts] = await Promise.all([
    loadInstrumentSet(db, round.instrumentSetId),
    loadUnits(db),
    recordCounts(db, round.id)
  ]);
  const slug = event.url.searchParams.get('instrument') ?? '';
  return {
    round,
    counts,
    instrument: isInstrumentSlug(slug) ? slug : ('surveys' as InstrumentSlug),
    columns: {
      facility: importColumns('facility', set),
      visits: importColumns('visit', set),
      surveys: importColumns('survey', set)
    },
    servicePoints: units.servicePoints.map((p) => ({ code: p.code, name: p.name })),
    windows: units.windows.map((w) => ({ code: w.code, name: w.name }))
  };
};

async function readUpload(event: RequestEvent) {
  const form = await event.request.formData();
  const slug = String(form.get('instrument') ?? '');
  const upload = form.get('file');
  if (!isInstrumentSlug(slug)) return { error: '请选择要导入的测评工具' } as const;
  if (!(upload instanceof File) || upload.size === 0 || upload.name === '')
    return { error: '请选择要导入的文件（CSV 或 XLSX）', instrument: slug } as const;
  const file: ImportFile = { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
  return { slug, kind: INSTRUMENT_SLUGS[slug], file, form } as const;
}

export const actions: Actions = {
  preview: async (event) => {
    const { who, round } = await visibleRound(event, ['evaluator']);
    const upload = await readUpload(event);
    if ('error' in upload) return fail(400, { error: upload.error, instrument: upload.instrument });
    const report = await orHttpError(() =>
      previewImport(getDb(), who, round.id, upload.kind, upload.file, bureauToday())
    );
    if (!report.ok) return fail(400, { report, instrument: upload.slug });
    return { report, instrument: upload.slug };
  },
  confirm: async (event) => {
    const { who, round } = await visibleRound(event, ['evaluator']);
    const upload = await readUpload(event);
    if ('error' in upload) return fail(400, { error: upload.error, instrument: upload.instrument });
    const outcome = await orHttpError(() =>
      confirmImport(getDb(), who, round.id, upload.kind, upload.file, {
        today: bureauToday(),
        previewed: String(upload.form.get('sha256') ?? ''),
        validOnly: upload.form.get('validOnly') === 'on'
      })
    );
    if (!outcome.ok)
      return fail(400, { error: outcome.error, report: outcome.report, instrument: upload.slug });
    const { stored, skipped, leftOut } = outcome;
    return { imported: { stored, skipped, leftOut, fileName: upload.file.name }, instrument: upload.slug };
  }
};
