import type { BulletinContent, BulletinSection } from '../../bulletins';
import type { Period } from '../../kpis/periods';
import type { SectionOutcome } from './sections/types';

// The bulletin's stored content from what each section provider gave. A provider that
// failed does not stop the bulletin: its section says so and asks for a refresh, and the
// leader decides whether to publish without it. Pure.

export type ProviderResult =
  { key: string; title: string; outcome: SectionOutcome } | { key: string; title: string; failed: string };

export function toSection(result: ProviderResult): BulletinSection {
  const { key, title } = result;
  if ('failed' in result) {
    return {
      key,
      title,
      status: 'unavailable',
      reason: `本节数据生成失败（${result.failed.slice(0, 200)}），请稍后重新生成草稿。`
    };
  }
  const outcome = result.outcome;
  if ('unavailable' in outcome) return { key, title, status: 'unavailable', reason: outcome.unavailable };
  return { key, title, status: 'ok', paragraphs: outcome.paragraphs, tables: outcome.tables };
}

export function assembleContent(
  month: string,
  period: Period,
  previous: Period,
  asOf: string,
  results: readonly ProviderResult[]
): BulletinContent {
  return { version: 1, month, period, previous, asOf, sections: results.map(toSection) };
}

/** 2026年10月审批效能集中通报, and （更正） for a correction. */
export function bulletinTitle(monthText: string, correction: boolean): string {
  return `${monthText}审批效能集中通报${correction ? '（更正）' : ''}`;
}
