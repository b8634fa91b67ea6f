// Sampled case audits: the pure rules (see docs/rules/audits.md). No database here.
export * from './sampling';
export { DEFAULT_REVIEWER_COUNT } from './reviewers';
export * from './scoresheet';
export * from './wilson';
