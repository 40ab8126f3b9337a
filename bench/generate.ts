/**
 * The one generator of large Samråd databases, for the benchmarks and (at small size) the
 * tests: everything is written through the contract, as the app writes it (validation,
 * triggers, search index and audit log included). Ten bodies meet every other week, 20 §§ a
 * meeting, so 100 000 §§ are about twenty years of a municipality's collaboration; every fourth
 * § gives an action (most of those past due are done), attendance comes from the members, and
 * each body has a few meetings still to come.
 *
 * `cachedDatabase` keeps the file in the temp folder keyed by size and schema version, since a
 * large one takes minutes to make; BENCH_FRESH=1 makes it anew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, type Backend } from '../electron/backend/backend';
import { fixedClock } from '../electron/backend/context';
import { LATEST_VERSION } from '../electron/backend/db/migrations';
import type { Input, Method, Output } from '../shared/contract';
import type { Paragraph, ParagraphFields } from '../shared/contract/meetings';
import { DECISIONS, OBJECTS, PLACES, RARE, SUBJECTS, TOPICS, VERBS, pick, random, sentence } from './swedish-text';

export const BODIES = 10;
export const PER_MEETING = 20;
/** meetings still to come per body (agenda only, no protocol) */
export const UPCOMING = 2;
const DAYS_BETWEEN = 14;

const BODY_NAMES = [
  'Chefssamrådet',
  'Lägesmöte polis och kommun',
  'Lägesmöte räddningstjänst',
  'Trygghetsgruppen Ronna',
  'Trygghetsgruppen Hovsjö',
  'Samverkansgruppen centrum',
  'Arbetsgruppen fordonsbränder',
  'Arbetsgruppen bostadsinbrott',
  'Styrgruppen medborgarlöfte',
  'Lägesmöte Järna',
];
const FIRST = ['Anna', 'Lars', 'Karin', 'Per', 'Åsa', 'Örjan', 'Eva', 'Mats', 'Sofia', 'Jonas', 'Maria', 'Björn'];
const LAST = ['Andersson', 'Öberg', 'Nylind', 'Broo', 'Wikström', 'Lindqvist', 'Håkansson', 'Ekström', 'Sjöberg'];

export interface GeneratedFacts {
  paragraphs: number;
  meetings: number;
  actions: number;
  openActions: number;
  bodyIds: number[];
  priorityIds: number[];
}

type Dispatch = Backend['dispatch'];

function caller(dispatch: Dispatch) {
  return async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as Output<M>;
  };
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Fills an empty database through `dispatch` with `paragraphs` §§ (a multiple of 200: ten
 * bodies, 20 §§ a meeting), the last held meetings just before `today`.
 */
