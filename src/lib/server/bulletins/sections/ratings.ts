import type { BulletinTable } from '../../../bulletins';
import { formatNumber } from '../../../format';
import { assembleKpis, type RatioFigure } from '../../kpis/kpi-definitions';
import { countRow, countTable, rateRow, rateTable } from './compare';
import { sumCounts } from './section-counts';
import type { SectionProvider } from './types';

// 差评与投诉: the bad ratings (差评数, 差评整改率, 按期整改率) and complaints (received,
// substantiated, closed) of the month against the month before, bureau-wide and per
// section, from the KPI counts. Ratings and complaints without a section (a window of no
// section, no case) count in the bureau's totals only.

export const ratingsSection: SectionProvider = {
  key: 'ratings',
  title: '差评与投诉',
  async load({ bureauCounts, sectionCounts }) {
    const [{ current: now, previous: before }, sections] = await Promise.all([
      bureauCounts(),
      sectionCounts()
    ]);
    const nowFigures = assembleKpis(now);
    const beforeFigures = assembleKpis(before);
    const ratio = (
      f: typeof nowFigures,
      name: 'bad_rating_rectified_rate' | 'bad_rating_rectified_on_time_rate'
    ) => f[name] as RatioFigure;
    const bySection = sections
      .map((s) => ({
        section: s.name,
        badRatings: s.current.badRatings,
        rectified: s.current.badRatingsRectified,
        complaints: s.current.complaints,
        substantiated: s.current.complaintsSubstantiated
      }))
      .filter((r) => r.badRatings + r.complaints > 0);
    const sectionTable: BulletinTable = {
      title: '各科室差评与投诉（本月）',
      columns: [
        { key: 'section', header: '科室', kind: 'text' },
        { key: 'badRatings', header: '差评', kind: 'integer' },
        { key: 'rectified', header: '差评已整改', kind: 'integer' },
        { key: 'complaints', header: '投诉', kind: 'integer' },
        { key: 'substantiated', header: '投诉属实', kind: 'integer' }
      ],
      rows: bySection,
      notes: [
        `只列有差评或投诉的科室；无科室的评价与投诉只计入全局数（各科室差评合计 ` +
          `${formatNumber(sumCounts(sections, 'current', 'badRatings'))} 条，投诉合计 ` +
          `${formatNumber(sumCounts(sections, 'current', 'complaints'))} 件）。`
      ]
    };
    return {
      paragraphs: [
        `本月差评 ${formatNumber(now.badRatings)} 条（上月 ${formatNumber(before.badRatings)} 条），` +
          `已整改 ${formatNumber(now.badRatingsRectified)} 条；投诉 ${formatNumber(now.complaints)} 件` +
          `（上月 ${formatNumber(before.complaints)} 件），其中属实 ${formatNumber(now.complaintsSubstantiated)} 件。` +
          (bySection.length === 0 ? '各科室本月均无差评和投诉。' : '')
      ],
      tables: [
        countTable('差评与投诉（条、件）', [
          countRow('差评（1–2级）', now.badRatings, before.badRatings),
          countRow('其中已整改', now.badRatingsRectified, before.badRatingsRectified),
          countRow('投诉', now.complaints, before.complaints),
          countRow('其中属实', now.complaintsSubstantiated, before.complaintsSubstantiated),
          countRow('其中已办结', now.complaintsClosed, before.complaintsClosed)
        ]),
        rateTable('差评整改', [
          rateRow(
            '差评整改率',
            ratio(nowFigures, 'bad_rating_rectified_rate'),
            ratio(beforeFigures, 'bad_rating_rectified_rate')
          ),
          rateRow(
            '差评按期整改率',
            ratio(nowFigures, 'bad_rating_rectified_on_time_rate'),
            ratio(beforeFigures, 'bad_rating_rectified_on_time_rate')
          )
        ]),
        ...(bySection.length ? [sectionTable] : [])
      ]
    };
  }
};
