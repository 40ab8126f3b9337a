import crypto from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import {
  OID,
  Type,
  boolean,
  bytesOf,
  children,
  integerFromBytes,
  integerHex,
  isUniversal,
  nullValue,
  octets,
  oid,
  parseDer,
  sequence,
  toDer,
} from './asn1';
import { readTimestampToken } from './token';

/** How long Samråd waits for a time-stamping authority before telling the user it is too slow. */
export const TSA_TIMEOUT_MS = 10_000;
/** A timestamp reply is a few kilobytes; anything far larger is not one. */
const MAX_REPLY_BYTES = 256 * 1024;

export type TimestampFailure = 'tsa_unreachable' | 'tsa_slow' | 'tsa_refused' | 'tsa_bad_answer';

export function timestampFailed(failure: TimestampFailure, url: string, detail: string): AppError {
  return new AppError('TIMESTAMP_FAILED', `The time-stamping service ${url} gave no timestamp: ${detail}`, {
    params: { reason: `signing.errors.${failure}`, url, detail },
  });
}

/** DER TimeStampReq (RFC 3161 §2.4.1) for a SHA-256 imprint, asking for the TSA's certificate. */
export function timestampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  return toDer(
    sequence([
      integerFromBytes(Buffer.from([1])),
      sequence([sequence([oid(OID.sha256), nullValue()]), octets(imprint)]),
      integerFromBytes(nonce),
      boolean(true),
    ]),
  );
}

/** A positive INTEGER's content octets: 8 random bytes, the first below 0x80 and not 0. */
function randomNonce(): Buffer {
  const nonce = crypto.randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01;
  return nonce;
}

/** The token from a TimeStampResp, once it is granted and answers this request; else a bad-answer error. */
export function tokenFromReply(reply: Buffer, imprint: Buffer, nonceHex: string, url: string): Buffer {
  let status: number;
  let token: Buffer;
  try {
    const [statusInfo, tokenNode] = children(parseDer(reply));
    const statusNode = children(statusInfo)[0];
    if (!isUniversal(statusNode, Type.INTEGER)) throw new Error('no status');
    status = bytesOf(statusNode).readIntBE(0, Math.min(6, bytesOf(statusNode).length));
    if (status > 1) throw timestampFailed('tsa_refused', url, `the service refused the request (status ${status})`);
    if (!tokenNode) throw new Error('no token');
    token = toDer(tokenNode);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw timestampFailed('tsa_bad_answer', url, 'the answer is not an RFC 3161 timestamp reply');
  }
  let read: ReturnType<typeof readTimestampToken>;
  try {
    read = readTimestampToken(token);
  } catch (error) {
    throw timestampFailed('tsa_bad_answer', url, (error as Error).message);
  }
  if (read.hashAlgorithm !== 'sha256' || !read.hashedMessage.equals(imprint))
    throw timestampFailed('tsa_bad_answer', url, 'the timestamp is for other data than was sent');
  if (read.nonceHex !== nonceHex)
    throw timestampFailed('tsa_bad_answer', url, 'the timestamp does not answer this request');
  if (read.certificates.length === 0)
    throw timestampFailed('tsa_bad_answer', url, 'the timestamp carries no certificate of the service');
  return token;
}

async function readCapped(response: Response, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw timestampFailed('tsa_bad_answer', url, 'the answer is far larger than a timestamp');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * Asks a time-stamping authority (RFC 3161 over HTTP) for a token over `data`'s SHA-256.
 * Waits at most `timeoutMs`; every failure is a TIMESTAMP_FAILED error naming what happened,
 * so the caller can offer to sign without a timestamp or to try again later.
 */
export async function requestTimestamp(url: string, data: Uint8Array, timeoutMs = TSA_TIMEOUT_MS): Promise<Buffer> {
  const imprint = crypto.createHash('sha256').update(data).digest();
  const nonce = randomNonce();
  const signal = AbortSignal.timeout(timeoutMs);
  let reply: Buffer;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(timestampRequest(imprint, nonce)),
      signal,
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw timestampFailed('tsa_refused', url, `the service answered HTTP ${response.status}`);
    }
    reply = await readCapped(response, url);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted)
      throw timestampFailed('tsa_slow', url, `no answer within ${Math.round(timeoutMs / 1000)} seconds`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw timestampFailed('tsa_unreachable', url, cause?.code ?? cause?.message ?? (error as Error).message);
  }
  return tokenFromReply(reply, imprint, integerHex(integerFromBytes(nonce))!, url);
}
