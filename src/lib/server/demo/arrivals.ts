import type { CaseChannel } from '../source/source-tables';
import { dayOfWeek } from '../calendar/working-days';
import { dayStartMs } from './demo-calendar';
import type { DemoWorld } from './demo-world';
import { cumulative, type SeededRandom } from './seeded-random';

// How many applications arrive on a day, when, by which channel, and at which window.
// Working days follow the hall's weekly and seasonal rhythm; on rest days only online
// applications arrive, and fewer.

export interface Arrival {
  /** Epoch milliseconds. */
  at: number;
  matterIndex: number;
  channel: CaseChannel;
  servicePointId: number;
  windowId: number | null;
  handlerStaffId: number;
  /** The window clerk who took the materials; null online, by mail or at a community station. */
  receiverStaffId: number | null;
}

/** Cases per working day at scale 1. */
export const CASES_PER_WORKING_DAY = 1000;
const REST_DAY_SHARE = 0.06;
// Sunday..Saturday; a make-up working weekend day counts as a quiet weekday.
const WEEKDAY_FACTOR = [0.85, 1.12, 1.04, 1.0, 0.97, 0.87, 0.85];
const MONTH_FACTOR = [1.0, 0.85, 1.1, 1.0, 0.97, 1.03, 1.0, 0.96, 1.02, 0.95, 1.03, 1.08];
const ONLINE_HOURS = cumulative([
  0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4, 4.5, 4.2, 3, 2.8, 3.8, 4.2, 4, 3.5, 2.5, 2.4, 2.6, 2.2,
  1.5, 0.8
]);

const SECOND = 1000;
const HOUR = 3_600_000;

/** The expected volume of a day; `progress` runs from 0 (first day) to 1 (today). */
export function expectedVolume(world: DemoWorld, day: number, scale: number, progress: number): number {
  const base = CASES_PER_WORKING_DAY * scale * (0.94 + 0.12 * progress);
  const date = world.calendar.date(day);
  const month = MONTH_FACTOR[Number(date.slice(5, 7)) - 1];
  if (!world.calendar.isWorking(day)) return base * REST_DAY_SHARE * month;
  const calendar = world.calendar;
  const afterLongBreak =
    day - 3 >= calendar.firstDay &&
    !calendar.isWorking(day - 1) &&
    !calendar.isWorking(day - 2) &&
    !calendar.isWorking(day - 3);
  return base * WEEKDAY_FACTOR[dayOfWeek(date)] * month * (afterLongBreak ? 1.25 : 1);
}

/** A time in office hours 08:30–17:30, busier in the morning, quieter at lunch. */
export function officeTime(rng: SeededRandom, day: number): number {
  const r = rng.next();
  const [from, to] = r < 0.5 ? [8.5, 12] : r < 0.6 ? [12, 13.5] : [13.5, 17.5];
  const seconds = Math.floor((from + (to - from) * rng.next()) * 3600);
  return dayStartMs(day) + seconds * SECOND;
}

function onlineTime(rng: SeededRandom, day: number): number {
  const hour = rng.weighted(ONLINE_HOURS);
  return dayStartMs(day) + hour * HOUR + rng.int(0, 3599) * SECOND;
}

function pickMatter(rng: SeededRandom, subset: { indexes: number[]; weights: Float64Array }): number {
  return subset.indexes[rng.weighted(subset.weights)];
}

export function generateArrival(rng: SeededRandom, world: DemoWorld, day: number, working: boolean): Arrival {
  if (!working) {
    const matterIndex = pickMatter(rng, world.onlineMatters);
    return onlineArrival(rng, world, day, matterIndex, 'online');
  }
  const matterIndex = pickMatter(rng, world.allMatters);
  const matter = world.matters[matterIndex];
  if (matter.online && rng.chance(0.5)) return onlineArrival(rng, world, day, matterIndex, 'online');
  const r = rng.next();
  if (r < 0.03) return { ...onlineArrival(rng, world, day, matterIndex, 'mail'), at: officeTime(rng, day) };
  const at = officeTime(rng, day);
  if (world.isLocal[matterIndex] && r < 0.36) {
    const street = rng.pick(world.streets);
    const desk = rng.pick(street.windows);
    if (rng.chance(0.75)) {
      return {
        at,
        matterIndex,
        channel: 'window',
        servicePointId: street.servicePointId,
        windowId: desk.windowId,
        handlerStaffId: desk.staffId,
        receiverStaffId: desk.staffId
      };
    }
    return {
      at,
      matterIndex,
      channel: rng.chance(0.7) ? 'proxy' : 'window',
      servicePointId: rng.pick(street.communities),
      windowId: null,
      handlerStaffId: desk.staffId,
      receiverStaffId: null
    };
  }
  const desks = rng.chance(0.8) ? world.sectionWindows.get(matter.section_id)! : world.generalWindows;
  const desk = rng.pick(desks);
  return {
    at,
    matterIndex,
    channel: rng.chance(0.05) ? 'proxy' : 'window',
    servicePointId: world.hallId,
    windowId: desk.windowId,
    handlerStaffId: desk.staffId,
    receiverStaffId: desk.staffId
  };
}

function onlineArrival(
  rng: SeededRandom,
  world: DemoWorld,
  day: number,
  matterIndex: number,
  channel: 'online' | 'mail'
): Arrival {
  const sectionId = world.matters[matterIndex].section_id;
  return {
    at: onlineTime(rng, day),
    matterIndex,
    channel,
    servicePointId: world.hallId,
    windowId: null,
    handlerStaffId: rng.pick(world.sectionHandlers.get(sectionId)!),
    receiverStaffId: null
  };
}

/** The day's arrivals in time order. */
export function generateArrivals(
  rng: SeededRandom,
  world: DemoWorld,
  day: number,
  expected: number
): Arrival[] {
  const count = Math.max(0, Math.floor(expected * (1 + rng.normal(0, 0.06)) + rng.next()));
  const working = world.calendar.isWorking(day);
  const arrivals = new Array<Arrival>(count);
  for (let i = 0; i < count; i++) arrivals[i] = generateArrival(rng, world, day, working);
  return arrivals.sort((a, b) => a.at - b.at);
}
