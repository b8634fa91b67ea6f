// What the big screen (大屏, /screen) shows, as plain JSON-safe data: the server builds it
// once per refresh (screen.service.ts) and the wall only renders it. Choosing the figures
// is pure so it is tested without a database. Browser-safe.

import type { TrendPoint } from '$lib/charts/trend';
import type { Figure } from '$lib/figures';
import type { TrendGrain } from '$lib/kpis/periods';

export type TileFormat = 'count' | 'rate';
/** How a tile is coloured on the dark wall: a light's colour when it is lit (> 0). */
export type TileTone = 'red' | 'yellow' | null;

export interface ScreenTile {
  key: string;
  label: string;
  format: TileFormat;
  figure: Figure;
  tone: TileTone;
}

export interface TileGroup {
  key: 'today' | 'month' | 'now';
  title: string;
  tiles: ScreenTile[];
}

export interface ScreenLights {
  green: number;
  yellow: number;
  red: number;
}

/** The trend as the chart builders take it. */
export type ScreenTrendPoint = TrendPoint;

export interface ScreenRankingRow {
  label: string;
  figure: Figure;
}

/** One of the most urgent red cases: no applicant, no handler (the wall is public). */
export interface UrgentCase {
  caseNo: string;
  matter: string;
  section: string;
  promisedDueOn: string | null;
  /** Working days past the promised due date. */
  daysOverdue: number;
  /** Working days past the statutory limit; 0 when within it. */
  statutoryOver: number;
  paused: boolean;
}

export interface ScreenData {
  /** When the server computed this (ISO): the wall's "last refreshed". */
  generatedAt: string;
  /** The bureau-local date the periods were taken from. */
  today: string;
  month: { from: string; to: string };
  /** 全局, or the section head's sections. */
  scopeLabel: string;
  freshness: { lastSyncAt: string | null; stale: boolean };
  groups: TileGroup[];
  lights: ScreenLights;
  trend: { grain: TrendGrain; points: ScreenTrendPoint[] } | null;
  ranking: ScreenRankingRow[];
  /** Sections left off the ranking for room. */
  rankingLeftOff: number;
  urgent: UrgentCase[];
}

/** The figures of one period as loadOverview returns them (KpiFigures), by KPI name. */
export type FigureMap = Record<string, Figure>;

const figureOf = (figures: FigureMap, key: string): Figure => {
  const f = figures[key];
  return f ? { value: f.value, numerator: f.numerator, denominator: f.denominator } : { value: null };
};

type TileSpec = [key: string, label: string, format: TileFormat, tone?: Exclude<TileTone, null>];

const PERIOD_TILES: TileSpec[] = [
  ['received', '收件量', 'count'],
  ['concluded', '办结量', 'count'],
  ['on_time_rate_promised', '承诺时限按时办结率', 'rate'],
  ['on_time_rate_statutory', '法定时限按时办结率', 'rate']
];
const MONTH_EXTRA: TileSpec[] = [
  ['same_day_rate', '即办率', 'rate'],
  ['good_rating_rate', '好评率', 'rate']
];
const NOW_TILES: TileSpec[] = [
  ['open_now', '在办件', 'count'],
  ['yellow_now', '黄灯预警', 'count', 'yellow'],
  ['red_now', '红灯逾期', 'count', 'red'],
  ['overdue_open_statutory', '超法定时限在办', 'count', 'red']
];

function tiles(figures: FigureMap, specs: TileSpec[], prefix: string): ScreenTile[] {
  return specs.map(([key, label, format, tone]) => {
    const figure = figureOf(figures, key);
    // A light is only coloured when something is lit: a red "0" would cry wolf.
    const lit = tone && (figure.value ?? 0) > 0;
    return { key: `${prefix}.${key}`, label, format, figure, tone: lit ? tone : null };
  });
}

/** The headline tiles: today, this month (month to date), and the open cases now. */
export function screenGroups(today: FigureMap, month: FigureMap): TileGroup[] {
  return [
    { key: 'today', title: '今日', tiles: tiles(today, PERIOD_TILES, 'today') },
    { key: 'month', title: '本月', tiles: tiles(month, [...PERIOD_TILES, ...MONTH_EXTRA], 'month') },
    // "Now" figures ignore the period: the month's are the same as today's.
    { key: 'now', title: '实时', tiles: tiles(month, NOW_TILES, 'now') }
  ];
}

/** The doughnut's slices: green is whatever open case is neither yellow nor red. */
export function screenLights(figures: FigureMap): ScreenLights {
  const n = (key: string) => figureOf(figures, key).value ?? 0;
  const yellow = n('yellow_now');
  const red = n('red_now');
  return { green: Math.max(0, n('open_now') - yellow - red), yellow, red };
}

/** At most `limit` rows, in the order given (best first); how many were left off. */
export function screenRanking(
  rows: { label: string; figure: Figure }[],
  limit = 12
): { rows: ScreenRankingRow[]; leftOff: number } {
  return {
    rows: rows.slice(0, limit).map((r) => ({ label: r.label, figure: figureOf({ r: r.figure }, 'r') })),
    leftOff: Math.max(0, rows.length - limit)
  };
}

/** A lit case as listLitCases returns it, reduced to what may be shown on a public wall. */
export function urgentCase(row: {
  case_no: string;
  matter_name: string;
  section_name: string;
  promised_due_on: string | null;
  remaining_days: number | null;
  statutory_over: number | string | null;
  paused: boolean;
}): UrgentCase {
  return {
    caseNo: row.case_no,
    matter: row.matter_name,
    section: row.section_name,
    promisedDueOn: row.promised_due_on,
    daysOverdue: Math.max(0, -(row.remaining_days ?? 0)),
    statutoryOver: Math.max(0, Number(row.statutory_over ?? 0)),
    paused: row.paused
  };
}

/** The scope in the title: every section, or the section head's own. */
export function scopeLabel(scope: 'all' | readonly string[], sections: { code: string; label: string }[]) {
  if (scope === 'all') return '全局';
  const names = sections.filter((s) => scope.includes(s.code)).map((s) => s.label);
  return names.length ? names.join('、') : '无可见科室';
}
