import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { historyFor, recentHistory } from '../audit/history';
import { exampleStatus, loadExample } from '../example/load';
import { getSession, setActor, setLanguage, setSessionTimeZone } from '../session/session';

type SystemMethod = Extract<Method, `session.${string}` | `example.${string}` | `history.${string}`>;

export const systemHandlers: HandlerMap<SystemMethod> = {
  'session.get': (ctx) => getSession(ctx),
  'session.setActor': (ctx, i) => setActor(ctx, i),
  'session.setLanguage': (ctx, i) => setLanguage(ctx, i.language),
  'session.setTimeZone': (ctx, i) => setSessionTimeZone(ctx, i.timeZone),
  'example.status': (ctx) => exampleStatus(ctx),
  'example.load': (ctx, i) => loadExample(ctx, i.confirmed),
  'history.forRecord': (ctx, i) => historyFor(ctx.db, i),
  'history.recent': (ctx, i) => recentHistory(ctx.db, i.limit),
};
