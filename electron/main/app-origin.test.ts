import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl } from './app-origin';

describe('app origin check (IPC senders, navigation)', () => {
  it('accepts our own app:// pages', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://samrad/index.html#/organisations')).toBe(true);
  });

  it.each([
    undefined,
    '',
    'not a url',
    'file:///work/main/out/renderer/index.html',
    'http://127.0.0.1:5173/',
    'https://samrad/',
    'app://evil/index.html',
    'app://samrad.evil.example/',
    'app://user:pw@samrad/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
