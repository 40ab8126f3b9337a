import type { Method, Output, ParsedInput } from '../../shared/contract';
import type { Ctx } from './context';

export type Handler<M extends Method> = (ctx: Ctx, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type HandlerMap<M extends Method = Method> = { [K in M]: Handler<K> };
