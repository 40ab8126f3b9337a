import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePathFrom } from './database-path';

describe('desktop database location', () => {
  const userData = path.join('/home/anna/.config', 'Samråd');

  it('is samrad.sqlite in the user-data folder by default', () => {
    expect(databasePathFrom(['/opt/Samråd/samrad'], {}, userData)).toBe(path.join(userData, 'samrad.sqlite'));
  });

  it('follows SAMRAD_DB, and --db before it (both spellings)', () => {
    expect(databasePathFrom(['samrad'], { SAMRAD_DB: '/data/env.sqlite' }, userData)).toBe('/data/env.sqlite');
    expect(
      databasePathFrom(['electron', '.', '--db', '/data/arg.sqlite'], { SAMRAD_DB: '/data/env.sqlite' }, userData),
    ).toBe('/data/arg.sqlite');
    expect(databasePathFrom(['samrad', '--db=/data/eq.sqlite'], {}, userData)).toBe('/data/eq.sqlite');
  });

  it('makes a relative path absolute and ignores a --db without a value', () => {
    expect(databasePathFrom(['samrad', '--db', 'rel.sqlite'], {}, userData)).toBe(path.resolve('rel.sqlite'));
    expect(databasePathFrom(['samrad', '--db'], {}, userData)).toBe(path.join(userData, 'samrad.sqlite'));
  });
});
