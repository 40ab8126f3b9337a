import type { HandlerMap } from '../handlers';
import type { Method } from '../../../shared/contract';
import { registerRecordSqlErrors } from './errors';
import { listRecords, recordInfo } from './info';

registerRecordSqlErrors();

type RecordsMethod = Extract<Method, `records.${string}`>;

export const recordsHandlers: HandlerMap<RecordsMethod> = {
  'records.get': (ctx, i) => recordInfo(ctx, i),
  'records.list': (ctx, i) => listRecords(ctx, i.kind),
};
