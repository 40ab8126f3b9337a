import type { HandlerMap } from '../../handlers';
import type { Method } from '../../../../shared/contract';
import { sha256Hex } from '../../export/write-file';
import { coSignWithPkcs12 } from '../co-sign-file';
import { decodeBase64File } from '../verify-docx';
import {
  createLocalPersonCertificate,
  importPersonPkcs12,
  listPersonCertificates,
  removePersonCertificate,
} from './person-certificates';
import { registerPersonalSigningSqlErrors } from './errors';

registerPersonalSigningSqlErrors();

type PersonalSigningMethod = Extract<Method, `personCertificates.${string}` | 'documents.sign'>;

export const personalSigningHandlers: HandlerMap<PersonalSigningMethod> = {
  'personCertificates.list': (ctx, i) => listPersonCertificates(ctx, i.personId),
  'personCertificates.import': (ctx, i) =>
    importPersonPkcs12(ctx, {
      personId: i.personId,
      bytes: decodeBase64File(i.fileBase64),
      password: i.password,
      label: i.label,
    }),
  'personCertificates.createLocal': (ctx, i) => createLocalPersonCertificate(ctx, i),
  'personCertificates.remove': (ctx, i) => removePersonCertificate(ctx, i.id),
  'documents.sign': async (ctx, i) => {
    const signed = await coSignWithPkcs12(
      decodeBase64File(i.fileBase64),
      decodeBase64File(i.pkcs12Base64),
      i.password,
      { role: i.role ?? undefined, comment: i.comment ?? undefined },
      ctx.clock.now(),
    );
    return { base64: Buffer.from(signed).toString('base64'), sha256: sha256Hex(signed) };
  },
};
