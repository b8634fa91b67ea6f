import type { ScoreRule } from '../../../appraisal/catalogue';
import { deriveAuditDefects, deriveAuditFailures } from './audits';
import { deriveLateConclusions, deriveRedCases, deriveStatutoryOverdue } from './clock';
import { deriveSubstantiatedComplaints } from './complaints';
import type { DeriveContext } from './context';
import { deriveBadRatings, deriveVeryGoodRatings } from './ratings';

export type Deriver = (ctx: DeriveContext, rule: ScoreRule) => Promise<number>;

/**
 * The automatic rules the jobs derive, by code (catalogue.ts). `no_one_time_notice`
 * ('both') is entered by hand for now: no source says which notices were missing.
 */
export const DERIVERS: Readonly<Record<string, Deriver>> = {
  late_conclusion: deriveLateConclusions,
  red_case: deriveRedCases,
  statutory_overdue: deriveStatutoryOverdue,
  bad_rating: deriveBadRatings,
  very_good_rating: deriveVeryGoodRatings,
  substantiated_complaint: deriveSubstantiatedComplaints,
  audit_defects: deriveAuditDefects,
  audit_failed: deriveAuditFailures
};
