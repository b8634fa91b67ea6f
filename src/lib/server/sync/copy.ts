import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

// COPY between connections, in PostgreSQL's text format (tab-separated, \N for null).

/**
 * Streams `COPY (query) TO STDOUT` on one connection into `COPY … FROM STDIN` on another.
 * `binary`: in PostgreSQL's binary format on both sides (no text output and parsing of
 * each value; the query's column types must then be exactly those of the target columns).
 */
export async function pipeCopy(
  from: pg.ClientBase,
  query: string,
  into: pg.ClientBase,
  copyInSql: string,
  options: { binary?: boolean } = {}
): Promise<number> {
  const format = options.binary ? ' WITH (FORMAT binary)' : '';
  const reader = from.query(copyTo(`COPY (${query}) TO STDOUT${format}`));
  const writer = into.query(copyFrom(copyInSql + format));
  await pipeline(reader, writer);
  return writer.rowCount;
}

/**
 * Runs `COPY (query) TO STDOUT` and hands each row to `onLine` as one line of COPY text
 * (without its newline; fields separated by tabs, `\N` for null).
 */
export async function readCopyLines(
  client: pg.ClientBase,
  query: string,
  onLine: (line: string) => void
): Promise<number> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
  let carry = '';
  let rows = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end));
      rows++;
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (carry) throw new Error('COPY output ended in the middle of a row');
  return rows;
}

/**
 * COPYs lines (each ending with a newline) in chunks of about 256 kB. `lines` may be a
 * generator that computes them: PostgreSQL then ingests one chunk while the next is
 * computed, and a full socket makes the generator wait.
 */
export async function writeCopyLines(
  client: pg.ClientBase,
  copyInSql: string,
  lines: Iterable<string>
): Promise<number> {
  const stream = client.query(copyFrom(copyInSql));
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error: Error) => {
      failure ??= error;
      reject(error);
    });
  });
  finished.catch(() => {}); // awaited below; an early failure must not count as unhandled
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    chunk.push(line);
    size += line.length;
    if (size >= 1 << 18) {
      if (!stream.write(chunk.join(''))) await Promise.race([once(stream, 'drain'), finished]);
      if (failure) throw failure;
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) stream.write(chunk.join(''));
  stream.end();
  await finished;
  return stream.rowCount;
}
