import { describe, expect, it } from 'vitest';
import {
  addDays,
  isWorkingDay,
  localDate,
  officialCalendar
} from '../../src/lib/server/calendar/working-days';
import { SPECIAL_PROCEDURES } from '../../src/lib/server/source/source-tables';
import type { DemoCase } from '../../src/lib/server/demo/case-lifecycle';
import { createDemoPlan, generateDay, type DemoPlan } from '../../src/lib/server/demo/demo-plan';

// The generated cases checked against the source contract and time-limits.md, with a
// clock written here independently of the generator's (day by day over the official
// calendar), so that the generator's working-day arithmetic is checked too.

const NOW = new Date('2026-03-18T06:30:00Z'); // 14:30 in Beijing, a Wednesday
const calendar = officialCalendar();

function generateAll(plan: DemoPlan): DemoCase[] {
  const all: DemoCase[] = [];
  for (let day = plan.startDay; day <= plan.nowDay; day++)
    all.push(...generateDay(plan, day, all.length + 1));
  return all;
}

const plan = createDemoPlan({ seed: 7, scale: 0.3, months: 4, now: NOW });
const cases = generateAll(plan);
const matters = new Map(plan.world.matters.map((m) => [m.id, m]));
const today = localDate(NOW);

/** Clock stops after acceptance as [opened, closed] local dates; a stop still open closes on `until`. */
function stopsOf(c: DemoCase, until: string): [string, string][] {
  const stops: [string, string][] = [];
  let open: string | null = null;
  for (const e of c.events) {
    if (c.acceptedAt === null || e.at <= c.acceptedAt) continue;
    if (e.kind === 'correction_requested' || e.kind === 'suspended') open = localDate(new Date(e.at));
    if ((e.kind === 'correction_received' || e.kind === 'resumed') && open) {
      stops.push([open, localDate(new Date(e.at))]);
      open = null;
    }
  }
  if (open) stops.push([open, until]);
  return stops;
}

function counted(date: string, accepted: string, stops: [string, string][]): boolean {
  return date > accepted && isWorkingDay(date, calendar) && !stops.some(([s, r]) => date > s && date <= r);
}

function elapsed(accepted: string, stops: [string, string][], until: string): number {
  let n = 0;
  for (let d = addDays(accepted, 1); d <= until; d = addDays(d, 1)) if (counted(d, accepted, stops)) n++;
  return n;
}

function dueDate(accepted: string, stops: [string, string][], limit: number): string {
  let d = accepted;
  for (let n = 0; n < limit;) {
    d = addDays(d, 1);
    if (counted(d, accepted, stops)) n++;
  }
  return d;
}

