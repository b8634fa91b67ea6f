import { scoreBins, type FileFilter } from '../../audit-overview';
import { unitMean, type Band } from '../../scoresheet';
import { wilsonInterval, type WilsonInterval } from './wilson';

// The figures of the inspectors' overview (督查概览) from the drawn files of a period,
// each with the review that counts for it. Pure: the repository reads the files, this
// module counts them (docs/rules/audits.md, 督查概览).

/** The review that counts for a drawn file: the latest submitted one not corrected since. */
export interface CountedReview {
  id: number;
  score: number;
  band: Band;
  legalityDefect: boolean;
  reviewerName: string;
  submittedAt: Date;
}

export interface DrawnFile {
  drawId: number;
  caseNo: string;
  /** The case's section now (its matter's section), or NO_SECTION. */
  sectionCode: string;
  sectionName: string | null;
  review: CountedReview | null;
}

export interface BandCounts {
  excellent: number;
  pass: number;
  fail: number;
}

export interface SectionFigures extends BandCounts {
  sectionCode: string;
  sectionName: string | null;
  drawn: number;
  reviewed: number;
  /** The unit's score: the plain mean of its reviewed files (null with none), unrounded. */
  mean: number | null;
}

export interface DefectRate {
  /** 不合格 files among the reviewed ones. */
  defects: number;
  reviewed: number;
  /** 95 % Wilson interval of the population's 不合格 share; null when nothing was reviewed. */
  interval: WilsonInterval | null;
}

export interface FileFigures {
  drawn: number;
  reviewed: number;
  pending: number;
  /** Reviewed files per 10-point bin (audit-overview.ts SCORE_BIN_LABELS). */
  bins: number[];
  sections: SectionFigures[];
  /** Every section together (the table's 合计 line). */
  total: SectionFigures;
  defectRate: DefectRate;
}

/** UTF-16 code unit order, as the draw sheet orders strata: the same everywhere. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sectionFigures(code: string, name: string | null, files: readonly DrawnFile[]): SectionFigures {
  const reviews = files.flatMap((f) => (f.review ? [f.review] : []));
  const count = (band: Band) => reviews.filter((r) => r.band === band).length;
  return {
    sectionCode: code,
    sectionName: name,
    drawn: files.length,
    reviewed: reviews.length,
    mean: unitMean(reviews.map((r) => r.score)),
    excellent: count('excellent'),
    pass: count('pass'),
    fail: count('fail')
  };
}

export function fileFigures(files: readonly DrawnFile[]): FileFigures {
  const bySection = new Map<string, DrawnFile[]>();
  for (const file of files) {
    const list = bySection.get(file.sectionCode);
    if (list) list.push(file);
    else bySection.set(file.sectionCode, [file]);
  }
  const sections = [...bySection.entries()]
    .sort(([a], [b]) => byCode(a, b))
    .map(([code, list]) => sectionFigures(code, list[0].sectionName, list));
  const total = sectionFigures('', '合计', files);
  const scores = files.flatMap((f) => (f.review ? [f.review.score] : []));
  return {
    drawn: total.drawn,
    reviewed: total.reviewed,
    pending: total.drawn - total.reviewed,
    bins: scoreBins(scores),
    sections,
    total,
    defectRate: {
      defects: total.fail,
      reviewed: total.reviewed,
      interval: wilsonInterval(total.fail, total.reviewed)
    }
  };
}

/**
 * The bands table's lines, as the export and the bulletin write them: one per section and
 * the 合计 line, the mean rounded to one decimal.
 */
export function bandRows(figures: FileFigures) {
  return [...figures.sections, figures.total].map((s) => ({
    section: s.sectionCode === '' ? '合计' : (s.sectionName ?? s.sectionCode),
    drawn: s.drawn,
    reviewed: s.reviewed,
    mean: s.mean === null ? null : Math.round(s.mean * 10) / 10,
    excellent: s.excellent,
    pass: s.pass,
    fail: s.fail
  }));
}

/** The files a drill-down list shows. */
export function filterFiles(files: readonly DrawnFile[], filter: FileFilter): DrawnFile[] {
  return files.filter((f) => {
    if (filter.status === 'reviewed' && !f.review) return false;
    if (filter.status === 'pending' && f.review) return false;
    if (filter.section !== undefined && f.sectionCode !== filter.section) return false;
    if (filter.band !== undefined && f.review?.band !== filter.band) return false;
    if (filter.draw !== undefined && f.drawId !== filter.draw) return false;
    return true;
  });
}

const BANDS: readonly string[] = ['excellent', 'pass', 'fail'];
const STATUSES: readonly string[] = ['reviewed', 'pending', 'all'];

/**
 * The list's filter from its URL. Unknown values are dropped rather than refused: a
 * hand-edited link shows a wider list, never an error page. A band implies reviewed files.
 */
export function readFileFilter(params: URLSearchParams): FileFilter {
  const status = params.get('status') ?? '';
  const band = params.get('band') ?? '';
  const section = (params.get('section') ?? '').trim();
  const draw = params.get('draw') ?? '';
  const filter: FileFilter = {
    status: STATUSES.includes(status) ? (status as FileFilter['status']) : 'reviewed'
  };
  if (BANDS.includes(band)) {
    filter.band = band as Band;
    filter.status = 'reviewed';
  }
  if (section !== '' && section.length <= 100) filter.section = section;
  if (/^\d{1,9}$/.test(draw)) filter.draw = Number(draw);
  return filter;
}
