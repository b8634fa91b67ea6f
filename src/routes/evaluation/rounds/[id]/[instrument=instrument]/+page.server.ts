import { INSTRUMENT_SLUGS, type InstrumentSlug } from '$lib/evaluation';
import { getDb } from '$lib/server/db/index';
import { listRecordRows, loadUnits } from '$lib/server/evaluation/records.repository';
import { loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import { visibleRound } from '$lib/server/evaluation/request';
import { facilityScore, levelPoints, visitScore } from '$lib/server/evaluation/scores';
import type { PageServerLoad } from './$types';

// The records of one instrument in a round, corrections included (each shows what it
// corrects and why). The firm's evaluator corrects the latest version of a record.

export const load: PageServerLoad = async (event) => {
  const { round, canWrite } = await visibleRound(event);
  const kind = INSTRUMENT_SLUGS[event.params.instrument as InstrumentSlug];
  const db = getDb();
  const [rows, set, units] = await Promise.all([
    listRecordRows(db, round.id, kind),
    loadInstrumentSet(db, round.instrumentSetId),
    loadUnits(db)
  ]);
  const points = new Map(units.servicePoints.map((p) => [p.id, `${p.name}（${p.code}）`]));
  const windows = new Map(units.windows.map((w) => [w.id, `${w.name}（${w.code}）`]));
  const superseded = new Set(rows.map((r) => r.corrects_id).filter((id) => id !== null));
  const records = rows.map((r) => {
    const row = r as typeof r & Record<string, unknown>;
    let unit: string;
    let date: string;
    let score: number | null;
    if (kind === 'facility') {
      unit = points.get(row.service_point_id as number) ?? '—';
      date = row.checked_on as string;
      score = facilityScore(set.facilityItems, row.earned as Record<string, number>);
    } else if (kind === 'visit') {
      unit = windows.get(row.window_id as number) ?? '—';
      date = `${row.visited_on as string} ${(row.visited_time as string).slice(0, 5)}`;
      const itemScores = row.item_scores as Record<string, number>;
      score = visitScore(set.visitItems, set.waiting, {
        itemScores,
        waitingMinutes: row.waiting_minutes as number
      });
    } else {
      unit =
        row.service_point_id === null ? '未指定服务点' : (points.get(row.service_point_id as number) ?? '—');
      date = row.answered_on as string;
      score = levelPoints(row.overall as number);
    }
    return {
      id: r.id,
      recordNo: r.record_no,
      revision: r.revision,
      correctsId: r.corrects_id,
      reason: r.correction_reason,
      voided: r.voided,
      unit,
      date,
      score,
      enteredBy: r.entered_by_name,
      enteredAt: r.entered_at,
      latest: !superseded.has(r.id)
    };
  });
  return { round, kind, records, canWrite };
};
