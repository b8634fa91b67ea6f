// Labels and addresses of third-party evaluation, shared by the server and the pages.

export type InstrumentKind = 'facility' | 'visit' | 'survey';

export const INSTRUMENT_LABELS: Record<InstrumentKind, string> = {
  facility: '明察',
  visit: '暗访',
  survey: '满意度'
};

/** What one record of each instrument is called. */
export const RECORD_LABELS: Record<InstrumentKind, string> = {
  facility: '明察检查',
  visit: '暗访记录',
  survey: '满意度问卷'
};

/** The URL segment of each instrument: /evaluation/rounds/1/visits/new. */
export const INSTRUMENT_SLUGS = { facility: 'facility', visits: 'visit', surveys: 'survey' } as const;
export type InstrumentSlug = keyof typeof INSTRUMENT_SLUGS;
export const SLUG_OF: Record<InstrumentKind, InstrumentSlug> = {
  facility: 'facility',
  visit: 'visits',
  survey: 'surveys'
};

export const isInstrumentSlug = (value: string): value is InstrumentSlug => value in INSTRUMENT_SLUGS;

/** The five-level scale, 非常满意 5 … 非常不满意 1. */
export const LEVELS = [5, 4, 3, 2, 1] as const;
export const LEVEL_LABELS: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意'
};

export const CHANNEL_LABELS = {
  onsite: '现场',
  phone: '电话回访',
  online: '网上',
  sms: '短信'
} as const;
export type SurveyChannel = keyof typeof CHANNEL_LABELS;

export const ROUND_STATUS_LABELS = { draft: '录入中', submitted: '已提交（锁定）' } as const;

/** 'YYYY-MM-01' → '2026年10月' */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
