import { useEffect, useRef, useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Section } from '../../../shared/contract/agreements';
import type { PeriodFieldValues, RichTextDoc } from '../../../shared/richtext';
import { useAction } from '../../api/hooks';
import { createAutosaver, type AutosaveStatus, type Autosaver } from '../../components/autosave/autosaver';
import { useFieldErrors } from '../../components/fieldErrors';
import { RichTextEditor } from '../../components/richtext/RichTextEditor';
import { fromEditorJson } from '../../components/richtext/fromEditorJson';

interface SectionContent {
  heading: string;
  body: RichTextDoc;
}

/** One string per content, so the autosaver can tell "changed" from "as stored". */
const serialise = (c: SectionContent) => JSON.stringify({ heading: c.heading, body: fromEditorJson(c.body) });

function statusText(t: (key: string) => string, status: AutosaveStatus): string {
  if (status === 'saving') return t('autosave.saving');
  if (status === 'saved') return t('autosave.saved');
  if (status === 'pending') return t('autosave.unsaved');
  if (status === 'error') return t('autosave.failed');
  return '';
}

/**
 * Heading and text of one section, saved by themselves: shortly after typing stops, when focus
 * leaves, and when the editor goes away (another page, another tab) — nothing typed is lost.
 */
export function SectionEditor({
  section,
  index,
  fields,
  onRemove,
}: {
  section: Section;
  index: number;
  /** what the period fields show: the version's dates */
  fields: PeriodFieldValues;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors } = useAction();
  const [content, setContent] = useState<SectionContent>({ heading: section.heading, body: section.body });
  const errors = useFieldErrors(fieldErrors, content);
  // The newest content, also between renders (heading and text may change in one tick).
  const latest = useRef(content);
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  // the same id as the read-only view's heading, so a search hit can land on the section in a draft too
  const headingId = `section-${section.id}`;
  const runRef = useRef(run);
  runRef.current = run;

  const saver = useRef<Autosaver | null>(null);
  if (!saver.current) {
    saver.current = createAutosaver({
      initial: serialise(section),
      delayMs: 800,
      onStatus: setStatus,
      save: async (value) => {
        const fields = JSON.parse(value) as SectionContent;
        return (await runRef.current('agreements.sections.update', { id: section.id, fields })) !== undefined;
      },
    });
  }

  // A change stored elsewhere shows up here unless something typed here is still unsaved.
  const stored = serialise(section);
  useEffect(() => {
    if (saver.current?.rebase(stored)) {
      latest.current = JSON.parse(stored) as SectionContent;
      setContent(latest.current);
    }
  }, [stored]);

  useEffect(() => {
    const current = saver.current;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (current?.dirty()) {
        void current.flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      // Leaving the page: save what is unsaved; the save outlives the component on purpose.
      void current?.dispose();
    };
  }, []);

  const change = (patch: Partial<SectionContent>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setContent(next);
    saver.current?.change(serialise(next));
  };
  const flush = () => void saver.current?.flush();
  const label = content.heading.trim() || t('agreements.sections.untitled', { n: index + 1 });

  return (
    <Stack gap={6} data-testid="section-editor">
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          id={headingId}
          style={{ flex: 1 }}
          label={t('agreements.sections.heading', { n: index + 1 })}
          value={content.heading}
          onChange={(e) => change({ heading: e.currentTarget.value })}
          onBlur={flush}
          error={errors.heading}
          required
        />
        <Button
          variant="subtle"
          color="red"
          aria-label={t('agreements.sections.removeNamed', { name: label })}
          onClick={onRemove}
        >
          {t('actions.delete')}
        </Button>
      </Group>
      <RichTextEditor
        label={t('agreements.sections.textOf', { name: label })}
        value={content.body}
        onChange={(body) => change({ body })}
        onBlur={flush}
        error={errors.body}
        fields={fields}
      />
      <Text
        size="xs"
        c={status === 'error' ? 'red' : 'dimmed'}
        role="status"
        aria-live="polite"
        mih={18}
        data-testid="autosave-status"
      >
        {statusText(t, status)}
      </Text>
    </Stack>
  );
}
