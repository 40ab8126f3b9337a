import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture's walls live in eslint.config.mjs (`npm run lint`). Each is tried here on a
 * small tree of its own, so a rule that stops applying (a glob that no longer matches) fails.
 */
const CONFIG = path.resolve(__dirname, '../../eslint.config.mjs');
let root: string;
let eslint: ESLint;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-lint-'));
  eslint = new ESLint({ cwd: root, overrideConfigFile: CONFIG });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const at = path.join(root, file);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.writeFileSync(at, text);
  return at;
}

async function problems(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([write(file, text)]);
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture walls (eslint.config.mjs)', () => {
  it('shared/ imports no Node built-in, no electron and nothing outside shared/', async () => {
    expect(await problems('shared/a.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*runs outside Node/),
    ]);
    expect(await problems('shared/b.ts', "import path from 'path';\nexport const b = path;\n")).toHaveLength(1);
    expect(
      await problems('shared/c.ts', "import type { Ctx } from '../electron/backend/context';\nexport type C = Ctx;\n"),
    ).toEqual([expect.stringMatching(/nothing outside shared/)]);
    expect(await problems('shared/d.ts', "import { z } from 'zod';\nexport const d = z;\n")).toEqual([]);
  });

  it("only electron/main and electron/preload import 'electron'", async () => {
    const source = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await problems('electron/backend/x.ts', source)).toEqual([expect.stringMatching(/Only the Electron shell/)]);
    expect(await problems('test/unit/x.test.ts', source)).toEqual([expect.stringMatching(/Only the Electron shell/)]);
    expect(await problems('electron/main/x.ts', source)).toEqual([]);
    expect(await problems('electron/preload/x.ts', source)).toEqual([]);
  });

  it('the renderer reaches the backend only through shared/, and imports no Node built-in', async () => {
    expect(
      await problems('renderer/a.tsx', "import { x } from '../electron/backend/x';\nexport const a = x;\n"),
    ).toEqual([expect.stringMatching(/through the contract/)]);
    expect(await problems('renderer/b.ts', "import fs from 'node:fs';\nexport const b = fs;\n")).toHaveLength(1);
  });

  it('the backend never imports the renderer', async () => {
    expect(
      await problems('electron/backend/r.ts', "import { x } from '../../renderer/x';\nexport const r = x;\n"),
    ).toEqual([expect.stringMatching(/never imports the renderer/)]);
  });

  it('finds an import cycle made of type-only imports', async () => {
    write('electron/backend/p.ts', "import type { Q } from './q';\nexport type P = { q?: Q };\n");
    write('electron/backend/q.ts', "import type { P } from './p';\nexport type Q = { p?: P };\n");
    const [result] = await eslint.lintFiles([path.join(root, 'electron/backend/p.ts')]);
    expect(result.messages.map((m) => m.message)).toEqual([
      'Import cycle: electron/backend/p.ts → electron/backend/q.ts → electron/backend/p.ts',
    ]);
  });

  it('React hooks follow the rules of hooks in the renderer', async () => {
    const source =
      "import { useState } from 'react';\nexport function A({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await problems('renderer/h.tsx', source)).toEqual([expect.stringMatching(/^react-hooks\/rules-of-hooks/)]);
  });
});
