import { auditsSection } from './audits';
import { awardsSection } from './awards';
import { covertVisitsSection } from './covert-visits';
import { evaluationSection } from './evaluation';
import { headlineSection } from './headline';
import { interviewsSection } from './interviews';
import { overdueSection } from './overdue';
import { ratingsSection } from './ratings';
import { rectificationSection } from './rectification';
import type { SectionProvider } from './types';

// The bulletin's sections in the order they print (shared/spec/surveys.md, "Contents").
// A new section is a provider file in this folder and a line here.
export const SECTION_PROVIDERS: readonly SectionProvider[] = [
  headlineSection,
  evaluationSection,
  covertVisitsSection,
  overdueSection,
  ratingsSection,
  auditsSection,
  rectificationSection,
  awardsSection,
  interviewsSection
];
