import type { Ctx } from '../context';
import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import {
  activateCertificate,
  createLocalCertificate,
  importPkcs12,
  importTrusted,
  keystoreStatus,
  listCertificates,
  lock,
  removeCertificate,
  unlock,
} from './certificates/store';
import { decodeBase64File, verifyWithStore } from './verify-docx';
import { signingReadiness } from './readiness';
import { checkTsaUrl, setTsaUrl, tsaUrlOf } from './timestamp/tsa-setting';
import type { TrustedTimeRequest } from './timestamp/trusted-time';
import { coSignDocument, coSignToFile, coSignWithPkcs12 } from './co-sign-file';
import { personIdentity } from './personal/person-certificates';
import { sha256Hex } from '../export/write-file';

/** The TSA a co-signature asks: the one named in the call, else the database's setting. */
function coSignTime(ctx: Ctx, input: { tsaUrl?: string; withoutTimestamp: boolean }): TrustedTimeRequest {
  return {
    tsaUrl: input.tsaUrl === undefined ? tsaUrlOf(ctx) : checkTsaUrl(input.tsaUrl),
    withoutTimestamp: input.withoutTimestamp,
  };
}

type SigningMethod = Extract<Method, `certificates.${string}` | `timestamps.${string}` | `documents.${string}`>;

export const signingHandlers: HandlerMap<SigningMethod> = {
  'certificates.list': (ctx) => listCertificates(ctx),
  'certificates.status': (ctx) => keystoreStatus(ctx),
  'certificates.readiness': (ctx) => signingReadiness(ctx),
  'certificates.unlock': (ctx, i) => unlock(ctx, i.passphrase),
  'certificates.lock': (ctx) => lock(ctx),
  'certificates.createLocal': (ctx, i) => createLocalCertificate(ctx, i),
  'certificates.importPkcs12': (ctx, i) =>
    importPkcs12(ctx, {
      bytes: decodeBase64File(i.fileBase64),
      password: i.password,
      passphrase: i.passphrase,
      label: i.label,
    }),
  'certificates.importTrusted': (ctx, i) => importTrusted(ctx, decodeBase64File(i.fileBase64)),
  'certificates.activate': (ctx, i) => activateCertificate(ctx, i.id),
  'certificates.remove': (ctx, i) => removeCertificate(ctx, i.id),
  'timestamps.settings': (ctx) => ({ tsaUrl: tsaUrlOf(ctx) }),
  'timestamps.setAuthority': (ctx, i) => setTsaUrl(ctx, i.tsaUrl),
  'documents.coSign': async (ctx, i) => {
    const signed = await coSignWithPkcs12(
      decodeBase64File(i.fileBase64),
      decodeBase64File(i.pkcs12Base64),
      i.password,
      { role: i.role, comment: i.comment },
      ctx.clock.now(),
      coSignTime(ctx, i),
    );
    return { base64: Buffer.from(signed).toString('base64'), sha256: sha256Hex(signed) };
  },
  'documents.coSignAsPerson': async (ctx, i) => {
    const { identity } = personIdentity(ctx, i.personId, i.certificateId, i.password);
    const signed = await coSignDocument(
      decodeBase64File(i.fileBase64),
      identity,
      { role: i.role, comment: i.comment },
      ctx.clock.now(),
      coSignTime(ctx, i),
    );
    return { base64: Buffer.from(signed).toString('base64'), sha256: sha256Hex(signed) };
  },
  'documents.coSignToFile': (ctx, i) =>
    coSignToFile(
      decodeBase64File(i.fileBase64),
      decodeBase64File(i.pkcs12Base64),
      i.password,
      { role: i.role, comment: i.comment },
      ctx.clock.now(),
      coSignTime(ctx, i),
      i.target,
    ),
  'documents.verify': (ctx, i) => verifyWithStore(ctx, decodeBase64File(i.fileBase64), i.alsoTrusted),
};