function problemsOf(c: DemoCase): string[] {
  const problems: string[] = [];
  const kinds = c.events.map((e) => e.kind);
  const find = (kind: string) => c.events.find((e) => e.kind === kind);
  if (kinds[0] !== 'received' || c.events[0].at !== c.receivedAt)
    problems.push('does not start with received');
  c.events.forEach((e, i) => {
    if (i > 0 && e.at <= c.events[i - 1].at)
      problems.push(`event ${i} (${e.kind}) not after the previous one`);
    if (e.at > NOW.getTime()) problems.push(`event ${e.kind} after now`);
    if (e.at % 1000 !== 0) problems.push('sub-second time');
  });
  if ((c.status === 'concluded') !== Boolean(find('concluded'))) problems.push('concluded ⇎ concluded event');
  if ((c.decision !== null) !== (c.status === 'concluded')) problems.push('decision ⇎ concluded');
  if (c.concludedAt !== (find('concluded')?.at ?? null)) problems.push('concluded_at ≠ event');
  if (c.acceptedAt !== (find('accepted')?.at ?? null)) problems.push('accepted_at ≠ event');
  if (c.deliveredAt !== (find('delivered')?.at ?? null)) problems.push('delivered_at ≠ event');
  if ((c.status === 'rejected') !== Boolean(find('rejected'))) problems.push('rejected ⇎ rejected event');
  if ((c.status === 'withdrawn') !== Boolean(find('withdrawn'))) problems.push('withdrawn ⇎ withdrawn event');
  const decided = ['accepted', 'rejected', 'withdrawn'].some((k) => kinds.includes(k as never));
  if ((c.status === 'received') !== !decided)
    problems.push('received ⇎ no acceptance, rejection or withdrawal');
  const openStop = c.acceptedAt !== null && stopsOf(c, '9999-12-31').some(([, r]) => r === '9999-12-31');
  if ((c.status === 'suspended') !== openStop) problems.push('suspended ⇎ an open stop');
  if (c.updatedAt !== c.events[c.events.length - 1].at) problems.push('updated_at ≠ latest event');
  for (const e of c.events) {
    if (e.kind === 'extended' && !(e.days! >= 1 && e.days! <= 10 && e.staffId !== null))
      problems.push('bad extension');
    if (e.kind === 'suspended' && !SPECIAL_PROCEDURES.includes(e.procedure!)) problems.push('bad procedure');
  }
  if (c.windowId !== null) {
    const local = new Date(c.receivedAt + 8 * 3_600_000);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (minute < 510 || minute >= 1050) problems.push('window case outside 08:30–17:30');
    if (!isWorkingDay(localDate(new Date(c.receivedAt)), calendar))
      problems.push('window case on a rest day');
  }
  if (
    c.rating &&
    (c.status !== 'concluded' || c.rating.ratedAt > NOW.getTime() || c.rating.ratedAt <= c.concludedAt!)
  ) {
    problems.push('rating of an unconcluded case, or in the future');
  }
  if (
    c.complaint &&
    (c.complaint.receivedAt > NOW.getTime() || (c.complaint.closedAt ?? 0) > NOW.getTime())
  ) {
    problems.push('complaint in the future');
  }
  return problems;
}

const share = (part: number, whole: number) => part / whole;

