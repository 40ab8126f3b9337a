import type { HandlerMap } from '../handlers';
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
import { cancelArchive, exportArchive } from '../archive/export-archive';
import { verifyArchive } from '../archive/verify-archive';
import { trustedCertificates } from './certificates/store';

type SigningMethod = Extract<Method, `certificates.${string}` | 'documents.verify' | `archive.${string}`>;

export const signingHandlers: HandlerMap<SigningMethod> = {
  'certificates.list': (ctx) => listCertificates(ctx),
  'certificates.status': (ctx) => keystoreStatus(ctx),
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
  'documents.verify': (ctx, i) => verifyWithStore(ctx, decodeBase64File(i.fileBase64)),
  'archive.export': (ctx, i) => exportArchive(ctx, i),
  'archive.cancel': (_ctx, i) => cancelArchive(i.taskId),
  // the desktop's main process answers this one with its own dialog; here (browser mode, CLI) there is none
  'archive.chooseTarget': () => ({ available: false, path: null }),
  'archive.verify': (ctx, i) =>
    verifyArchive(i.path ?? decodeBase64File(i.fileBase64!), { trusted: trustedCertificates(ctx) }),
};
