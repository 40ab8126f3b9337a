import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What may be done to a record is the backend's answer (`can` on each meeting, protocol, § and
 * agreement version): the renderer never works it out again from a status. This finds every
 * comparison of something called status with a literal in renderer/ and allows only the places
 * below, each of which compares something other than a record's state, or only decides a
 * display, never an action.
 */
const ALLOWED: Array<{ file: string; comparison: string; why: string }> = [
  ...["status !== 'error'", "status === 'pending'", "status === 'error'"].map((comparison) => ({
    file: 'renderer/components/autosave/autosaver.ts',
    comparison,
    why: 'the autosave state of a text field (saving, saved, failed), not a record',
  })),
  ...["status === 'saving'", "status === 'saved'", "status === 'pending'", "status === 'error'"].map((comparison) => ({
    file: 'renderer/components/autosave/AutosaveTextarea.tsx',
    comparison,
    why: 'the label and colour of the autosave state',
  })),
  ...["status === 'saving'", "status === 'saved'", "status === 'pending'", "status === 'error'"].map((comparison) => ({
    file: 'renderer/pages/agreements/SectionEditor.tsx',
    comparison,
    why: 'the label and colour of the autosave state',
  })),
  {
    file: 'renderer/api/transport.ts',
    comparison: 'status === 403',
    why: 'the HTTP status of the bridge, not a record',
  },
  ...["status === 'all'", "status !== 'all'"].map((comparison) => ({
    file: 'renderer/pages/actions/ActionsPage.tsx',
    comparison,
    why: 'the value of the status filter the user picked',
  })),
  {
    file: 'renderer/pages/actions/ActionsTable.tsx',
    comparison: "status === 'done'",
    why: 'whether an action item is done: the checkbox shows the value it edits',
  },
  {
    file: 'renderer/pages/meetings/protocol/ActionItems.tsx',
    comparison: "status === 'done'",
    why: 'whether an action item is done: the checkbox shows the value it edits',
  },
  {
    file: 'renderer/pages/search/SearchPage.tsx',
    comparison: 'status !== null',
    why: 'whether the user set the status filter',
  },
  {
    file: 'renderer/pages/agreements/StatusBadge.tsx',
    comparison: "status === 'signed'",
    why: 'the badge variant of a signed version',
  },
  {
    file: 'renderer/pages/agreements/VersionPage.tsx',
    comparison: "storedStatus === 'under_signing'",
    why: 'which words the banner of a version that cannot be edited shows (out for signing, or signed); whether it can be edited is can.edit',
  },
  {
    file: 'renderer/pages/agreements/AgreementCard.tsx',
    comparison: "storedStatus === 'signed'",
    why: 'which version a renewal starts from when none is in force (the latest signed one); whether it may be renewed is can.renew',
  },
  ...["status === 'present'", "status === 'absent'"].map((comparison) => ({
    file: 'renderer/pages/meetings/attendance/AttendanceTab.tsx',
    comparison,
    why: "an attendee's presence, the value the row edits (an absent person serves for nobody: the backend refuses it too)",
  })),
  {
    file: 'renderer/pages/meetings/protocol/ParagraphCard.tsx',
    comparison: "status === 'present'",
    why: 'who is present, offered for jäv',
  },
];

const COMPARISON = /\b\w*[sS]tatus\s*[!=]==?\s*('[^']*'|"[^"]*"|null|\d+)/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every status comparison with a literal in the renderer, as "file: comparison". */
function comparisons(root: string): string[] {
  return sources(path.join(root, 'renderer')).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(root, file).split(path.sep).join('/');
    return [...text.matchAll(COMPARISON)].map((m) => `${rel}: ${m[0]}`);
  });
}

const allowed = (found: string) => ALLOWED.some((a) => found === `${a.file}: ${a.comparison}`);

describe('the renderer compares no record status for a permission', () => {
  const root = path.resolve(import.meta.dirname, '../..');

  it('finds a comparison where there is one', () => {
    const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-status-sample-'));
    try {
      fs.mkdirSync(path.join(sample, 'renderer'));
      fs.writeFileSync(
        path.join(sample, 'renderer', 'Page.tsx'),
        "const a = m.status === 'planned' && m.protocolStatus !== 'attested';\nconst b = p.status!=='draft';\nconst c = meeting.protocolStatus === null;\n",
      );
      expect(comparisons(sample)).toEqual([
        "renderer/Page.tsx: status === 'planned'",
        "renderer/Page.tsx: protocolStatus !== 'attested'",
        "renderer/Page.tsx: status!=='draft'",
        'renderer/Page.tsx: protocolStatus === null',
      ]);
      expect(comparisons(sample).filter((c) => !allowed(c))).toHaveLength(4);
    } finally {
      fs.rmSync(sample, { recursive: true, force: true });
    }
  });

  it('only in the listed display-only places', () => {
    expect(comparisons(root).filter((c) => !allowed(c))).toEqual([]);
  });

  it('each listed place still exists, so the list stays short', () => {
    const found = new Set(comparisons(root));
    const stale = ALLOWED.filter((a) => !found.has(`${a.file}: ${a.comparison}`));
    expect(stale.map((a) => `${a.file}: ${a.comparison}`)).toEqual([]);
  });
});
