import * as m001 from './001_foundation';
import * as m002 from './002_agreements';
import * as m003 from './003_meetings';
import * as m004 from './004_signing';
import * as m005 from './005_search';
import * as m006 from './006_records';
import * as m007 from './007_audit_changes';
import * as m008 from './008_list_indexes';
import * as m009 from './009_personal_signatures';
import * as m010 from './010_attachments';
import * as m011 from './011_action_tally';
import * as m012 from './012_agreement_signatures';
import * as m013 from './013_pending_seal';
import * as m014 from './014_action_body';
import * as m015 from './015_audit_compact';
import * as m016 from './016_desk_indexes';
import * as m017 from './017_integrity_state';
import * as m018 from './018_check_indexes';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /** SQL functions `up` calls that SQLite does not have, registered on the connection before it runs */
  functions?: Record<string, (...args: never[]) => unknown>;
}

/**
 * Every schema change, in order (versions 1, 2, 3, … without gaps: a test checks). A migration is never edited once it has shipped;
 * a change is a new numbered file here, with a test beside it.
 */
export const migrations: Migration[] = [
  { version: 1, name: '001_foundation', up: m001.up },
  { version: 2, name: '002_agreements', up: m002.up },
  { version: 3, name: '003_meetings', up: m003.up },
  { version: 4, name: '004_signing', up: m004.up },
  { version: 5, name: '005_search', up: m005.up },
  { version: 6, name: '006_records', up: m006.up },
  { version: 7, name: '007_audit_changes', up: m007.up },
  { version: 8, name: '008_list_indexes', up: m008.up },
  { version: 9, name: '009_personal_signatures', up: m009.up },
  { version: 10, name: '010_attachments', up: m010.up },
  { version: 11, name: '011_action_tally', up: m011.up },
  { version: 12, name: '012_agreement_signatures', up: m012.up },
  { version: 13, name: '013_pending_seal', up: m013.up },
  { version: 14, name: '014_action_body', up: m014.up },
  { version: 15, name: '015_audit_compact', up: m015.up, functions: m015.functions },
  { version: 16, name: '016_desk_indexes', up: m016.up },
  { version: 17, name: '017_integrity_state', up: m017.up },
  { version: 18, name: '018_check_indexes', up: m018.up },
];

export const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));
