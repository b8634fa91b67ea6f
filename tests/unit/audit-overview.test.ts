import { describe, expect, it } from 'vitest';
import { binBand, noticesQuery, reviewsQuery, scoreBinIndex, scoreBins } from '../../src/lib/audit-overview';
import {
  fileFigures,
  filterFiles,
  readFileFilter,
  type DrawnFile
} from '../../src/lib/server/case-audits/audit-overview';
import { bandsTable } from '../../src/lib/server/case-audits/audit-overview-export';
import { wilsonInterval } from '../../src/lib/server/case-audits/wilson';
import { describeDates, readNoticeListFilter } from '../../src/lib/server/rectification/list-filter';
import { scoreBand } from '../../src/lib/scoresheet';

// The inspectors' overview: bins, the figures from the drawn files, the drill-down filters
// and links, and the notice list's URL filters.

const file = (drawId: number, caseNo: string, section: string, score: number | null): DrawnFile => ({
  drawId,
  caseNo,
  sectionCode: section,
  sectionName: section === '（无科室）' ? null : `${section}科`,
  review:
    score === null
      ? null
      : {
          id: Number(caseNo.slice(1)),
          score,
          band: scoreBand(score),
          legalityDefect: score === 0,
          reviewerName: '审查员',
          submittedAt: new Date('2025-10-10T02:00:00Z')
        }
});

// S02 before S01 on purpose: sections are listed by code whatever the order of the files.
const FILES: DrawnFile[] = [
  file(1, 'C1', 'S02', 95),
  file(1, 'C2', 'S01', 89.5),
  file(1, 'C3', 'S01', 59.5),
  file(1, 'C4', 'S01', null),
  file(2, 'C5', 'S01', 100),
  file(2, 'C6', '（无科室）', 0),
  file(2, 'C7', 'S02', null)
];

describe('score bins', () => {
  it('puts each score in its ten-point bin, 100 with the nineties', () => {
    expect([0, 9.5, 10, 59.5, 60, 89.5, 90, 99.5, 100].map(scoreBinIndex)).toEqual([
      0, 0, 1, 5, 6, 8, 9, 9, 9
    ]);
    expect(() => scoreBinIndex(-0.5)).toThrow(RangeError);
    expect(() => scoreBinIndex(100.5)).toThrow(RangeError);
    expect(() => scoreBinIndex(Number.NaN)).toThrow(RangeError);
  });

  it('counts scores per bin and gives each bin its band', () => {
    expect(scoreBins([0, 59.5, 60, 95, 100])).toEqual([1, 0, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(scoreBins([])).toEqual(new Array(10).fill(0));
    expect([0, 5, 6, 8, 9].map(binBand)).toEqual(['fail', 'fail', 'pass', 'pass', 'excellent']);
  });
});

describe('figures from the drawn files', () => {
  const figures = fileFigures(FILES);

  it('counts drawn, reviewed and pending files', () => {
    expect([figures.drawn, figures.reviewed, figures.pending]).toEqual([7, 5, 2]);
    expect(figures.bins).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 1, 2]);
  });

  it('gives each section its counts, bands and the mean of its reviewed files', () => {
    expect(figures.sections).toEqual([
      {
        sectionCode: 'S01',
        sectionName: 'S01科',
        drawn: 4,
        reviewed: 3,
        mean: (89.5 + 59.5 + 100) / 3,
        excellent: 1,
        pass: 1,
        fail: 1
      },
      {
        sectionCode: 'S02',
        sectionName: 'S02科',
        drawn: 2,
        reviewed: 1,
        mean: 95,
        excellent: 1,
        pass: 0,
        fail: 0
      },
      {
        sectionCode: '（无科室）',
        sectionName: null,
        drawn: 1,
        reviewed: 1,
        mean: 0,
        excellent: 0,
        pass: 0,
        fail: 1
      }
    ]);
    expect(figures.total).toMatchObject({ sectionCode: '', drawn: 7, reviewed: 5, excellent: 2, fail: 2 });
    expect(figures.total.mean).toBeCloseTo((95 + 89.5 + 59.5 + 100 + 0) / 5, 12);
  });

  it('estimates the defect rate from the 不合格 files with the Wilson interval', () => {
    expect(figures.defectRate).toEqual({ defects: 2, reviewed: 5, interval: wilsonInterval(2, 5) });
    expect(figures.defectRate.interval?.estimate).toBe(0.4);
  });

  it('has no mean and no interval with nothing reviewed', () => {
    const empty = fileFigures([file(1, 'C1', 'S01', null)]);
    expect(empty.sections[0].mean).toBeNull();
    expect(empty.defectRate).toEqual({ defects: 0, reviewed: 0, interval: null });
    expect(fileFigures([]).sections).toEqual([]);
  });
});

