import { exitWithError, StartupError } from './lib/fail';

// `npm run bench -- <name> [options]`: benchmarks whose figures go in docs/benchmarks.md.
const BENCHMARKS: Record<string, () => Promise<(args: string[]) => Promise<void>>> = {
  generate: async () => (await import('./bench/generate')).benchGenerate,
  clock: async () => (await import('./bench/clock')).benchClock,
  sync: async () => (await import('./bench/sync')).benchSync,
  'sync-scale': async () => (await import('./bench/sync-scale')).benchSyncScale,
  dashboard: async () => (await import('./bench/dashboard')).benchDashboard,
  bundle: async () => (await import('./bench/bundle')).benchBundle,
  appraisal: async () => (await import('./bench/appraisal')).benchAppraisal,
  load: async () => (await import('./bench/load')).benchLoad,
  monthly: async () => (await import('./bench/monthly')).benchMonthly
};

async function main([name, ...args]: string[]): Promise<void> {
  const load = name ? BENCHMARKS[name] : undefined;
  if (!load) {
    throw new StartupError(`用法 / usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
  }
  await (
    await load()
  )(args);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => exitWithError(error)
);
