import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from './copy-buffer';

// Streams binary COPY chunks (see copy-buffer.ts) into one table over one connection. Up to 8 MB may wait in
// the stream while PostgreSQL works; beyond that the generator waits, so memory stays
// flat whatever the volume.

const HIGH_WATER_MARK = 8 << 20;

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class CopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private failure: Error | null = null;

  constructor(
    client: pg.PoolClient | pg.Client,
    schema: string,
    table: string,
    columns: readonly string[],
    freeze: boolean
  ) {
    const sql =
      `COPY ${ident(schema)}.${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN` +
      ` WITH (FORMAT binary${freeze ? ', FREEZE' : ''})`;
    this.stream = client.query(copyFrom(sql, { highWaterMark: HIGH_WATER_MARK }));
    this.stream.on('error', (error: Error) => {
      this.failure ??= error;
    });
    this.stream.write(BINARY_COPY_HEADER);
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (chunk.length === 0) return;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  /** Waits until PostgreSQL has taken every row; returns the row count. */
  async end(): Promise<number> {
    if (this.failure) throw this.failure;
    this.stream.end(BINARY_COPY_TRAILER);
    await finished(this.stream);
    if (this.failure) throw this.failure;
    return this.stream.rowCount;
  }
}
