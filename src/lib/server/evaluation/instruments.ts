// The three instruments of a round (shared/spec/surveys.md) as configured in an
// instrument set (table evaluation_instrument_sets, versioned: a change is a new set).

import type { InstrumentKind } from '../../evaluation';

export { CHANNEL_LABELS, INSTRUMENT_LABELS, LEVEL_LABELS, LEVELS } from '../../evaluation';
export type { InstrumentKind, SurveyChannel } from '../../evaluation';
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ['facility', 'visit', 'survey'];

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
