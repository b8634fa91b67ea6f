import type { FormValues } from './form-fields';
import type { InstrumentKind } from './instruments';
import type { findRecordRow } from './records.repository';

// A stored record as the values of its entry form: what a correction starts from.

type Row = NonNullable<Awaited<ReturnType<typeof findRecordRow>>> & Record<string, unknown>;

interface UnitCodes {
  servicePoints: ReadonlyMap<number, string>;
  windows: ReadonlyMap<number, string>;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

function prefixed(prefix: string, record: Record<string, number | null>): FormValues {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, text(value)]));
}

export function recordToValues(kind: InstrumentKind, row: Row, codes: UnitCodes): FormValues {
  const base = { recordNo: row.record_no };
  const point = (id: unknown) => (id === null ? '' : (codes.servicePoints.get(id as number) ?? ''));
  if (kind === 'facility')
    return {
      ...base,
      servicePoint: point(row.service_point_id),
      checkedOn: text(row.checked_on),
      ...prefixed('item_', row.earned as Record<string, number | null>),
      notes: text(row.notes)
    };
  if (kind === 'visit')
    return {
      ...base,
      window: codes.windows.get(row.window_id as number) ?? '',
      visitedOn: text(row.visited_on),
      visitedTime: text(row.visited_time).slice(0, 5),
      matter: text(row.matter),
      ...prefixed('item_', row.item_scores as Record<string, number>),
      waitingMinutes: text(row.waiting_minutes),
      problems: text(row.problems)
    };
  return {
    ...base,
    servicePoint: point(row.service_point_id),
    answeredOn: text(row.answered_on),
    channel: text(row.channel),
    caseNo: text(row.case_no),
    overall: text(row.overall),
    ...prefixed('aspect_', row.aspects as Record<string, number>)
  };
}

/** The next record number to suggest: V-001, V-002 … after the ones already used. */
export function suggestRecordNo(kind: InstrumentKind, used: readonly string[]): string {
  const prefix = { facility: 'F', visit: 'V', survey: 'Q' }[kind];
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  const top = Math.max(0, ...used.map((no) => Number(pattern.exec(no)?.[1] ?? 0)));
  return `${prefix}-${String(top + 1).padStart(3, '0')}`;
}
