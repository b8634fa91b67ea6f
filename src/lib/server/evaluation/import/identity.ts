import type { InstrumentKind } from '../instruments';
import type { FacilityInput, SurveyInput, VisitInput } from '../record-forms';

// A record's identity within a round and instrument (unit + the firm's record number), and
// a canonical form of its content, so that a re-imported row can be recognised as one
// already stored (skipped) or as a different record under a taken number (refused). Pure.

export type RecordInput = FacilityInput | VisitInput | SurveyInput;

/** unit id (empty for a questionnaire without a service point) | record number */
export function identityOf(kind: InstrumentKind, input: RecordInput): string {
  const unit = kind === 'visit' ? (input as VisitInput).windowId : (input as FacilityInput).servicePointId;
  return `${unit ?? ''}|${input.recordNo}`;
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const contentOf = (input: RecordInput): string => canonical(input);

/** A stored row (any revision) as the input that would have produced it. */
export function storedInput(kind: InstrumentKind, row: Record<string, unknown>): RecordInput {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const base = { recordNo: String(row.record_no) };
  if (kind === 'facility')
    return {
      ...base,
      servicePointId: row.service_point_id as number,
      checkedOn: String(row.checked_on),
      earned: row.earned as FacilityInput['earned'],
      notes: text(row.notes)
    };
  if (kind === 'visit')
    return {
      ...base,
      windowId: row.window_id as number,
      visitedOn: String(row.visited_on),
      visitedTime: String(row.visited_time).slice(0, 5),
      matter: String(row.matter),
      itemScores: row.item_scores as VisitInput['itemScores'],
      waitingMinutes: Number(row.waiting_minutes),
      problems: text(row.problems)
    };
  return {
    ...base,
    servicePointId: (row.service_point_id as number | null) ?? null,
    answeredOn: String(row.answered_on),
    channel: row.channel as SurveyInput['channel'],
    caseNo: text(row.case_no),
    overall: Number(row.overall),
    aspects: row.aspects as SurveyInput['aspects']
  };
}

/** identity → the contents stored under it (every revision: re-importing the original file after a correction still skips). */
export type StoredIdentities = ReadonlyMap<string, ReadonlySet<string>>;

export function storedIdentities(kind: InstrumentKind, rows: Record<string, unknown>[]): StoredIdentities {
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const input = storedInput(kind, row);
    const key = identityOf(kind, input);
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(contentOf(input));
  }
  return map;
}
