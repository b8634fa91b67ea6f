import type { Level } from '../../src/lib/server/accountability/ladder';

/** The seven levels of audits.md as the migration seeds them, lightest first. */
export const DEFAULT_LEVELS: readonly Level[] = [
  { level: 1, label: '警告提醒' },
  { level: 2, label: '警示谈话' },
  { level: 3, label: '通报批评' },
  { level: 4, label: '取消评先评优资格' },
  { level: 5, label: '扣减绩效' },
  { level: 6, label: '调离岗位' },
  { level: 7, label: '辞退（开除公职）' }
];
