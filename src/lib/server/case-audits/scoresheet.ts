// The scoresheet is pure and also runs in the browser (the live total on the review page),
// so it lives in src/lib/scoresheet.ts; this re-export keeps the server imports working.
export * from '../../scoresheet';
