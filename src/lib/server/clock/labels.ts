import { civilOfDay, weekdayOfDay } from './day-index';
import type { ClockFlag, Colour, StopKind } from './types';

// Chinese wording of the trace (the page and the API show these labels verbatim).

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const PROCEDURE_NAMES: Record<string, string> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  site_survey: '现场勘验'
};

export const COLOUR_NAMES: Record<Colour, string> = {
  red: '红灯（逾期）',
  yellow: '黄灯（预警）',
  green: '绿灯（正常）'
};

export const FLAG_NAMES: Record<ClockFlag, string> = {
  late_one_time_notice: '一次性告知超时',
  invalid_extension: '无效延长',
  immediate_not_same_day: '即办件未当日办结',
  late_delivery: '送达超时',
  repeated_stops: '多次中止计时'
};

export const weekdayName = (day: number): string => WEEKDAYS[weekdayOfDay(day)];

/** '10月1日'; with the year when asked ('2027年1月1日'). */
export function monthDay(day: number, withYear = false): string {
  const [y, m, d] = civilOfDay(day);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

/** '10月1日至10月8日', '4月4日', '2026年12月31日至2027年1月3日'. */
export function dayRange(from: number, to: number): string {
  if (from === to) return monthDay(from);
  const crossesYear = civilOfDay(from)[0] !== civilOfDay(to)[0];
  return `${monthDay(from, crossesYear)}至${monthDay(to, crossesYear)}`;
}

export function stopName(kind: StopKind, procedure: string | null): string {
  if (kind === 'correction') return '补正';
  const name = procedure ? (PROCEDURE_NAMES[procedure] ?? procedure) : '';
  return name ? `特别程序（${name}）` : '特别程序';
}
