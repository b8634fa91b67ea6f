import type { Kysely } from 'kysely';
import type { SectionBody } from '../../../bulletins';
import type { Period } from '../../../kpis/periods';
import type { Database } from '../../db/database';
import type { KpiCounts } from '../../kpis/kpi-definitions';
import type { SectionCounts } from './section-counts';

// What a bulletin section is: one provider per section, each in its own file in this
// folder, returning its paragraphs and tables or why it has none yet (in Chinese, shown
// in the bulletin in place of the section). A provider reads; it never writes.

export interface SectionContext {
  db: Kysely<Database>;
  /** 'YYYY-MM': the month reported on. */
  month: string;
  period: Period;
  /** The month before, for the comparisons. */
  previous: Period;
  /** The bureau-local date of drafting: the "now" figures (open, overdue) are as of it. */
  asOf: string;
  /** The bureau-wide KPI counts of the month and the month before (loaded once). */
  bureauCounts(): Promise<{ current: KpiCounts; previous: KpiCounts }>;
  /** The KPI counts of every section for the month and the month before (loaded once). */
  sectionCounts(): Promise<SectionCounts[]>;
}

export type SectionOutcome = SectionBody | { unavailable: string };

export interface SectionProvider {
  /** Stable key, kept in the stored content. */
  key: string;
  /** The section's heading, without its ordinal (一、…). */
  title: string;
  load(context: SectionContext): Promise<SectionOutcome>;
}

export const unavailable = (reason: string): SectionOutcome => ({ unavailable: reason });
