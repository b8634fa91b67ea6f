import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { to as copyTo } from 'pg-copy-streams';
import { connectClient, closeClient } from '../sync/product-connection';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  quoteIdent,
  readMigrations,
  readTables,
  type BackupHeader
} from './catalog';

// A logical backup of the product database (docs/operations.md): one gzip file holding a
// JSON header (the migrations applied, the tables and their columns), then each table's
// rows as COPY text, each table closed by a line `\.`, and a closing line `END {rows}`.
// All tables are read in one REPEATABLE READ snapshot, so the file is consistent while the
// product keeps running. (pg_dump would do, but the embedded PostgreSQL ships none and
// Debian's is older than the server; this needs only the application's own role.)

export interface BackupResult {
  tables: number;
  rows: Record<string, number>;
}

const countLines = (chunk: Buffer) => {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
};

export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const client = await connectClient(url, 'oversight-backup');
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = async (text: string | Buffer) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: await readMigrations(client),
      tables: await readTables(client)
    };
    await write(JSON.stringify(header) + '\n');
    const rows: Record<string, number> = {};
    for (const table of header.tables) {
      await write(`TABLE ${table.name}\n`);
      const columns = table.columns.map(quoteIdent).join(', ');
      const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
      const stream = client.query(
        copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(table.name)}${order}) TO STDOUT`)
      );
      let count = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        count += countLines(chunk);
        await write(chunk);
      }
      rows[table.name] = count;
      await write('\\.\n');
    }
    await write(`END ${JSON.stringify({ rows })}\n`);
    await client.query('COMMIT');
    gzip.end();
    await written;
    return { tables: header.tables.length, rows };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    throw error;
  } finally {
    await closeClient(client);
  }
}
