import type pg from 'pg';
import { SOURCE_COLUMNS } from '../source/source-tables';
import { CopyBuffer } from './copy-buffer';
import { CopyWriter } from './copy-writer';
import type { ReferenceData } from './reference-data';

// Writes the reference tables (a few hundred rows) with binary COPY (every integer
// column of these tables is int4); `updated_at` is the start
// of the history, when the demo bureau "went live".

export async function writeReferenceData(
  client: pg.PoolClient | pg.Client,
  schema: string,
  reference: ReferenceData,
  updatedAt: number
): Promise<void> {
  const tables = [
    ['departments', reference.departments],
    ['sections', reference.sections],
    ['service_points', reference.servicePoints],
    ['windows', reference.windows],
    ['staff', reference.staff],
    ['matters', reference.matters]
  ] as const;
  for (const [table, rows] of tables) {
    const columns = SOURCE_COLUMNS[table];
    const buffer = new CopyBuffer(1 << 16);
    for (const row of rows as readonly Record<string, unknown>[]) {
      buffer.row(columns.length);
      for (const column of columns) {
        const value = row[column];
        if (column === 'updated_at') buffer.timestamp(updatedAt);
        else if (value === null || value === undefined) buffer.null();
        else if (typeof value === 'number') buffer.int4(value);
        else if (typeof value === 'boolean') buffer.bool(value);
        else buffer.text(String(value));
      }
    }
    const writer = new CopyWriter(client, schema, table, columns, true);
    await writer.write(buffer.take());
    await writer.end();
  }
}
