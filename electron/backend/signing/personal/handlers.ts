import type { HandlerMap } from '../../handler';
import type { Method } from '../../../../shared/contract';
import { decodeBase64File } from '../verify-docx';
import {
  createLocalPersonCertificate,
  importPersonPkcs12,
  listPersonCertificates,
  removePersonCertificate,
} from './person-certificates';

type PersonalSigningMethod = Extract<Method, `personCertificates.${string}`>;

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
};
