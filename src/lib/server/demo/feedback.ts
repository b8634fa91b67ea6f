import type { SourceComplaint, SourceRating } from '../source/source-tables';
import type { Arrival } from './arrivals';
import { cumulative, type SeededRandom } from './seeded-random';
import type { DemoEvent } from './timeline';

// 好差评 ratings and complaints of a concluded case. Nothing is kept that would happen
// after "now": a rating or complaint still to come simply does not exist yet.

export interface DemoRating {
  level: number;
  channel: SourceRating['channel'];
  ratedAt: number;
  comment: string | null;
  staffId: number | null;
  windowId: number | null;
}

export interface DemoComplaint {
  source: SourceComplaint['source'];
  category: string;
  receivedAt: number;
  substantiated: boolean | null;
  closedAt: number | null;
  staffId: number | null;
  windowId: number | null;
}

// Levels 1..5; on-time cases are almost all 非常满意.
const LEVELS_ON_TIME = cumulative([0.002, 0.003, 0.015, 0.055, 0.925]);
const LEVELS_LATE = cumulative([0.04, 0.06, 0.12, 0.2, 0.58]);
const PRAISE = ['办事效率高，点赞', '工作人员耐心细致', '一次办好，很方便', '服务热情周到', '网上办理很便捷'];
const CRITICISM = [
  '等待时间太长',
  '工作人员态度不好',
  '材料要求前后不一致',
  '多次跑腿才办成',
  '办理超过承诺时限'
];
const CATEGORIES = ['服务态度', '多次跑腿', '材料要求不一致', '窗口推诿', '告知不清', '系统故障'];
const SOURCES: SourceComplaint['source'][] = [
  'hotline',
  'hotline',
  'hotline',
  'online',
  'online',
  'letter',
  'visit'
];

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function planFeedback(
  rng: SeededRandom,
  events: readonly DemoEvent[],
  arrival: Arrival,
  late: boolean,
  nowMs: number
): { rating: DemoRating | null; complaint: DemoComplaint | null } {
  const concluded = events.find((e) => e.kind === 'concluded')!.at;
  const delivered = events.find((e) => e.kind === 'delivered')?.at ?? concluded;
  const atWindow = arrival.windowId !== null;
  const who = { staffId: arrival.handlerStaffId, windowId: arrival.windowId };

  let rating: DemoRating | null = null;
  if (rng.chance(0.7)) {
    const level = rng.weighted(late ? LEVELS_LATE : LEVELS_ON_TIME) + 1;
    const r = rng.next();
    const channel: DemoRating['channel'] = atWindow
      ? r < 0.7
        ? 'hall_device'
        : r < 0.9
          ? 'sms'
          : r < 0.97
            ? 'app'
            : 'hotline'
      : r < 0.6
        ? 'online'
        : r < 0.9
          ? 'app'
          : 'sms';
    const ratedAt =
      channel === 'hall_device'
        ? delivered + rng.int(10, 600) * SECOND
        : concluded + rng.int(600, 3 * 86_400) * SECOND;
    const comment =
      level <= 2 ? rng.pick(CRITICISM) : level === 5 && rng.chance(0.15) ? rng.pick(PRAISE) : null;
    if (ratedAt <= nowMs) rating = { level, channel, ratedAt, comment, ...who };
  }

  let complaint: DemoComplaint | null = null;
  const chance = rating && rating.level <= 2 ? 0.08 : late ? 0.004 : 0.0002;
  if (rng.chance(chance)) {
    const receivedAt = concluded + rng.int(HOUR / SECOND, (10 * DAY) / SECOND) * SECOND;
    const closedAt = receivedAt + rng.int(DAY / SECOND, (15 * DAY) / SECOND) * SECOND;
    const closed = closedAt <= nowMs;
    const serious = late || (rating !== null && rating.level <= 2);
    const source = rng.pick(SOURCES);
    const category = late && rng.chance(0.8) ? '办理超时' : rng.pick(CATEGORIES);
    const substantiated = rng.chance(serious ? 0.6 : 0.25);
    if (receivedAt <= nowMs) {
      complaint = {
        source,
        category,
        receivedAt,
        substantiated: closed ? substantiated : null,
        closedAt: closed ? closedAt : null,
        ...who
      };
    }
  }
  return { rating, complaint };
}
