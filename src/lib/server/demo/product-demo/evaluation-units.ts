import { sql } from 'kysely';
import type { SeedContext } from './context';
import type { SurveyCase, Unit } from './evaluation-records';

// What the demo's third-party firm evaluates, read from the synced data: the service points
// and the staffed windows, the matters each window handles, the cases concluded in a month
// (the applicants a survey asks), and the weak units — the street centres and windows whose
// citizens' ratings (好差评) were worst over the months covered, so that the evaluation's
// bottom three agree with what the ratings say.

export interface Window extends Unit {
  servicePointId: number;
  /** Matters the window's section handles (any matter for a general window). */
  matters: string[];
}

export interface DemoUnits {
  servicePoints: Unit[];
  windows: Window[];
}

// Expected quality (share of the points a unit earns) of a good unit, a weak street centre
// and its windows, and a window citizens rate worst.
export const GOOD = 0.94;
const WEAK_CENTRE = 0.74;
const WEAK_CENTRE_WINDOW = 0.78;
const WEAK_WINDOW = 0.62;
const WEAK_STREET_CENTRES = 2;
const WEAK_WINDOWS = 3;
/** Fewer ratings than this say nothing about a window. */
const MIN_RATINGS = 30;

const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const monthAfter = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
};

export async function loadDemoUnits(ctx: SeedContext): Promise<DemoUnits> {
  const { db, months } = ctx;
  const [points, windows, matters, ratings] = await Promise.all([
    db.selectFrom('service_points').select(['id', 'code', 'level']).orderBy('code').execute(),
    db
      .selectFrom('windows as w')
      .select(['w.id', 'w.code', 'w.service_point_id', 'w.section_id'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('staff as s')
            .select('s.id')
            .whereRef('s.window_id', '=', 'w.id')
            .where('s.active', '=', true)
        )
      )
      .orderBy('w.code')
      .execute(),
    db.selectFrom('matters').select(['name', 'section_id']).orderBy('code').execute(),
    sql<{ window_id: number; service_point_id: number; n: number; good: number }>`
      SELECT w.id AS window_id, w.service_point_id, count(*)::int AS n, count(*) FILTER (WHERE r.level >= 4)::int AS good
        FROM ratings r JOIN windows w ON w.id = r.window_id
       WHERE r.rated_at >= ${monthStart(months[0])} AND r.rated_at < ${monthAfter(months.at(-1)!)}
       GROUP BY w.id, w.service_point_id`.execute(db)
  ]);
  const share = (good: number, n: number) => (n >= MIN_RATINGS ? good / n : 1);
  const weakWindows = new Set(
    [...ratings.rows]
      .sort((a, b) => share(a.good, a.n) - share(b.good, b.n) || a.window_id - b.window_id)
      .slice(0, WEAK_WINDOWS)
      .map((r) => r.window_id)
  );
  const byPoint = new Map<number, { good: number; n: number }>();
  for (const r of ratings.rows) {
    const sum = byPoint.get(r.service_point_id) ?? { good: 0, n: 0 };
    byPoint.set(r.service_point_id, { good: sum.good + r.good, n: sum.n + r.n });
  }
  const pointShare = (id: number) => share(byPoint.get(id)?.good ?? 0, byPoint.get(id)?.n ?? 0);
  const weakPoints = new Set(
    points
      .filter((p) => p.level === 'street')
      .sort((a, b) => pointShare(a.id) - pointShare(b.id) || a.id - b.id)
      .slice(0, WEAK_STREET_CENTRES)
      .map((p) => p.id)
  );
  return {
    servicePoints: points.map((p) => ({
      id: p.id,
      code: p.code,
      level: p.level,
      quality: weakPoints.has(p.id) ? WEAK_CENTRE : GOOD
    })),
    windows: windows.map((w) => ({
      id: w.id,
      code: w.code,
      servicePointId: w.service_point_id,
      level: points.find((p) => p.id === w.service_point_id)?.level,
      quality: weakWindows.has(w.id)
        ? WEAK_WINDOW
        : weakPoints.has(w.service_point_id)
          ? WEAK_CENTRE_WINDOW
          : GOOD,
      matters: matters
        .filter((m) => w.section_id === null || m.section_id === w.section_id)
        .map((m) => m.name)
    }))
  };
}

/** Every fifth case concluded in the month, by service point, with its local day of conclusion. */
export async function loadSurveyCases(ctx: SeedContext, month: string): Promise<Map<number, SurveyCase[]>> {
  const { rows } = await sql<{ service_point_id: number; case_no: string; day: string }>`
    SELECT service_point_id, case_no, to_char(concluded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
      FROM cases
     WHERE concluded_at >= ${monthStart(month)} AND concluded_at < ${monthAfter(month)} AND id % 5 = 0
     ORDER BY id`.execute(ctx.db);
  const cases = new Map<number, SurveyCase[]>();
  for (const r of rows) {
    const list = cases.get(r.service_point_id) ?? [];
    list.push({ caseNo: r.case_no, day: r.day });
    cases.set(r.service_point_id, list);
  }
  return cases;
}
