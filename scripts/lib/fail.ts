import { ConfigError } from '../../src/lib/server/config';

// Command-line entry points end with one clear message, never a stack trace, unless
// DEBUG is set. Errors that need explaining are wrapped into StartupError by the caller.

export class StartupError extends Error {
  override name = 'StartupError';
}

export function explain(error: unknown): string {
  if (error instanceof StartupError || error instanceof ConfigError) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function exitWithError(error: unknown, code = 1): never {
  console.error(`\n✖ ${explain(error)}`);
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  process.exit(code);
}
