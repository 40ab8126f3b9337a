import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';

/**
 * Adds an ECMA-376 package signature to an exported .docx with the organisation's active
 * signing certificate. Callers check first that the record may be signed (a signed agreement
 * version, an attested protocol).
 */
export async function signExport(_ctx: Ctx, _bytes: Uint8Array): Promise<Uint8Array> {
  throw new AppError('INVALID_STATE', 'Signing Word files is not available yet', { params: { reason: 'signing_unavailable' } });
}