export async function generateThroughContract(
  dispatch: Dispatch,
  o: { paragraphs: number; today: string; progress?: (done: number) => void },
): Promise<GeneratedFacts> {
  if (o.paragraphs % (BODIES * PER_MEETING) !== 0)
    throw new Error(`paragraphs must be a multiple of ${BODIES * PER_MEETING}`);
  const call = caller(dispatch);
  const r = random(20161220);
  const held = o.paragraphs / (BODIES * PER_MEETING);
  const first = addDays(o.today, -held * DAYS_BETWEEN);
  const firstYear = Number(first.slice(0, 4));

  const orgs: Array<{ id: number }> = [];
  for (const [name, kind] of [
    ['Södertälje kommun', 'kommun'],
    ['Södertälje lokalpolisområde', 'polis'],
    ['Södertörns brandförsvarsförbund', 'raddningstjanst'],
  ] as const)
    orgs.push(await call('organisations.create', { name, kind }));
  const people: Array<{ id: number }> = [];
  for (let i = 0; i < 40; i++)
    people.push(
      await call('people.create', {
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i + 1}`,
        title: pick(r, ['Samordnare', 'Kommunpolis', 'Brandinspektör', 'Enhetschef', 'Sekreterare']),
        organisationId: orgs[i % orgs.length].id,
      }),
    );

  // one agreement, a version per two-year period, five priority areas each
  const priorityIds: number[] = [];
  const priorityOfYear = new Map<number, number[]>();
  const lastYear = Number(addDays(o.today, (UPCOMING + 1) * DAYS_BETWEEN).slice(0, 4));
  let agreementId: number | null = null;
  for (let from = firstYear; from <= lastYear; from += 2) {
    const fields = {
      title: `Samverkansöverenskommelse ${from}–${from + 1}`,
      dnr: `KS ${from - 1}/${100 + from - firstYear}`,
      validFrom: `${from}-01-01`,
      validTo: `${from + 1}-12-31`,
    };
    const version: { id: number; agreementId: number } =
      agreementId === null
        ? (await call('agreements.create', { name: 'Samverkansöverenskommelse Södertälje', version: fields }))
            .versions[0]
        : await call('agreements.versions.create', { agreementId, fields });
    agreementId ??= version.agreementId;
    const ids: number[] = [];
    for (let p = 0; p < 5; p++) {
      const detail = await call('agreements.priorities.add', {
        versionId: version.id,
        fields: { title: TOPICS[p], description: sentence(r), source: 'Lokal lägesbild' },
      });
      ids.push(detail.priorities[detail.priorities.length - 1].id);
    }
    priorityIds.push(...ids);
    priorityOfYear.set(from, ids).set(from + 1, ids);
  }

  const bodyIds: number[] = [];
  for (let k = 0; k < BODIES; k++) {
    const body = await call('bodies.create', {
      name: BODY_NAMES[k],
      kind: k === 0 ? 'chefssamrad' : k < 3 || k === 9 ? 'lagesmote' : 'arbetsgrupp',
    });
    bodyIds.push(body.id);
    const member = (i: number, role: 'ordforande' | 'ledamot' | 'sekreterare') =>
      call('bodies.addMember', {
        bodyId: body.id,
        personId: people[(k * 4 + i) % people.length].id,
        role,
        from: '1999-01-01',
      });
    await member(0, 'ordforande');
    await member(1, 'sekreterare');
    for (let i = 2; i < 6; i++) await member(i, 'ledamot');
  }

  let paragraphs = 0;
  let meetings = 0;
  let actions = 0;
  let openActions = 0;
  const dnrSeq = new Map<string, number>();
  for (let i = 0; i < held + UPCOMING; i++) {
    for (let k = 0; k < BODIES; k++) {
      const date = addDays(first, i * DAYS_BETWEEN + k);
      const year = Number(date.slice(0, 4));
      const justerare = people[(k * 4 + 2 + (i % 4)) % people.length].id;
      const upcoming = i >= held;
      const meeting = await call('meetings.create', {
        bodyId: bodyIds[k],
        date,
        startTime: '09:00',
        endTime: '11:00',
        place: pick(r, ['Stadshuset', 'Polishuset', 'Brandstationen', 'Kommunhuset']),
        justerareIds: [justerare],
        applyTemplate: upcoming,
      });
      meetings++;
      if (upcoming) continue;
      const priorities = priorityOfYear.get(year) ?? [];
      for (let n = 0; n < PER_MEETING; n++) {
        const key = `${k}/${year}`;
        const seq = (dnrSeq.get(key) ?? 0) + 1;
        dnrSeq.set(key, seq);
        const topic = pick(r, TOPICS);
        const background =
          Array.from({ length: 3 + Math.floor(r() * 4) }, () => sentence(r)).join(' ') +
          ((paragraphs + n) % 5000 === 17 ? ` Frågan om ${RARE} togs upp.` : '');
        await call('agenda.add', {
          meetingId: meeting.id,
          fields: {
            kind: n % 5 === 0 ? 'information' : 'decision',
            title: `${topic[0].toLocaleUpperCase('sv')}${topic.slice(1)} i ${pick(r, PLACES)}`,
            description: background,
            presenter: pick(r, SUBJECTS),
            plannedMinutes: 5,
            priorityId: priorities.length && r() < 0.7 ? pick(r, priorities) : null,
            dnr: `KS ${year}/${seq}`,
          },
        });
      }
      const protocol = await call('protocol.create', { meetingId: meeting.id });
      paragraphs += protocol.paragraphs.length;
      for (const [n, p] of protocol.paragraphs.entries()) {
        if (n % 4 !== 1) continue;
        const due = addDays(date, 30 + Math.floor(r() * 150));
        const action = await call('actions.add', {
          paragraphId: p.id,
          fields: {
            description: `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}. ${pick(r, DECISIONS)}`,
            ownerOrganisationId: pick(r, orgs).id,
            ownerPersonId: null,
            dueDate: r() < 0.9 ? due : null,
            priorityId: r() < 0.2 && priorities.length ? pick(r, priorities) : null,
          },
        });
        actions++;
        if (due < o.today && r() < 0.8)
          await call('actions.setStatus', { id: action.id, status: 'done', doneOn: due < o.today ? due : o.today });
        else openActions++;
      }
      o.progress?.(paragraphs);
    }
  }
  return { paragraphs, meetings, actions, openActions, bodyIds, priorityIds };
}

const LATER_DECISIONS = [
  'Samrådet beslutar att uppdra åt arbetsgruppen att återkomma med en samlad lägesbild.',
  'Polisen och kommunen genomför gemensamma trygghetsvandringar under hösten.',
  'Räddningstjänsten redovisar anlagda bränder vid nästa sammanträde.',
  'Åtgärderna följs upp inom ramen för medborgarlöftet.',
  'Frågan bordläggs till nästa möte.',
];

/** The fields of a § as the editor sends them on autosave. */
export function editorFields(p: Paragraph): ParagraphFields {
  return {
    kind: p.kind,
    title: p.title,
    dnr: p.dnr,
    background: p.background,
    decision: p.decision,
    notes: p.notes,
    distribution: p.distribution,
    priorityId: p.priorityId,
    finished: p.finished,
    carryOver: p.carryOver,
  };
}

/** autosaves per writing session, and the editor's pause between them */
const SAVES_PER_SESSION = 2;
const SAVE_EVERY_MS = 10_000;

/**
 * The secretary's work on every held meeting's protocol but each body's newest (still being
 * written): during the meeting the decision texts are written (autosaves seconds apart), the next
 * day the backgrounds are edited and each § marked finished, and three days after the meeting
 * the protocol is sent for justering and attested by the chair and the justerare, which seals
 * its record. The backend's clock is moved along so the log's times and the autosave window
 * are those of real work. Only protocols still in draft are touched, so the step can be run
 * on a database generated before it existed.
 */
export async function writeAndAttestProtocols(
  backend: Pick<Backend, 'dispatch'> & { clock: { set(iso: string): void } },
  o: { today: string; progress?: (done: number) => void },
): Promise<{ attested: number }> {
  const call = caller(backend.dispatch);
  const r = random(20170320);
  const held: Array<{ id: number; date: string }> = [];
  const bodies = await call('bodies.list', { limit: 500 });
  if (bodies.next) throw new Error('more than 500 bodies: the generator makes about ten');
  for (const body of bodies.items) {
    const ofBody: typeof held = [];
    for (let after: string | undefined; ;) {
      const page = await call('meetings.list', { bodyId: body.id, before: o.today, order: 'asc', limit: 500, after });
      ofBody.push(...page.items.map((m) => ({ id: m.id, date: m.date })));
      if (!page.next) break;
      after = page.next;
    }
    held.push(...ofBody.slice(0, -1));
  }
  held.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  let attested = 0;
  for (const meeting of held) {
    const protocol = await call('protocol.get', { meetingId: meeting.id });
    if (!protocol || protocol.status !== 'draft') continue;
    const at = (days: number, time: string, plusMs = 0) =>
      backend.clock.set(new Date(Date.parse(`${addDays(meeting.date, days)}T${time}Z`) + plusMs).toISOString());
    const save = async (p: Paragraph, change: (f: ParagraphFields) => ParagraphFields) =>
      call('protocol.updateParagraph', { id: p.id, fields: change(editorFields(p)) });
    const written: Paragraph[] = [];
    for (const [n, first] of protocol.paragraphs.entries()) {
      let p = first;
      for (let k = 0; k < SAVES_PER_SESSION; k++) {
        at(0, '08:00:00', (n * SAVES_PER_SESSION + k + 1) * SAVE_EVERY_MS);
        p = await save(p, (f) => ({
          ...f,
          decision: `${f.decision ?? ''} ${pick(r, LATER_DECISIONS)}`.trim(),
        }));
      }
      written.push(p);
    }
    for (const [n, first] of written.entries()) {
      at(1, '13:00:00', (n + 1) * 6 * SAVE_EVERY_MS);
      const edited = await save(first, (f) => ({
        ...f,
        background: f.background ? f.background.replace(/\.(\s|$)/, `, enligt lägesbilden.$1`) : f.background,
      }));
      at(1, '13:00:00', (n + 1) * 6 * SAVE_EVERY_MS + SAVE_EVERY_MS);
      await save(edited, (f) => ({ ...f, finished: true }));
    }
    const place = pick(r, PLACES);
    at(3, '10:00:00');
    await call('protocol.submit', { meetingId: meeting.id });
    const date = addDays(meeting.date, 3);
    for (const attester of (await call('protocol.get', { meetingId: meeting.id }))?.pendingAttesters ?? [])
      await call('protocol.attest', { meetingId: meeting.id, personId: attester.personId, date, place });
    attested++;
    o.progress?.(attested);
  }
  return { attested };
}

export interface CachedDatabase {
  file: string;
  paragraphs: number;
  /** null when the file was reused */
  makeSeconds: number | null;
}

/** Makes a generated file's protocols written and attested (see writeAndAttestProtocols), in place. */
async function attestInPlace(file: string, today: string, started: number): Promise<void> {
  const clock = fixedClock(`${today}T08:00:00Z`);
  const backend = await startBackend(file, { clock, osUserName: 'sekreterare' });
  try {
    // a generated file: losing it to a crash costs nothing, and every autosave would wait for the disk
    backend.ctx.db.pragma('synchronous = OFF');
    await writeAndAttestProtocols(
      { dispatch: backend.dispatch, clock },
      {
        today,
        progress: (done) => {
          if (done % 500 === 0)
            process.stdout.write(
              `  … ${done} protocols attested (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
            );
        },
      },
    );
    backend.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    backend.close();
  }
}

