import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import type { Paragraph, ParagraphFields } from '../../../shared/contract/meetings';
import { verifyChain } from './chain';
import { COALESCE_WINDOW_MS } from './log';
import { deflateText } from './packing';
import { auditEvents } from '../../../test/support/audit-events';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const words = ['lägesbild', 'bostadsinbrott', 'Ronna', 'trygghetsvandring', 'polisen', 'kommunen', 'beslutar', 'att'];
/** A deterministic text edit: the kind of change a person makes between two autosaves. */
function edit(text: string, step: number): string {
  const word = words[step % words.length];
  const at = (step * 37) % (text.length + 1);
  return step % 5 === 4
    ? text.slice(0, at) + text.slice(at + word.length + 1)
    : `${text.slice(0, at)} ${word}${text.slice(at)}`;
}

async function paragraph(): Promise<Paragraph> {
  const f = await chefssamrad(b);
  const meetingId = (await f.meeting('2017-03-14')).id;
  await b.call('protocol.create', { meetingId });
  return b.call('protocol.addParagraph', {
    meetingId,
    fields: {
      kind: 'decision',
      title: 'Lägesbild',
      background:
        'Polisen redovisar lägesbilden för Ronna och Hovsjö: bostadsinbrotten har minskat under hösten, medan anlagda bränder i containrar har ökat kring skolorna.',
    },
  });
}

const fieldsOf = (p: Paragraph): ParagraphFields => ({
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
});
/** What the log keeps of a § state: the § without what hangs on it. */
const logged = ({ actions: _a, attestations: _b, corrections: _c, ...rest }: Paragraph) => rest;
const tick = (ms: number) => b.clock.set(new Date(b.clock.now().getTime() + ms).toISOString());
const updates = async (id: number) =>
  (await b.call('history.forRecord', { entity: 'paragraph', entityId: id })).items.filter((e) => e.action === 'update');

describe('a record history reconstructs every state that was written', () => {
  it('forwards and backwards, from deltas only', async () => {
    let p = await paragraph();
    const written: unknown[] = [logged(p)];
    for (let step = 0; step < 40; step++) {
      tick(COALESCE_WINDOW_MS + 1_000); // each save its own event
      const fields = fieldsOf(p);
      if (step % 7 === 3) fields.title = `Lägesbild ${step}`;
      else if (step % 11 === 5) fields.finished = !p.finished;
      else fields.background = edit(p.background ?? '', step);
      p = await b.call('protocol.updateParagraph', { id: p.id, fields });
      written.push(logged(p));
    }
    const history = (await updates(p.id)).reverse(); // oldest first
    expect(history).toHaveLength(40);
    // forwards: each event's after is the state that was written; backwards: its before is the one before
    expect(history.map((e) => e.after)).toEqual(written.slice(1));
    expect(history.map((e) => e.before)).toEqual(written.slice(0, -1));
    for (const e of history) {
      expect(e.changes.length).toBeGreaterThan(0);
      for (const c of e.changes) {
        expect(c.before).toEqual((e.before as Record<string, unknown>)[c.field] ?? null);
        expect(c.after).toEqual((e.after as Record<string, unknown>)[c.field] ?? null);
      }
    }
    // stored: deltas, none repeating the text
    const rows = auditEvents(b.ctx.db, "WHERE entity = 'paragraph' AND action = 'update'");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.before === null && r.after === null)).toBe(true);
    expect(rows.every((r) => !r.delta!.includes('Polisen redovisar'))).toBe(true);
    expect(verifyChain(b.ctx.db).ok).toBe(true);
  });

  it('a removal is stored as a delta too, and gives back the last state', async () => {
    const p = await paragraph();
    await b.call('protocol.removeParagraph', { id: p.id });
    const [removed] = (await b.call('history.forRecord', { entity: 'paragraph', entityId: p.id })).items;
    expect(removed).toMatchObject({ action: 'delete', after: null, changes: [] });
    expect(removed.before).toMatchObject({ id: p.id, title: 'Lägesbild', background: p.background });
    const [row] = auditEvents(b.ctx.db, "WHERE action = 'delete'");
    expect(row.before).toBeNull();
    expect(row.delta).not.toContain('Polisen');
  });
});

