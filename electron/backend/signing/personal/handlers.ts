import type { HandlerMap } from '../../handler';
import type { Method } from '../../../../shared/contract';
import { decodeBase64File } from '../verify-docx';
import {
  createLocalPersonCertificate,
  importPersonPkcs12,
  listPersonCertificates,
  removePersonCertificate,
} from './person-certificates';
import { pageActs } from './act-list';

type PersonalSigningMethod = Extract<Method, `personCertificates.${string}` | 'attestations.list'>;

export const personalSigningHandlers: HandlerMap<PersonalSigningMethod> = {
  'attestations.list': (ctx, i) => pageActs(ctx, i),
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
