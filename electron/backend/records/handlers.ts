import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { listRecords, recordInfo } from './info';

type RecordsMethod = Extract<Method, `records.${string}`>;

export const recordsHandlers: HandlerMap<RecordsMethod> = {
  'records.get': (ctx, i) => recordInfo(ctx, i),
  'records.list': (ctx, i) => listRecords(ctx, i),
};
