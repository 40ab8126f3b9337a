import type { Ctx } from '../context';
import { write } from '../audit/log';
import { sha256Hex } from './write-file';
import type { AuditEntity } from '../audit/actions';

/** Records an export in the audit log of the record it came from, so it shows in its history. */
export function logExport(
  ctx: Ctx,
  entity: AuditEntity,
  entityId: number,
  fileName: string,
  bytes: Uint8Array,
  details: Record<string, unknown> = {},
): string {
  const sha256 = sha256Hex(bytes);
  write(ctx, (record) =>
    record({ action: 'export', entity, entityId, after: { fileName, sha256, bytes: bytes.length, ...details } }),
  );
  return sha256;
}
