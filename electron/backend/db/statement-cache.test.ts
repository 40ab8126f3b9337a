import { describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_SIZE, StatementCachingDatabase } from './statement-cache';

function db() {
  const d = new StatementCachingDatabase(':memory:');
  d.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('Åsa'), ('Örjan')");
  return d;
}

describe('prepared statement cache', () => {
  it('hands out the statement already prepared for the same SQL', () => {
    const d = db();
    const sql = 'SELECT name FROM t WHERE id = ?';
    expect(d.prepare(sql)).toBe(d.prepare(sql));
    expect(d.prepare(sql)).not.toBe(d.prepare('SELECT name FROM t WHERE id = ? '));
  });

  it('hands a cached statement out as a fresh one: pluck, raw and expand off', () => {
    const d = db();
    const sql = 'SELECT id, name FROM t ORDER BY id';
    expect(d.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(d.prepare(sql).all()).toEqual([
      { id: 1, name: 'Åsa' },
      { id: 2, name: 'Örjan' },
    ]);
    expect(d.prepare(sql).raw().get()).toEqual([1, 'Åsa']);
    expect(d.prepare(sql).get()).toEqual({ id: 1, name: 'Åsa' });
    // statements that return no data can be cached too
    const insert = "INSERT INTO t (name) VALUES ('Ängla')";
    d.prepare(insert).run();
    expect(d.prepare(insert).run().changes).toBe(1);
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements, dropping the least recently used', () => {
    const d = db();
    const first = d.prepare('SELECT 0');
    const kept = d.prepare('SELECT 1');
    for (let i = 2; i < STATEMENT_CACHE_SIZE; i++) d.prepare(`SELECT ${i}`);
    expect(d.prepare('SELECT 1')).toBe(kept); // used again: now the most recent
    d.prepare(`SELECT ${STATEMENT_CACHE_SIZE}`); // one over: 'SELECT 0' goes
    expect(d.prepare('SELECT 1')).toBe(kept);
    expect(d.prepare('SELECT 0')).not.toBe(first);
  });
});
