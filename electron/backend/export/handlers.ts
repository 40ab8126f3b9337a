import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { exportToFile } from './pipeline';

type ExportsMethod = Extract<Method, `exports.${string}`>;

export const exportsHandlers: HandlerMap<ExportsMethod> = {
  'exports.toFile': (ctx, i) =>
    exportToFile(
      ctx,
      { source: i.source, lang: i.lang, sign: i.sign, withAttachments: i.withAttachments },
      i.target,
      i.overwrite,
    ),
};
