import { error } from '@sveltejs/kit';
import { INSTRUMENT_LABELS, INSTRUMENT_SLUGS, isInstrumentSlug } from '$lib/evaluation';
import { getDb } from '$lib/server/db/index';
import { importTemplate } from '$lib/server/evaluation/import/template';
import { loadUnits } from '$lib/server/evaluation/records.repository';
import { visibleRound } from '$lib/server/evaluation/request';
import { loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import { exportResponse, readExportFormat } from '$lib/server/export/index';
import type { RequestHandler } from './$types';

// The import template of one instrument (?instrument=facility|visits|surveys&format=xlsx|csv),
// for the round's firm: its headers follow the round's instrument set.

export const GET: RequestHandler = async (event) => {
  const { round, canWrite } = await visibleRound(event, ['evaluator']);
  if (!canWrite) error(403, { message: '只有承担本轮测评的机构人员可以导入', code: 'forbidden' });
  const slug = event.url.searchParams.get('instrument') ?? '';
  if (!isInstrumentSlug(slug))
    error(400, { message: '请选择测评工具：facility、visits 或 surveys', code: 'bad_request' });
  const kind = INSTRUMENT_SLUGS[slug];
  const format = readExportFormat(event.url.searchParams);
  const db = getDb();
  const [set, units] = await Promise.all([loadInstrumentSet(db, round.instrumentSetId), loadUnits(db)]);
  const table = importTemplate(kind, set, round, {
    servicePoints: units.servicePoints.map((p) => `${p.code} ${p.name}`),
    windows: units.windows.map((w) => `${w.code} ${w.name}`)
  });
  const month = round.month.slice(0, 7);
  return exportResponse(table, format, {
    name: `${INSTRUMENT_LABELS[kind]}导入模板-${month}`,
    ascii: `evaluation-${slug}-template-${month}`
  });
};
