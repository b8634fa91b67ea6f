import type { Kysely } from 'kysely';
import type { JobTrigger } from '../db/database';
import { createKysely } from '../db/connect';
import { getDb, getSource } from '../db/index';
import type { SourceDatabase } from '../source/source-tables';
import type { JobContext } from './job';

// Builds the context every job receives. The demo writer exists only when `npm start`
// (or `npm run job`) found the embedded demo source; a real source is never written.

let demoWriter: Kysely<SourceDatabase> | undefined;

export function configureDemoSourceWriter(url: string | undefined): void {
  demoWriter = url
    ? createKysely<SourceDatabase>(url, { max: 2, applicationName: 'oversight-demo-writer' }).withSchema(
        'approval'
      )
    : undefined;
}

export function createJobContext(trigger: JobTrigger, log: (message: string) => void): JobContext {
  return { db: getDb(), source: getSource(), demoSourceWriter: demoWriter, trigger, log };
}

export async function closeDemoSourceWriter(): Promise<void> {
  const writer = demoWriter;
  demoWriter = undefined;
  await writer?.destroy();
}