describe('the generated case lifecycles', () => {
  it('are plentiful enough for the statistics below', () => {
    expect(cases.length).toBeGreaterThan(15_000);
  });

  it('are consistent with their events (source contract) for every case', () => {
    const problems = cases.flatMap((c) => problemsOf(c).map((p) => `${c.caseNo}: ${p}`));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('have unique ids and case numbers in the region-date-sequence form', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(cases.length);
    for (const c of cases.slice(0, 500)) expect(c.caseNo).toMatch(/^510107-20\d{6}-\d{6}$/);
  });

  it('are rejected about 3 % and withdrawn about 1 % of the time', () => {
    const count = (status: string) => cases.filter((c) => c.status === status).length;
    expect(share(count('rejected'), cases.length)).toBeGreaterThan(0.02);
    expect(share(count('rejected'), cases.length)).toBeLessThan(0.04);
    expect(share(count('withdrawn'), cases.length)).toBeGreaterThan(0.004);
    expect(share(count('withdrawn'), cases.length)).toBeLessThan(0.016);
  });

  it('stop the clock for corrections in about 10 % and special procedures in about 3 % of accepted 承诺件', () => {
    const accepted = cases.filter(
      (c) => c.acceptedAt !== null && matters.get(c.matterId)!.kind === 'promised'
    );
    const withCorrection = accepted.filter((c) =>
      c.events.some((e) => e.kind === 'correction_requested' && e.at > c.acceptedAt!)
    );
    const withProcedure = accepted.filter((c) => c.events.some((e) => e.kind === 'suspended'));
    expect(share(withCorrection.length, accepted.length)).toBeGreaterThan(0.07);
    expect(share(withCorrection.length, accepted.length)).toBeLessThan(0.13);
    expect(share(withProcedure.length, accepted.length)).toBeGreaterThan(0.015);
    expect(share(withProcedure.length, accepted.length)).toBeLessThan(0.045);
  });

  it('include extensions, some of them logged after the statutory due date', () => {
    let valid = 0;
    let late = 0;
    for (const c of cases) {
      const extension = c.events.find((e) => e.kind === 'extended');
      if (!extension) continue;
      const accepted = localDate(new Date(c.acceptedAt!));
      const due = dueDate(accepted, stopsOf(c, today), matters.get(c.matterId)!.statutory_days);
      if (localDate(new Date(extension.at)) <= due) valid++;
      else late++;
    }
    expect(valid).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
  });

  it('conclude about 2 % of cases after the promised deadline', () => {
    const concluded = cases.filter((c) => c.status === 'concluded');
    const late = concluded.filter((c) => {
      const accepted = localDate(new Date(c.acceptedAt!));
      const due = dueDate(accepted, stopsOf(c, today), matters.get(c.matterId)!.promised_days);
      return localDate(new Date(c.concludedAt!)) > due;
    });
    expect(share(late.length, concluded.length)).toBeGreaterThan(0.01);
    expect(share(late.length, concluded.length)).toBeLessThan(0.035);
  });

  it('leave recent cases open, spread over green, yellow and red', () => {
    const lights = { green: 0, yellow: 0, red: 0 };
    for (const c of cases.filter((x) => x.status === 'accepted' || x.status === 'suspended')) {
      const limit = matters.get(c.matterId)!.promised_days;
      const accepted = localDate(new Date(c.acceptedAt!));
      const stops = stopsOf(c, today);
      const due = dueDate(accepted, stops, limit);
      const spent = elapsed(accepted, stops, today);
      if (today > due) lights.red++;
      else if (spent >= Math.ceil(0.8 * limit) || limit - spent <= 1) lights.yellow++;
      else lights.green++;
    }
    expect(lights.green).toBeGreaterThan(50);
    expect(lights.yellow).toBeGreaterThan(50);
    expect(lights.red).toBeGreaterThan(5);
    expect(cases.filter((c) => c.status === 'received').length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.status === 'suspended').length).toBeGreaterThan(0);
  });

  it('get rated in about 70 % of concluded cases, almost always 非常满意', () => {
    const concluded = cases.filter(
      (c) => c.status === 'concluded' && c.concludedAt! < NOW.getTime() - 7 * 86_400_000
    );
    const rated = concluded.filter((c) => c.rating);
    expect(share(rated.length, concluded.length)).toBeGreaterThan(0.66);
    expect(share(rated.length, concluded.length)).toBeLessThan(0.74);
    const levels = rated.map((c) => c.rating!.level);
    expect(share(levels.filter((l) => l === 5).length, levels.length)).toBeGreaterThan(0.85);
    expect(share(levels.filter((l) => l <= 2).length, levels.length)).toBeLessThan(0.015);
    expect(new Set(rated.map((c) => c.rating!.channel)).size).toBeGreaterThanOrEqual(4);
  });

  it('draw a few complaints, about one per 2,000 cases', () => {
    const complaints = cases.filter((c) => c.complaint).length;
    expect(complaints).toBeGreaterThan(0);
    expect(share(complaints, cases.length)).toBeLessThan(1 / 700);
  });

  it('arrive on working days mostly, and online only (fewer) on rest days', () => {
    const restDay = cases.filter((c) => !isWorkingDay(localDate(new Date(c.receivedAt)), calendar));
    expect(restDay.length).toBeGreaterThan(0);
    expect(share(restDay.length, cases.length)).toBeLessThan(0.05);
    for (const c of restDay) expect(c.channel).toBe('online');
  });
});

describe('the generator', () => {
  it('is deterministic: the same seed and now give the same cases', () => {
    const again = createDemoPlan({ seed: 7, scale: 0.3, months: 4, now: NOW });
    expect(generateDay(again, again.nowDay - 3, 1)).toEqual(generateDay(plan, plan.nowDay - 3, 1));
  });

  it('gives different cases for a different seed', () => {
    const other = createDemoPlan({ seed: 8, scale: 0.3, months: 4, now: NOW });
    const names = (p: DemoPlan) => generateDay(p, p.nowDay - 3, 1).map((c) => c.applicantName);
    expect(names(other)).not.toEqual(names(plan));
  });

  it('scales the volume: about 1,000 cases per working day at scale 1', () => {
    const full = createDemoPlan({ seed: 7, scale: 1, months: 1, now: NOW });
    let total = 0;
    let workingDays = 0;
    for (let day = full.startDay; day < full.nowDay; day++) {
      total += generateDay(full, day, 1).length;
      if (full.world.calendar.isWorking(day)) workingDays++;
    }
    expect(total / workingDays).toBeGreaterThan(850);
    expect(total / workingDays).toBeLessThan(1150);
  });
});
