import { describe, expect, it } from 'vitest';
import { listExportNotes, nameWithCode } from '../../src/lib/server/export';

describe('list export notes', () => {
  const now = new Date('2025-10-10T01:30:00Z');

  it('says when, which period and, for a section reader, the range', () => {
    expect(listExportNotes(now, '2025-09-01 至 2025-09-30', 'all')).toEqual([
      '导出时间：2025-10-10 09:30:00（北京时间）',
      '统计期间：2025-09-01 至 2025-09-30'
    ]);
    expect(listExportNotes(now, '2025-09-01 至 2025-09-30', ['S01'])).toEqual([
      '导出时间：2025-10-10 09:30:00（北京时间）',
      '统计期间：2025-09-01 至 2025-09-30',
      '数据范围：本人所在科室'
    ]);
  });

  it('writes a window or person as name（code）, nothing without a name', () => {
    expect(nameWithCode('综合窗口', 'W01')).toBe('综合窗口（W01）');
    expect(nameWithCode(null, null)).toBe('');
  });
});
