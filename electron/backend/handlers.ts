import type { Method, Output, ParsedInput } from '../../shared/contract';
import type { Ctx } from './context';
import { participantsHandlers } from './participants/handlers';
import { systemHandlers } from './system/handlers';
import { agreementsHandlers } from './agreements/handlers';
import { meetingsHandlers } from './meetings/handlers';
import { signingHandlers } from './signing/handlers';
import { archiveHandlers } from './archive/handlers';
import { databaseHandlers } from './db/handlers';
import { recordsHandlers } from './records/handlers';
import { searchHandlers } from './search/handlers';
import { exportsHandlers } from './export/handlers';

export type Handler<M extends Method> = (ctx: Ctx, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type HandlerMap<M extends Method = Method> = { [K in M]: Handler<K> };

/** Every contract method must have a handler here: a missing one is a compile error. */
export const handlers: HandlerMap = {
  ...systemHandlers,
  ...participantsHandlers,
  ...agreementsHandlers,
  ...meetingsHandlers,
  ...signingHandlers,
  ...archiveHandlers,
  ...databaseHandlers,
  ...searchHandlers,
  ...recordsHandlers,
  ...exportsHandlers,
};