/**
 * The generated database of `paragraphs` §§ with its protocols attested, made once and kept in
 * the temp folder (keyed by size and schema). One made at an earlier schema is brought forward
 * by the migrations, as a user's file would be; one made before the generator attested
 * protocols (`samrad-bench-N-vV`) is copied and given its protocols' history and attestations.
 */
export async function cachedDatabase(paragraphs: number): Promise<CachedDatabase> {
  const fileAt = (version: number, attested = true) =>
    path.join(os.tmpdir(), `samrad-bench-${paragraphs}${attested ? '-attested' : ''}-v${version}.sqlite`);
  const file = fileAt(LATEST_VERSION);
  const fresh = Boolean(process.env.BENCH_FRESH);
  if (fs.existsSync(file) && !fresh) return { file, paragraphs, makeSeconds: null };
  const today = new Date().toISOString().slice(0, 10);
  const started = performance.now();
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  for (let version = LATEST_VERSION - 1; version > 0 && !fresh; version--) {
    if (!fs.existsSync(fileAt(version))) continue;
    (await startBackend(fileAt(version))).close();
    fs.renameSync(fileAt(version), file);
    return { file, paragraphs, makeSeconds: null };
  }
  const unattested = [LATEST_VERSION, ...Array.from({ length: LATEST_VERSION - 1 }, (_, i) => LATEST_VERSION - 1 - i)]
    .map((version) => fileAt(version, false))
    .find((f) => !fresh && fs.existsSync(f));
  if (unattested) {
    // copied, not moved: other benchmarks may be reading it
    fs.copyFileSync(unattested, partial);
    if (fs.existsSync(`${unattested}-wal`)) fs.copyFileSync(`${unattested}-wal`, `${partial}-wal`);
  } else {
    const backend = await startBackend(partial, { create: true });
    try {
      let shown = 0;
      await generateThroughContract(backend.dispatch, {
        paragraphs,
        today,
        progress: (done) => {
          if (done - shown < 10_000) return;
          shown = done;
          process.stdout.write(`  … ${done} §§ (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        },
      });
      backend.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      backend.close();
    }
  }
  await attestInPlace(partial, today, started);
  fs.renameSync(partial, file);
  return { file, paragraphs, makeSeconds: (performance.now() - started) / 1000 };
}
