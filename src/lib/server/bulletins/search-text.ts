import { monthLabel, type BulletinContent } from '../../bulletins';

// What the bulletin search matches: every word a reader might remember of a bulletin —
// its month (2026-10 and 2026年10月), number, title, the leader's commentary, the
// correction note, and the text of every section (titles, paragraphs, table titles and
// text cells such as section names). Numbers in cells are left out: they only add noise.
// Stored with the row, frozen with it at publication. Pure.

export interface SearchableBulletin {
  title: string;
  month: string;
  number: string | null;
  commentary: string;
  correctionNote: string | null;
  content: BulletinContent;
}

export function buildSearchText(b: SearchableBulletin): string {
  const parts = [b.month, monthLabel(b.month), b.number ?? '', b.title, b.commentary, b.correctionNote ?? ''];
  for (const section of b.content.sections) {
    parts.push(section.title);
    if (section.status === 'unavailable') {
      parts.push(section.reason);
      continue;
    }
    parts.push(...section.paragraphs);
    for (const table of section.tables) {
      parts.push(table.title);
      for (const row of table.rows) {
        for (const column of table.columns) {
          const cell = row[column.key];
          if (column.kind === 'text' && typeof cell === 'string') parts.push(cell);
        }
      }
    }
  }
  return parts
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n')
    .toLowerCase();
}

export const MAX_TERMS = 5;
const MAX_TERM_LENGTH = 50;

/**
 * The terms of a search box, each to be found (all of them): whitespace-separated,
 * lower-cased, at most five of at most fifty characters. 2026-1 is read as 2026-01.
 */
export function searchTerms(query: string | null | undefined): string[] {
  return (query ?? '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, MAX_TERM_LENGTH).replace(/^(\d{4})-(\d)$/, '$1-0$2'));
}

/** A LIKE pattern that finds the term anywhere, its own % _ and \ taken literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
