import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, resolveAsset } from './asset-path';

let dir: string;
let root: string;
beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-assets-')));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app åäö.js'), '1');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('app:// asset paths', () => {
  it('serves files inside the renderer folder, / as index.html', () => {
    expect(resolveAsset(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAsset(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAsset(root, '/assets/app%20%C3%A5%C3%A4%C3%B6.js')).toBe(path.join(root, 'assets', 'app åäö.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    `/${'..%2f'.repeat(12)}etc/passwd`,
    '/index.html%00.js',
    '/%E0%A4%A',
    '/link.txt',
    '/assets',
    '/missing.js',
  ])('refuses %s', (pathname) => {
    expect(resolveAsset(root, pathname)).toBeNull();
  });

  it('names the content types the renderer uses', () => {
    expect(contentType('a.html')).toBe('text/html; charset=utf-8');
    expect(contentType('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.unknown')).toBe('application/octet-stream');
  });
});