describe('autosaves of the same fields coalesce into one event', () => {
  it('within the window: one event from the first state to the last, its until the last save', async () => {
    let p = await paragraph();
    const first = logged(p);
    const eventsBefore = b.ctx.db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
    const start = b.clock.now().toISOString();
    for (let step = 0; step < 12; step++) {
      tick(COALESCE_WINDOW_MS / 3);
      p = await b.call('protocol.updateParagraph', {
        id: p.id,
        fields: { ...fieldsOf(p), background: edit(p.background ?? '', step) },
      });
    }
    expect(b.ctx.db.prepare('SELECT count(*) FROM audit_event').pluck().get()).toBe(eventsBefore + 1);
    const [event] = await updates(p.id);
    expect(event.before).toEqual(first);
    expect(event.after).toEqual(logged(p));
    expect(event.at > start).toBe(true);
    expect(event.until).toBe(b.clock.now().toISOString());
    expect(event.changes.map((c) => c.field)).toEqual(['background']);
    expect(verifyChain(b.ctx.db).ok).toBe(true);
  });

  it('a pause longer than the window, another field, or another change in between starts a new event', async () => {
    let p = await paragraph();
    const save = async (fields: Partial<ParagraphFields>) =>
      (p = await b.call('protocol.updateParagraph', { id: p.id, fields: { ...fieldsOf(p), ...fields } }));
    await save({ background: `${p.background} Ett.` });
    tick(1_000);
    await save({ background: `${p.background} Två.` }); // coalesced
    tick(COALESCE_WINDOW_MS + 1);
    await save({ background: `${p.background} Tre.` }); // after a pause
    tick(1_000);
    await save({ title: 'Lägesbild för Ronna' }); // another field
    tick(1_000);
    await save({ title: 'Lägesbild för Ronna och Hovsjö' }); // the same field again: coalesced
    tick(1_000);
    await b.call('protocol.setRecusals', { paragraphId: p.id, personIds: [] }); // something else in between
    tick(1_000);
    await save({ title: 'Lägesbild för Hovsjö' });
    const history = (await updates(p.id)).reverse();
    expect(history.map((e) => (e.after as { title: string; background: string }).title)).toEqual([
      'Lägesbild',
      'Lägesbild',
      'Lägesbild för Ronna och Hovsjö',
      'Lägesbild för Hovsjö',
    ]);
    expect((history[0].after as { background: string }).background).toMatch(/Ett\. Två\.$/);
    expect(history.map((e) => e.until !== null)).toEqual([true, false, true, false]);
    expect(verifyChain(b.ctx.db).ok).toBe(true);
  });

  it('the log refuses to amend any event but the newest, and never its links', async () => {
    const p = await paragraph();
    await b.call('protocol.updateParagraph', { id: p.id, fields: { ...fieldsOf(p), title: 'Ny' } });
    const db = b.ctx.db;
    const head = db.prepare('SELECT max(id) FROM audit_event').pluck().get() as number;
    expect(() =>
      db.prepare('UPDATE audit_event SET until = at, delta_deflated = ? WHERE id = ?').run(deflateText('{}'), head - 1),
    ).toThrow('audit_log_is_append_only');
    expect(() => db.prepare('UPDATE audit_event SET until = at, base_id = NULL WHERE id = ?').run(head)).toThrow(
      'audit_log_is_append_only',
    );
    expect(() => db.prepare("UPDATE audit_event SET until = at, actor = 'mallory' WHERE id = ?").run(head)).toThrow(
      'audit_log_is_append_only',
    );
  });
});
