import zlib from 'node:zlib';
import { Inflate } from 'fflate';
import { AppError } from '../../../../shared/errors';

/** Limits for reading a zip file someone hands us: enough for any protocol, far below a zip bomb. */
export interface UnzipLimits {
  maxEntries: number;
  maxPartBytes: number;
  maxTotalBytes: number;
  /** largest uncompressed/compressed ratio accepted for a part bigger than 1 MB */
  maxRatio: number;
}

export const DEFAULT_LIMITS: UnzipLimits = {
  maxEntries: 5000,
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
};

function unreadable(reason: string, message: string): AppError {
  return new AppError('VALIDATION', message, { params: { reason: `signing.errors.${reason}` } });
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** A part name as it appears in a zip entry is only accepted if it stays inside the package. */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..' || segment === '.');
}

function inflateCapped(data: Uint8Array, expected: number, name: string): Uint8Array {
  const out = new Uint8Array(expected);
  let written = 0;
  // Fed in small chunks so a lying size header can never make us produce more than one
  // chunk's worth (at most ~1 MB per 1 KB of input) beyond the declared size.
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > expected)
      throw unreadable('zip_bomb', `${name} inflates to more than its declared size`);
    out.set(chunk, written);
    written += chunk.length;
  });
  const step = 1024;
  for (let at = 0; at < data.length; at += step)
    inflater.push(data.subarray(at, Math.min(at + step, data.length)), at + step >= data.length);
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (written !== expected) throw unreadable('corrupt_zip', `${name} is shorter than its declared size`);
  return out;
}

/** Where the zip's end-of-central-directory record starts, or -1 (searched from the end, past a comment of up to 64 KiB). */
function endOfCentralDirectory(bytes: Uint8Array): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (u32(bytes, at) === 0x06054b50) return at;
  }
  return -1;
}

/**
 * How many bytes follow the end of the zip (after its end record and comment). Zip readers
 * skip them, so a signature check that reads only the parts would never see them: a verifier
 * must report them.
 */
export function bytesAfterZip(bytes: Uint8Array): number {
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) return 0;
  return Math.max(0, bytes.length - (eocd + 22 + u16(bytes, eocd + 20)));
}

/**
 * Reads every entry of a zip file into memory, refusing what could harm us: entries
 * outside the package (`../`, absolute names), more data than the limits allow, sizes
 * that lie, encrypted or zip64 entries, and bad checksums.
 */
export function safeUnzip(bytes: Uint8Array, limits: UnzipLimits = DEFAULT_LIMITS): Map<string, Uint8Array> {
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50)
    throw unreadable('not_a_zip', 'The file is not a Word document (not a zip package)');
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) throw unreadable('corrupt_zip', 'The zip package has no central directory (damaged or truncated file)');
  const count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable('corrupt_zip', 'zip64 packages are not accepted');
  if (count > limits.maxEntries)
    throw unreadable('zip_bomb', `The package has ${count} entries (limit ${limits.maxEntries})`);
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50)
      throw unreadable('corrupt_zip', 'The zip central directory is damaged');
    const flags = u16(bytes, offset + 8);
    const method = u16(bytes, offset + 10);
    const crc = u32(bytes, offset + 16);
    const compressedSize = u32(bytes, offset + 20);
    const size = u32(bytes, offset + 24);
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    const local = u32(bytes, offset + 42);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (!isSafeEntryName(name))
      throw unreadable('unsafe_entry', `The package holds an entry outside itself: ${JSON.stringify(name)}`);
    if (flags & 1) throw unreadable('corrupt_zip', `${name} is encrypted`);
    if (parts.has(name)) throw unreadable('corrupt_zip', `${name} appears twice in the package`);
    if (size > limits.maxPartBytes) throw unreadable('zip_bomb', `${name} is too large (${size} bytes)`);
    total += size;
    if (total > limits.maxTotalBytes)
      throw unreadable('zip_bomb', 'The package unpacks to more than the accepted size');
    if (size > 1024 * 1024 && size > compressedSize * limits.maxRatio)
      throw unreadable('zip_bomb', `${name} is compressed suspiciously well (possible zip bomb)`);
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50)
      throw unreadable('corrupt_zip', `The local header of ${name} is damaged`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + compressedSize > bytes.length) throw unreadable('corrupt_zip', `${name} runs past the end of the file`);
    const raw = bytes.subarray(start, start + compressedSize);
    let data: Uint8Array;
    if (method === 0) {
      if (compressedSize !== size) throw unreadable('corrupt_zip', `${name} has inconsistent sizes`);
      data = raw.slice();
    } else if (method === 8) {
      try {
        data = inflateCapped(raw, size, name);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw unreadable('corrupt_zip', `${name} cannot be decompressed: ${(error as Error).message}`);
      }
    } else {
      throw unreadable('corrupt_zip', `${name} uses an unsupported compression method (${method})`);
    }
    if (zlib.crc32(data) !== crc) throw unreadable('corrupt_zip', `${name} fails its checksum (damaged file)`);
    parts.set(name, data);
  }
  return parts;
}
