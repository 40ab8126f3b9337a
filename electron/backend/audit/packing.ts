import zlib from 'node:zlib';

/**
 * How the audit log keeps its JSON small on disk (schema ≥ 15): each text deflated (raw DEFLATE,
 * no header). Hashes are over the text, never over these bytes, so how it is packed can change
 * without touching a single hash.
 */
export function deflateText(text: string | null): Buffer | null {
  return text === null ? null : zlib.deflateRawSync(text);
}

export function inflateText(packed: Uint8Array | null): string | null {
  return packed === null ? null : zlib.inflateRawSync(packed).toString('utf8');
}
