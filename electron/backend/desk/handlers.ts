import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { getDesk, getDeskSettings, updateDeskSettings } from './desk';

type DeskMethod = Extract<Method, `desk.${string}`>;

export const deskHandlers: HandlerMap<DeskMethod> = {
  'desk.get': (ctx) => getDesk(ctx),
  'desk.settings': (ctx) => getDeskSettings(ctx),
  'desk.updateSettings': (ctx, i) => updateDeskSettings(ctx, i),
};
