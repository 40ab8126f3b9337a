import type { HandlerMap } from './handler';
import { mergeDisjoint } from '../../shared/merge-disjoint';
import { commonSqlErrors, type SqlErrorMap } from './sql-errors';
import { participantsHandlers } from './participants/handlers';
import { systemHandlers } from './system/handlers';
import { agreementsHandlers } from './agreements/handlers';
import { agreementSqlErrors } from './agreements/errors';
import { meetingsHandlers } from './meetings/handlers';
import { meetingSqlErrors } from './meetings/sql-errors';
import { signingHandlers } from './signing/handlers';
import { archiveHandlers } from './archive/handlers';
import { databaseHandlers } from './db/handlers';
import { recordsHandlers } from './records/handlers';
import { recordSqlErrors } from './records/errors';
import { personalSigningSqlErrors } from './signing/personal/errors';
import { searchHandlers } from './search/handlers';
import { exportsHandlers } from './export/handlers';
import { personalSigningHandlers } from './signing/personal/handlers';
import { deskHandlers } from './desk/handlers';

/** Each area's handlers, by area: their keys must not overlap (test/unit/registries.test.ts). */
export const areaHandlers = {
  system: systemHandlers,
  participants: participantsHandlers,
  agreements: agreementsHandlers,
  meetings: meetingsHandlers,
  signing: signingHandlers,
  archive: archiveHandlers,
  database: databaseHandlers,
  search: searchHandlers,
  records: recordsHandlers,
  exports: exportsHandlers,
  personalSigning: personalSigningHandlers,
  desk: deskHandlers,
};

/** Every contract method must have a handler here: a missing one is a compile error, a duplicate a load error. */
export const handlers: HandlerMap = mergeDisjoint(...Object.values(areaHandlers));

/** The keys SQL rules raise (RAISE(ABORT, 'key'), constraint messages), by area. */
export const areaSqlErrors: Record<string, SqlErrorMap> = {
  common: commonSqlErrors,
  agreements: agreementSqlErrors,
  meetings: meetingSqlErrors,
  records: recordSqlErrors,
  personalSigning: personalSigningSqlErrors,
};

/** What the dispatcher turns a SQL error into, whichever area's rule raised it. */
export const sqlErrors: SqlErrorMap = mergeDisjoint(...Object.values(areaSqlErrors));
