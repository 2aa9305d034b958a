/**
 * A minimal zip writer for generated files: entries are deflated as their text is produced,
 * so a large entry is never held whole, only its compressed bytes; every entry carries the
 * same given date, so equal input gives equal bytes. Sizes and checksums are known before
 * each local header is written (no data descriptors), which strict readers prefer.
 *
 * A large entry is deflated in segments of about SEGMENT bytes, each on a thread of libuv's
 * pool while the main thread makes the next (as pigz does): every segment but the last ends
 * with a sync flush (an empty stored block, byte-aligned, not final), so their concatenation
 * is one valid deflate stream. A segment starts without the previous one's 32 KB window, which
 * at 4 MB segments costs well under 1 % of the size.
 */
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

/** Bytes of text in a segment deflated on its own (at least). */
export const SEGMENT = 4 * 2 ** 20;
/** Segments being deflated at once: their text and compressed bytes are held until written. */
const IN_FLIGHT = 3;

/** Largest size a zip without the zip64 extension can record. */
const MAX_SIZE = 0xffffffff;

/** MS-DOS time and date fields of a date, in UTC (how JSZip and most tools read them back). */
function dosDateTime(date: Date): { time: number; day: number } {
  if (date.getUTCFullYear() < 1980 || date.getUTCFullYear() > 2107) throw new RangeError(`zip entries cannot be dated ${date.toISOString()}`);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** A zip archive written entry by entry; `finish` returns its bytes. */
export class ZipWriter {
  readonly #stamp: { time: number; day: number };
  readonly #level: number;
  readonly #parts: Buffer[] = [];
  readonly #central: Buffer[] = [];
  #offset = 0;

  /** Entries dated `date`, deflated at `level` (zlib 0–9). */
  constructor(date: Date, level: number = constants.Z_DEFAULT_COMPRESSION) {
    this.#stamp = dosDateTime(date);
    this.#level = level;
  }

  /** Add a file whose content is the concatenation of `chunks` (text as UTF-8), deflated as they come. */
  async add(name: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
    const compressed: Buffer[] = [];
    let compressedSize = 0;
    // Segments being deflated, in order; each has a handler so that one failing while an
    // earlier one is awaited (or while `chunks` throws) is not an unhandled rejection.
    const deflating: Promise<Buffer>[] = [];
    let held: Uint8Array[] = [];
    let heldSize = 0;
    const segment = async (last: boolean) => {
      // Text that came as one piece of at least a segment (the sheet's rows do) is not copied.
      const input = held.length === 1 ? held[0]! : Buffer.concat(held, heldSize);
      held = [];
      heldSize = 0;
      // Output room for the whole segment in one go, so that it is deflated in one task on the pool.
      const job = deflateRawAsync(input, { level: this.#level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH, chunkSize: Math.max(64 * 1024, input.length + 1024) });
      job.catch(() => {});
      deflating.push(job);
      while (deflating.length > (last ? 0 : IN_FLIGHT - 1)) {
        const bytes = await deflating.shift()!;
        compressed.push(bytes);
        compressedSize += bytes.length;
      }
    };
    let crc = 0;
    let size = 0;
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      crc = crc32(bytes, crc);
      size += bytes.length;
      held.push(bytes);
      heldSize += bytes.length;
      if (heldSize >= SEGMENT) await segment(false);
    }
    await segment(true);
    if (size > MAX_SIZE || compressedSize > MAX_SIZE || this.#offset > MAX_SIZE) throw new RangeError(`${name} is too large for a zip without zip64 (${size} bytes)`);
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    this.#fields(local, 4, crc, compressedSize, size, fileName.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS attributes, zip 2.0
    this.#fields(central, 6, crc, compressedSize, size, fileName.length);
    // Extra field, comment, disk number, internal and external attributes: all 0.
    central.writeUInt32LE(this.#offset, 42);
    this.#central.push(central, fileName);
    this.#parts.push(local, fileName, ...compressed);
    this.#offset += local.length + fileName.length + compressedSize;
  }

  /** The finished archive. */
  finish(): Buffer {
    const centralSize = this.#central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#central.length / 2, 8);
    end.writeUInt16LE(this.#central.length / 2, 10);
    end.writeUInt32LE(centralSize, 12);
    end.writeUInt32LE(this.#offset, 16);
    return Buffer.concat([...this.#parts, ...this.#central, end]);
  }

  /** The fields local and central headers share, from "version needed" to the name's length. */
  #fields(header: Buffer, at: number, crc: number, compressedSize: number, size: number, nameLength: number): void {
    header.writeUInt16LE(20, at); // version needed: deflate
    header.writeUInt16LE(0x0800, at + 2); // names are UTF-8
    header.writeUInt16LE(8, at + 4); // deflate
    header.writeUInt16LE(this.#stamp.time, at + 6);
    header.writeUInt16LE(this.#stamp.day, at + 8);
    header.writeUInt32LE(crc, at + 10);
    header.writeUInt32LE(compressedSize, at + 14);
    header.writeUInt32LE(size, at + 18);
    header.writeUInt16LE(nameLength, at + 22);
  }
}
