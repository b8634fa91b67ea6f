// The clock of a case: public API (see deadlines.ts and docs/rules/clock.md).
export { computeClock } from './deadlines';
export { calendarIndex, CalendarIndex, dateOfDay, dayOfDate, dayOfInstant } from './day-index';
export { deriveStopIntervals } from './stops';
export { MAX_EXTENSION_DAYS } from './extensions';
export { yellowThreshold } from './warnings';
export { COLOUR_NAMES, FLAG_NAMES, PROCEDURE_NAMES } from './labels';
export * from './types';
