import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { searchRecords } from './search';
import { reindex } from './maintenance';

type SearchMethod = Extract<Method, `search.${string}`>;

export const searchHandlers: HandlerMap<SearchMethod> = {
  'search.query': (ctx, i) => searchRecords(ctx, i),
  'search.reindex': (ctx) => reindex(ctx.db),
};
