import { error, fail, redirect } from '@sveltejs/kit';
import { INSTRUMENT_SLUGS, type InstrumentSlug } from '$lib/evaluation';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { readForm } from '$lib/server/evaluation/form-fields';
import { recordToValues, suggestRecordNo } from '$lib/server/evaluation/record-values';
import { findRecordRow, listRecordRows, loadUnits } from '$lib/server/evaluation/records.repository';
import { addRecord } from '$lib/server/evaluation/records.service';
import { loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import { orHttpError, visibleRound } from '$lib/server/evaluation/request';
import type { Actions, PageServerLoad } from './$types';

// One record at a time (or a correction of one: ?corrects=<row id>), for the firm's
// evaluator. Every field is checked on the server; the page keeps a draft in the browser.

function correctsParam(url: URL): number | null {
  const raw = url.searchParams.get('corrects');
  if (raw === null) return null;
  if (!/^\d{1,9}$/.test(raw)) error(404, { message: '未找到要更正的记录', code: 'not_found' });
  return Number(raw);
}

export const load: PageServerLoad = async (event) => {
  const { round, canWrite } = await visibleRound(event, ['evaluator']);
  if (!canWrite) error(403, { message: '只有承担本轮测评的机构人员可以录入', code: 'forbidden' });
  const slug = event.params.instrument as InstrumentSlug;
  const kind = INSTRUMENT_SLUGS[slug];
  const correctsId = correctsParam(event.url);
  const listPath = `/evaluation/rounds/${round.id}/${slug}`;
  if (round.status === 'submitted' && correctsId === null) redirect(303, listPath);
  const db = getDb();
  const [set, units, rows] = await Promise.all([
    loadInstrumentSet(db, round.instrumentSetId),
    loadUnits(db),
    listRecordRows(db, round.id, kind)
  ]);
  let values: Record<string, string>;
  if (correctsId !== null) {
    const row = await findRecordRow(db, kind, correctsId);
    if (!row || row.round_id !== round.id) error(404, { message: '未找到要更正的记录', code: 'not_found' });
    values = recordToValues(kind, row as typeof row & Record<string, unknown>, {
      servicePoints: new Map(units.servicePoints.map((p) => [p.id, p.code])),
      windows: new Map(units.windows.map((w) => [w.id, w.code]))
    });
  } else {
    const today = bureauToday();
    const date = today >= round.periodFrom && today <= round.periodTo ? today : '';
    const dateField = { facility: 'checkedOn', visit: 'visitedOn', survey: 'answeredOn' }[kind];
    values = {
      recordNo: suggestRecordNo(
        kind,
        rows.map((r) => r.record_no)
      ),
      [dateField]: date
    };
  }
  const pointNames = new Map(units.servicePoints.map((p) => [p.id, p.name]));
  return {
    round,
    kind,
    set,
    values,
    correctsId,
    listPath,
    saved: event.url.searchParams.get('saved'),
    servicePoints: units.servicePoints.map((p) => ({ code: p.code, name: p.name })),
    windows: units.windows.map((w) => ({
      code: w.code,
      name: w.name,
      servicePoint: pointNames.get(w.servicePointId) ?? ''
    }))
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { who, round } = await visibleRound(event, ['evaluator']);
    const slug = event.params.instrument as InstrumentSlug;
    const kind = INSTRUMENT_SLUGS[slug];
    const correctsId = correctsParam(event.url);
    const values = readForm(await event.request.formData());
    const outcome = await orHttpError(() =>
      addRecord(getDb(), who, round.id, kind, values, { correctsId, today: bureauToday() })
    );
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    const path = `/evaluation/rounds/${round.id}/${slug}`;
    if (correctsId !== null) redirect(303, path);
    redirect(303, `${path}/new?saved=${encodeURIComponent(values.recordNo?.trim() ?? '')}`);
  }
};
