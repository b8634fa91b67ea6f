// The environment of shared/spec/interfaces.md, read in one place.

export interface AppConfig {
  /** The product's own database. */
  databaseUrl: string;
  /** The approval database, through a SELECT-only role. */
  sourceDatabaseUrl: string;
  /** Schema of the source relations. */
  sourceSchema: string;
  port: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT 的值 "${raw}" 不是有效端口（1–65535）/ PORT "${raw}" is not a valid port`);
  }
  return port;
}

export function readSourceSchema(env: NodeJS.ProcessEnv = process.env): string {
  const schema = env.SOURCE_SCHEMA ?? 'approval';
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) {
    throw new ConfigError(`SOURCE_SCHEMA "${schema}" is not a plain schema name`);
  }
  return schema;
}

/** Reads the configuration once the URLs are known (set by the user, or by the embedded start). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL;
  const sourceDatabaseUrl = env.SOURCE_DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is not set');
  if (!sourceDatabaseUrl) throw new ConfigError('SOURCE_DATABASE_URL is not set');
  return {
    databaseUrl,
    sourceDatabaseUrl,
    sourceSchema: readSourceSchema(env),
    port: readPort(env)
  };
}
