import { expectedVolume, generateArrivals } from './arrivals';
import { generateCase, type DemoCase } from './case-lifecycle';
import { DemoCalendar, localDayOf } from './demo-calendar';
import { createDemoWorld, type DemoWorld } from './demo-world';
import { buildReferenceData } from './reference-data';
import { hashSeed, SeededRandom } from './seeded-random';

// The pure heart of the generator: which days the history covers and the cases of one
// day. Each day has its own PRNG stream (seed, day), so a day's cases do not depend on
// the days before it, only their ids do.

export const DEFAULT_DEMO_SEED = 20261125;

export interface DemoPlanOptions {
  seed?: number;
  /** 1 = about 1,000 cases per working day. */
  scale?: number;
  /** The end of the history (default: the current time). */
  now?: Date;
  months?: number;
  regionCode?: string;
}

export interface DemoPlan {
  seed: number;
  scale: number;
  /** Epoch milliseconds, whole seconds. */
  nowMs: number;
  startDay: number;
  nowDay: number;
  world: DemoWorld;
}

/** The first local day of a history of `months` months ending on the local day of `nowMs`. */
export function historyStartDay(nowMs: number, months: number): number {
  const local = new Date(nowMs + 8 * 3_600_000);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - months, local.getUTCDate());
  return Math.floor(start / 86_400_000) + 1;
}

export function createDemoPlan(options: DemoPlanOptions = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  const months = options.months ?? 18;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new Error(`scale must be a positive number, got ${scale}`);
  if (!(months > 0) || !Number.isFinite(months))
    throw new Error(`months must be a positive number, got ${months}`);
  const nowMs = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const nowDay = localDayOf(nowMs);
  const startDay = historyStartDay(nowMs, months);
  // Lifecycles planned from the last days run past "now" before they are cut.
  const calendar = new DemoCalendar(startDay - 14, nowDay + 550);
  const world = createDemoWorld(buildReferenceData(seed, options.regionCode), calendar);
  return { seed, scale, nowMs, startDay, nowDay, world };
}

/** The cases received on `day` up to "now", in time order, numbered from `firstId`. */
export function generateDay(plan: DemoPlan, day: number, firstId: number): DemoCase[] {
  const { world, startDay, nowDay, nowMs } = plan;
  const rng = new SeededRandom(hashSeed(plan.seed, day));
  const progress = (day - startDay) / Math.max(1, nowDay - startDay);
  const arrivals = generateArrivals(rng, world, day, expectedVolume(world, day, plan.scale, progress));
  const prefix = `${world.regionCode}-${world.calendar.date(day).replace(/-/g, '')}-`;
  const cases: DemoCase[] = [];
  for (let i = 0; i < arrivals.length && arrivals[i].at <= nowMs; i++) {
    const caseNo = prefix + String(i + 1).padStart(6, '0');
    cases.push(generateCase(rng, world, arrivals[i], firstId + i, caseNo, nowMs));
  }
  return cases;
}
