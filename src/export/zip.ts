/**
 * A minimal zip writer for generated files: entries are deflated as their text is produced,
 * so a large entry is never held whole, only its compressed bytes; every entry carries the
 * same given date, so equal input gives equal bytes. Sizes and checksums are known before
 * each local header is written (no data descriptors), which strict readers prefer.
 */
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

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

  /** Add a file whose UTF-8 text is the concatenation of `chunks`, deflated as they come. */
  async add(name: string, chunks: Iterable<string>): Promise<void> {
    const deflate = createDeflateRaw({ level: this.#level });
    const compressed: Buffer[] = [];
    let compressedSize = 0;
    deflate.on('data', (b: Buffer) => {
      compressed.push(b);
      compressedSize += b.length;
    });
    const ended = once(deflate, 'end');
    let crc = 0;
    let size = 0;
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
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
