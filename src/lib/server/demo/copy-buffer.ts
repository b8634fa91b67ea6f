// Rows in PostgreSQL's binary COPY format written straight into a byte buffer: no
// intermediate strings for the garbage collector, and nothing for PostgreSQL to parse
// (a timestamp is an int64, not text). Each row is a field count, then per field a
// length (-1 for null) and the value in network byte order. The types must match the
// columns exactly: int4 for integer, int8 for bigint, UTF-8 for text.

/** The 19-byte header of a binary COPY stream (signature, flags, extension length). */
export const BINARY_COPY_HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0
]);
/** The trailer: a field count of -1. */
export const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

const TWO_32 = 4294967296;
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

export class CopyBuffer {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity = 1 << 21) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.pos;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** The bytes written so far; the buffer starts afresh (the result is not reused). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }

  private u32(value: number): void {
    const b = this.buf;
    const p = this.pos;
    b[p] = value >>> 24;
    b[p + 1] = (value >>> 16) & 255;
    b[p + 2] = (value >>> 8) & 255;
    b[p + 3] = value & 255;
    this.pos = p + 4;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.buf[this.pos++] = fields >>> 8;
    this.buf[this.pos++] = fields & 255;
    return this;
  }

  null(): this {
    this.ensure(4);
    this.u32(0xffffffff);
    return this;
  }

  /** An integer column. */
  int4(value: number): this {
    this.ensure(8);
    this.u32(4);
    this.u32(value | 0);
    return this;
  }

  int4OrNull(value: number | null): this {
    return value === null ? this.null() : this.int4(value);
  }

  /** A bigint column (exact up to 2^53). */
  int8(value: number): this {
    this.ensure(12);
    this.u32(8);
    const high = Math.floor(value / TWO_32);
    this.u32(high | 0);
    this.u32(value - high * TWO_32);
    return this;
  }

  bool(value: boolean): this {
    this.ensure(5);
    this.u32(1);
    this.buf[this.pos++] = value ? 1 : 0;
    return this;
  }

  boolOrNull(value: boolean | null): this {
    return value === null ? this.null() : this.bool(value);
  }

  /** A text column, UTF-8 encoded (NUL characters, which PostgreSQL refuses, are dropped). */
  text(value: string): this {
    this.ensure(value.length * 3 + 4);
    const b = this.buf;
    const start = this.pos + 4;
    let p = start;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        if (c !== 0) b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = value.charCodeAt(i + 1);
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            b[p++] = 0xf0 | (cp >> 18);
            b[p++] = 0x80 | ((cp >> 12) & 63);
            b[p++] = 0x80 | ((cp >> 6) & 63);
            b[p++] = 0x80 | (cp & 63);
            continue;
          }
          c = 0xfffd;
        }
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 63);
        b[p++] = 0x80 | (c & 63);
      }
    }
    this.u32(p - start);
    this.pos = p;
    return this;
  }

  textOrNull(value: string | null): this {
    return value === null ? this.null() : this.text(value);
  }

  /** A timestamptz column from epoch milliseconds (microseconds since 2000-01-01 UTC). */
  timestamp(ms: number): this {
    this.ensure(12);
    this.u32(8);
    const micros = (ms - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / TWO_32);
    this.u32(high | 0);
    this.u32(micros - high * TWO_32);
    return this;
  }

  timestampOrNull(ms: number | null): this {
    return ms === null ? this.null() : this.timestamp(ms);
  }
}
