import { nameKey } from '../../../shared/text/collate';
import { idsTerm } from './ids-term';

/** What the organisation and body registers are listed by: archived ones when asked, a search, a page. */
export interface RegisterFilter {
  includeArchived?: boolean;
  search?: string;
  ids?: number[];
  limit: number;
  after: Array<string | number> | null;
}

/**
 * The WHERE terms of a register's list over `alias` (a table with `archived` and `name_key`):
 * archived rows only when asked for or named by id (a chosen value keeps its name after it is
 * archived), the rows named by `ids`, and a search that matches the name as names are compared
 * (case folded, å/ä/ö distinct) or any of `alsoMatches` (SQL testing `@needle`).
 */
export function registerFilter(
  alias: string,
  filter: RegisterFilter,
  alsoMatches: string[] = [],
): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter.includeArchived && !filter.ids) where.push(`${alias}.archived = 0`);
  if (filter.ids) {
    where.push(idsTerm(alias));
    params.ids = JSON.stringify(filter.ids);
  }
  const needle = filter.search?.trim() ? nameKey(filter.search) : null;
  if (needle) {
    where.push(`(${[`instr(${alias}.name_key, @needle) > 0`, ...alsoMatches].join(' OR ')})`);
    params.needle = needle;
  }
  return { where, params };
}