describe('the drill-down list', () => {
  const cases = (filter: Parameters<typeof filterFiles>[1]) =>
    filterFiles(FILES, filter).map((f) => f.caseNo);

  it('filters by status, section, band and draw', () => {
    expect(cases({ status: 'reviewed' })).toEqual(['C1', 'C2', 'C3', 'C5', 'C6']);
    expect(cases({ status: 'pending' })).toEqual(['C4', 'C7']);
    expect(cases({ status: 'all', section: 'S01' })).toEqual(['C2', 'C3', 'C4', 'C5']);
    expect(cases({ status: 'reviewed', band: 'fail' })).toEqual(['C3', 'C6']);
    expect(cases({ status: 'reviewed', section: 'S01', band: 'fail' })).toEqual(['C3']);
    expect(cases({ status: 'all', draw: 2 })).toEqual(['C5', 'C6', 'C7']);
  });

  it('reads the filter from the URL, dropping what it does not know', () => {
    const read = (q: string) => readFileFilter(new URLSearchParams(q));
    expect(read('')).toEqual({ status: 'reviewed' });
    expect(read('status=pending&section=S01&draw=3')).toEqual({ status: 'pending', section: 'S01', draw: 3 });
    // A band means reviewed files, whatever the status says.
    expect(read('status=pending&band=fail')).toEqual({ status: 'reviewed', band: 'fail' });
    expect(read('status=x&band=y&draw=-1&section=%20')).toEqual({ status: 'reviewed' });
  });

  it('links a figure to its list with the period, leaving defaults out', () => {
    const month = { from: '2025-10-01', to: '2025-10-10' };
    expect(String(reviewsQuery('this_month', month, { status: 'reviewed' }))).toBe('period=this_month');
    expect(
      String(reviewsQuery('custom', month, { status: 'reviewed', section: '（无科室）', band: 'fail' }))
    ).toBe(
      'period=custom&from=2025-10-01&to=2025-10-10&section=%EF%BC%88%E6%97%A0%E7%A7%91%E5%AE%A4%EF%BC%89&band=fail'
    );
    expect(String(reviewsQuery('last_month', month, { status: 'all', draw: 4 }))).toBe(
      'period=last_month&status=all&draw=4'
    );
  });

  it('exports the bands table with the 合计 line and the mean to one decimal', () => {
    const table = bandsTable(fileFigures(FILES), { from: '2025-10-01', to: '2025-10-31' }, new Date(0));
    expect(table.rows.map((r) => [r.section, r.mean, r.fail])).toEqual([
      ['S01科', 83, 1],
      ['S02科', 95, 0],
      ['（无科室）', 0, 1],
      ['合计', 68.8, 2]
    ]);
    expect(table.notes?.[1]).toMatch(/^不合格率 2\/5，95% Wilson 区间 11\.8% – 76\.9%$/);
  });
});

describe('the notice list filters', () => {
  const read = (q: string) => readNoticeListFilter(new URLSearchParams(q));
  const october = { from: '2025-10-01', to: '2025-10-31' };

  it('reads the state, overdue=1 and the date ranges', () => {
    expect(read('')).toEqual({ state: 'all', dates: {}, problems: [] });
    expect(read('overdue=1&state=verified').state).toBe('overdue');
    expect(read('state=nonsense').state).toBe('all');
    expect(read(String(noticesQuery({ issued: october })))).toEqual({
      state: 'all',
      dates: { issued: october },
      problems: []
    });
    expect(read(String(noticesQuery({ state: 'verified', verified: october, onTime: true })))).toEqual({
      state: 'verified',
      dates: { verified: october, onTime: true },
      problems: []
    });
  });

  it('drops a bad range with a message rather than failing', () => {
    const bad = read('issued_from=2025-10-31&issued_to=2025-10-01');
    expect(bad.dates).toEqual({});
    expect(bad.problems).toEqual(['下发日期范围无效（to 不得早于 from），已忽略']);
    expect(read('verified_from=2025-13-01').problems).toHaveLength(1);
  });

  it('says the date filters in words', () => {
    expect(describeDates({})).toBe('');
    expect(describeDates({ verified: october, onTime: true })).toBe(
      '核验于 2025-10-01 至 2025-10-31；按期核验'
    );
  });
});
