import {
  SPECIAL_PROCEDURES,
  type CaseEventKind,
  type SourceMatter,
  type SpecialProcedure
} from '../source/source-tables';
import type { DemoWorld } from './demo-world';
import type { SeededRandom } from './seeded-random';
import type { Timeline } from './timeline';

// What happens between acceptance and conclusion, planned in counted working days
// (time-limits.md): the processing time `p`, clock stops opening on the k-th counted day
// and lasting `len` working days, an extension, or a withdrawal. `dayAtElapsed` turns a
// count back into a date on the calendar, skipping the stopped days.

interface Stop {
  /** Opens on the day whose elapsed count is k (k = 0: the acceptance day). */
  k: number;
  /** Working days not counted after the opening day; the last one is the closing day. */
  len: number;
  procedure: SpecialProcedure | null;
}

export interface ProcessingOutcome {
  /** The day of conclusion, or null when the applicant withdrew. */
  concludedDay: number | null;
  /** Concluded after the promised deadline. */
  late: boolean;
}

const PROCEDURE_NOTES: Record<SpecialProcedure, string> = {
  hearing: '依法组织听证',
  tender: '依法进行招标',
  auction: '依法进行拍卖',
  inspection: '需现场检验',
  testing: '需委托检测',
  quarantine: '需进行检疫',
  appraisal: '需委托鉴定',
  expert_review: '需组织专家评审',
  site_survey: '需现场勘验'
};
const CORRECTION_NOTE = '一次性告知：请补正相关材料（补正期间不计入办理时限）';
const EXTENSION_NOTE = '情况复杂，经本机关负责人批准延长办理期限';

/** The working-day ordinal where the elapsed count reaches e, given stops sorted by k. */
export function ordinalAtElapsed(acceptOrdinal: number, stops: readonly Stop[], e: number): number {
  let base = acceptOrdinal;
  let baseElapsed = 0;
  for (const s of stops) {
    if (e <= s.k) break;
    base += s.k - baseElapsed + s.len;
    baseElapsed = s.k;
  }
  return base + (e - baseElapsed);
}

type Matter = Omit<SourceMatter, 'updated_at'>;

interface PlannedEvent {
  ordinal: number;
  /** Order among events of the same day: a stop closes before anything else happens. */
  rank: number;
  kind: CaseEventKind;
  staffId: number | null;
  note: string | null;
  procedure: SpecialProcedure | null;
  days: number | null;
}

const byK = (a: Stop, b: Stop) => a.k - b.k;
const byDate = (a: PlannedEvent, b: PlannedEvent) => a.ordinal - b.ordinal || a.rank - b.rank;

/** A stop opening on a random counted day before conclusion, unless one opens that day. */
function addStop(
  rng: SeededRandom,
  stops: Stop[],
  p: number,
  len: number,
  procedure: SpecialProcedure | null
): void {
  const k = rng.int(0, p - 1);
  for (const s of stops) if (s.k === k) return;
  stops.push({ k, len, procedure });
}

export function planProcessing(
  rng: SeededRandom,
  world: DemoWorld,
  matter: Matter,
  acceptDay: number,
  tl: Timeline,
  handler: number
): ProcessingOutcome {
  const cal = world.calendar;
  const acceptOrdinal = cal.ordinal(acceptDay);
  if (matter.kind === 'immediate') {
    const late = rng.chance(0.008);
    return { concludedDay: late ? cal.addWorkingDays(acceptDay, 1) : acceptDay, late };
  }
  const L = matter.promised_days;
  const S = matter.statutory_days;
  let p: number;
  let extension: { e: number; days: number } | null = null;
  const u = rng.next();
  if (u < 0.005) {
    const days = rng.int(1, 10);
    const e = rng.chance(0.7) ? rng.int(Math.max(1, S - 3), S) : S + rng.int(1, 3);
    extension = { e, days };
    p = e <= S ? rng.int(Math.max(e, S - 1), S + days) : e + rng.int(0, 5);
  } else if (u < 0.017) {
    p = L + rng.int(1, Math.max(2, Math.ceil(L * 0.4)));
  } else if (u < 0.0185) {
    p = S + rng.int(1, 8);
  } else {
    p = Math.max(1, Math.ceil(L * (0.15 + 0.425 * (rng.next() + rng.next()))));
  }

  const stops: Stop[] = [];
  if (rng.chance(0.1)) addStop(rng, stops, p, rng.int(1, 8), null);
  if (rng.chance(0.03)) addStop(rng, stops, p, rng.int(3, 25), rng.pick(SPECIAL_PROCEDURES));
  if (p >= 4 && rng.chance(0.003)) {
    addStop(rng, stops, p, rng.int(1, 5), null);
    addStop(rng, stops, p, rng.int(1, 5), null);
  }
  stops.sort(byK);

  const withdrawAt = rng.chance(0.004) ? rng.int(0, p - 1) : -1;
  const kept = withdrawAt < 0 ? stops : stops.filter((s) => s.k < withdrawAt);

  // Plan the events with their working-day ordinals, then emit them in date order.
  const items: PlannedEvent[] = [];
  for (const s of kept) {
    const open = ordinalAtElapsed(acceptOrdinal, kept, s.k);
    const special = s.procedure !== null;
    items.push({
      ordinal: open,
      rank: 1,
      kind: special ? 'suspended' : 'correction_requested',
      staffId: handler,
      note: special ? PROCEDURE_NOTES[s.procedure!] : CORRECTION_NOTE,
      procedure: s.procedure,
      days: null
    });
    items.push({
      ordinal: open + s.len,
      rank: 0,
      kind: special ? 'resumed' : 'correction_received',
      staffId: handler,
      note: null,
      procedure: null,
      days: null
    });
  }
  if (extension && (withdrawAt < 0 || extension.e < withdrawAt)) {
    items.push({
      ordinal: ordinalAtElapsed(acceptOrdinal, kept, extension.e),
      rank: 2,
      kind: 'extended',
      staffId: world.sectionHead.get(matter.section_id)!,
      note: EXTENSION_NOTE,
      procedure: null,
      days: extension.days
    });
  }
  if (withdrawAt >= 0) {
    items.push({
      ordinal: ordinalAtElapsed(acceptOrdinal, kept, withdrawAt),
      rank: 3,
      kind: 'withdrawn',
      staffId: null,
      note: '申请人主动撤回申请',
      procedure: null,
      days: null
    });
  }
  if (items.length > 1) items.sort(byDate);
  for (const item of items) {
    tl.push(item.kind, cal.dayAt(item.ordinal), item.staffId, item.note, item.procedure, item.days);
  }
  if (withdrawAt >= 0) return { concludedDay: null, late: false };
  return { concludedDay: cal.dayAt(ordinalAtElapsed(acceptOrdinal, kept, p)), late: p > L };
}
