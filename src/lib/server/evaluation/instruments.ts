// The three instruments of a round (shared/spec/surveys.md) as configured in an
// instrument set (table evaluation_instrument_sets, versioned: a change is a new set).

export type InstrumentKind = 'facility' | 'visit' | 'survey';
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ['facility', 'visit', 'survey'];

export const INSTRUMENT_LABELS: Record<InstrumentKind, string> = {
  facility: '明察',
  visit: '暗访',
  survey: '满意度'
};

/** A checklist or visit item worth up to `points`. */
export interface PointsItem {
  key: string;
  label: string;
  points: number;
}

/** Waiting time scored in steps: the first band whose maxMinutes is not exceeded. */
export interface WaitingRule {
  label: string;
  /** Full points (what a short wait earns). */
  points: number;
  /** Ascending maxMinutes; a wait beyond the last band earns 0. */
  bands: { maxMinutes: number; points: number }[];
}

export interface SurveyAspect {
  key: string;
  label: string;
}

export interface InstrumentSet {
  id: number;
  label: string;
  facilityItems: PointsItem[];
  visitItems: PointsItem[];
  waiting: WaitingRule;
  surveyAspects: SurveyAspect[];
}

export interface Weights {
  facility: number;
  visit: number;
  survey: number;
}

export const DEFAULT_WEIGHTS: Weights = { facility: 0.2, visit: 0.3, survey: 0.5 };

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
