import type { Kysely } from 'kysely';
import type { BulletinContent } from '../../bulletins';
import type { Database } from '../db/database';
import type { KpiCounts } from '../kpis/kpi-definitions';
import { UNCUT } from '../kpis/kpi-filter';
import { loadCounts } from '../kpis/kpi.service';
import { assembleContent, type ProviderResult } from './assemble';
import { monthPeriod, previousMonth } from './month';
import { SECTION_PROVIDERS } from './sections/index';
import { loadSectionCounts, type SectionCounts } from './sections/section-counts';
import type { SectionContext, SectionProvider } from './sections/types';

// Runs every section provider for a month and assembles the content to store. Providers
// run one after another: the job shares two cores with the sync, and a bulletin is
// drafted once a month. The counts two providers need are loaded once.

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

export async function composeBulletin(
  db: Kysely<Database>,
  month: string,
  asOf: string,
  providers: readonly SectionProvider[] = SECTION_PROVIDERS
): Promise<BulletinContent> {
  const period = monthPeriod(month);
  const previous = monthPeriod(previousMonth(month));
  const context: SectionContext = {
    db,
    month,
    period,
    previous,
    asOf,
    bureauCounts: once(async (): Promise<{ current: KpiCounts; previous: KpiCounts }> => ({
      current: await loadCounts(db, period, UNCUT),
      previous: await loadCounts(db, previous, UNCUT)
    })),
    sectionCounts: once((): Promise<SectionCounts[]> => loadSectionCounts(db, period, previous))
  };
  const results: ProviderResult[] = [];
  for (const provider of providers) {
    const { key, title } = provider;
    try {
      results.push({ key, title, outcome: await provider.load(context) });
    } catch (error) {
      results.push({ key, title, failed: error instanceof Error ? error.message : String(error) });
    }
  }
  return assembleContent(month, period, previous, asOf, results);
}
