import { formatNumber, formatPercent, formatQuantity } from './format';
import type { Role } from './roles';

// The monthly bulletin (每月集中通报) as pages, the XLSX export and the search text read
// it: a document of numbered sections, each either paragraphs and tables or the reason it
// is missing. Stored as this shape (bulletins.content), so a bulletin published years ago
// still renders after its section providers have changed. Rules: docs/rules/bulletins.md.

/** May open the list and drafts (inspectors read, only leaders write). */
export const BULLETIN_DRAFT_ROLES: readonly Role[] = ['leader', 'inspector'];
/** May open published bulletins: a published bulletin is circulated to every section. */
export const BULLETIN_READ_ROLES: readonly Role[] = ['leader', 'inspector', 'section_head'];
/** Draft, edit, refresh, publish and correct (shared/spec/security.md: leaders publish). */
export const BULLETIN_WRITE_ROLES: readonly Role[] = ['leader'];

export const BULLETIN_HEADING = '审批效能每月集中通报';

export type BulletinStatus = 'draft' | 'published';
export const STATUS_LABELS: Record<BulletinStatus, string> = { draft: '草稿', published: '已发布' };

/** How a column's cells read: text as is, counts, one-decimal numbers, ratios as %. */
export type BulletinColumnKind = 'text' | 'integer' | 'decimal' | 'percent';

export interface BulletinColumn {
  key: string;
  header: string;
  kind: BulletinColumnKind;
}

export type BulletinCell = string | number | null;

export interface BulletinTable {
  title: string;
  columns: BulletinColumn[];
  rows: Record<string, BulletinCell>[];
  /** Lines under the table: what the figures count, small samples, as-of times. */
  notes?: string[];
}

export interface SectionBody {
  paragraphs: string[];
  tables: BulletinTable[];
}

export type BulletinSection = { key: string; title: string } & (
  ({ status: 'ok' } & SectionBody) | { status: 'unavailable'; reason: string }
);

export interface BulletinContent {
  version: 1;
  /** 'YYYY-MM'. */
  month: string;
  period: { from: string; to: string };
  previous: { from: string; to: string };
  /** The bureau-local date the "now" figures were read (drafting or the last refresh). */
  asOf: string;
  sections: BulletinSection[];
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、二、… 十、十一、: the numbering of a formal document's sections. */
export function chineseOrdinal(n: number): string {
  if (n >= 1 && n <= 10) return ORDINALS[n - 1];
  if (n > 10 && n < 20) return `十${ORDINALS[n - 11]}`;
  if (n >= 20 && n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${ORDINALS[tens - 1]}十${ones ? ORDINALS[ones - 1] : ''}`;
  }
  return String(n);
}

/** '2026-10' → '2026年10月'. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/** A cell as the document prints it: 1,234 · 96.4% · 3.25 · text; — when missing. */
export function formatCell(value: BulletinCell, kind: BulletinColumnKind): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'integer':
      return formatNumber(value);
    case 'decimal':
      return formatQuantity(value);
    case 'percent':
      return formatPercent(value);
    default:
      return String(value);
  }
}

export const MAX_COMMENTARY = 5000;
