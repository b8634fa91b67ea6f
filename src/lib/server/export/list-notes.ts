import { formatDateTime } from '../../format';
import type { SectionScope } from '../cases/section-scope';

// What the list exports (complaints, bad ratings) write alike: the notes they start with
// and a window or person as 'name（code）'.

/** When the file was made, the period it covers and, for a section's reader, the data range. */
export function listExportNotes(now: Date, period: string, scope: SectionScope): string[] {
  return [
    `导出时间：${formatDateTime(now)}（北京时间）`,
    `统计期间：${period}`,
    ...(scope === 'all' ? [] : ['数据范围：本人所在科室'])
  ];
}

/** 'name（code）', or '' when there is no name. */
export const nameWithCode = (name: string | null, code: string | null): string =>
  name ? `${name}（${code}）` : '';
