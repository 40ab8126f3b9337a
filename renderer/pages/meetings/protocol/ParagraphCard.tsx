import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { AutosaveTextarea } from '../../../components/autosave/AutosaveTextarea';
import { ConfirmDialog } from '../../../components/confirm';
import { GuardedButton } from '../../../components/GuardedButton';
import { RecordHistory } from '../../../components/RecordHistory';
import { errorsByField } from '../../../components/fieldErrors';
import type { Attendee, Meeting, Paragraph, ParagraphFields, Protocol } from '../../../../shared/contract/meetings';
import { ExportMenu } from '../ExportMenu';
import { ActionItems } from './ActionItems';
import { Attachments } from '../Attachments';
import { AttestDialog } from './AttestDialog';
import type { Attester } from './JusteringFields';
import { DigitalSignDialog } from './DigitalSignDialog';
import { SignedCopyDialog } from './SignedCopyDialog';
import { ActProofView } from '../../../components/signing/ActProofView';
import { downloadBase64 } from '../../../components/download';
import { Corrections } from './Corrections';
import type { Landing } from './useEditableParagraphs';
import { SealedRecordPanel } from '../../../components/records/SealedRecordPanel';

type Fields = Required<{ [K in keyof ParagraphFields]: Exclude<ParagraphFields[K], undefined> }>;

const fieldsOf = (p: Paragraph): Fields => ({
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

/**
 * Saves one § field at a time without losing another's: every save sends the latest value of
 * all fields as this card knows them, and saves run one after the other so an older one can
 * never overwrite a newer one.
 */
function useParagraphSaver(paragraph: Paragraph) {
  const { run, fieldErrors } = useAction();
  const latest = useRef<{ id: number; fields: Fields }>({ id: paragraph.id, fields: fieldsOf(paragraph) });
  if (latest.current.id !== paragraph.id) latest.current = { id: paragraph.id, fields: fieldsOf(paragraph) };
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const save = <K extends keyof Fields>(name: K, value: Fields[K]): Promise<boolean> => {
    latest.current.fields = { ...latest.current.fields, [name]: value };
    const result = queue.current.then(
      async () =>
        (await run('protocol.updateParagraph', { id: paragraph.id, fields: latest.current.fields })) !== undefined,
    );
    queue.current = result.catch(() => false);
    return result;
  };
  return { save, errors: errorsByField(fieldErrors) };
}

export function ParagraphCard({
  paragraph: p,
  meeting,
  protocol,
  attendees,
  recordLanguage,
  priorities,
  focusOnMount,
}: {
  paragraph: Paragraph;
  meeting: Meeting;
  protocol: Protocol;
  attendees: Attendee[];
  recordLanguage: 'sv' | 'en';
  /** the priority areas on the meeting date, asked once by the protocol tab for all its §§ */
  priorities: Array<{ value: string; label: string }>;
  /** the § was a preview the user reached: its first field or its heading takes the focus the preview had */
  focusOnMount?: Landing;
}) {
  const { t } = useTranslation();
  const { save, errors } = useParagraphSaver(p);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusOnMount || card.current?.contains(document.activeElement ?? null) !== false) return;
    if (focusOnMount === 'heading') card.current.querySelector<HTMLElement>(`[id="paragraph-${p.id}-title"]`)?.focus();
    else card.current.querySelector<HTMLElement>('textarea, input')?.focus();
  }, [focusOnMount, p.id]);
  const { run, fieldErrors: otherErrors } = useAction();
  const [removing, setRemoving] = useState(false);
  const [attesting, setAttesting] = useState<'record' | 'sign' | 'import' | null>(null);
  const exporting = useAction();
  const exportForSigning = async () => {
    const file = await exporting.run('protocol.exportParagraphForSigning', { paragraphId: p.id });
    if (file) downloadBase64(file.fileName, file.base64);
  };
  const locked = p.locked;
  const editable = p.can.edit.allowed;
  const heading = `§ ${p.number} ${p.title}`;

  // Omedelbar justering: the chair and each justerare who has not yet attested this §.
  const attested = new Set(p.attestations.map((a) => a.personId));
  const attesters: Attester[] = [
    ...(meeting.chair ? [{ personId: meeting.chair.id, name: meeting.chair.name, role: 'ordforande' as const }] : []),
    ...meeting.justerare.map((j) => ({ personId: j.id, name: j.name, role: 'justerare' as const })),
  ].filter((a) => !attested.has(a.personId));

  const present = attendees.filter((a) => a.status === 'present');

  return (
    <Card
      ref={card}
      withBorder
      component="article"
      aria-labelledby={`paragraph-${p.id}-title`}
      data-testid="paragraph-card"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={3} size="h4" id={`paragraph-${p.id}-title`} tabIndex={-1}>
              {heading}
            </Title>
            {p.finished && !locked && (
              <Badge color="teal" variant="light">
                {t('meetings.paragraph.finishedBadge')}
              </Badge>
            )}
            {p.immediatelyAttested && <Badge color="green">{t('meetings.paragraph.immediatelyAttested')}</Badge>}
            {locked && <Badge color="gray">{t('meetings.paragraph.locked')}</Badge>}
          </Group>
          <Group gap="xs">
            <RecordHistory entity="paragraph" entityId={p.id} label={heading} />
            <ExportMenu
              size="xs"
              label={t('meetings.export.extract')}
              method="meetings.exportExtract"
              input={{ paragraphId: p.id }}
              handlingarOf={{ meetingId: meeting.id, paragraphId: p.id }}
              signable={p.can.sign.allowed}
              recordLanguage={recordLanguage}
            />
            {p.can.attestImmediately.allowed && attesters.length > 0 && (
              <>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setAttesting('record')}
                  aria-label={t('meetings.justering.immediateNamed', { number: p.number })}
                >
                  {t('meetings.justering.immediate')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setAttesting('sign')}
                  aria-label={t('meetings.justering.immediateSignNamed', { number: p.number })}
                >
                  {t('meetings.justering.signDigitally')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => void exportForSigning()}
                  loading={exporting.busy}
                  aria-label={t('meetings.justering.immediateExportNamed', { number: p.number })}
                >
                  {t('meetings.justering.exportForSigning')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => setAttesting('import')}
                  aria-label={t('meetings.justering.immediateImportNamed', { number: p.number })}
                >
                  {t('meetings.justering.importSigned')}
                </Button>
              </>
            )}
            {editable && (
              <GuardedButton
                size="xs"
                variant="subtle"
                color="red"
                can={p.can.remove}
                aria-label={t('meetings.paragraph.removeNamed', { number: p.number })}
                onClick={() => setRemoving(true)}
              >
                {t('actions.delete')}
              </GuardedButton>
            )}
          </Group>
        </Group>
        {p.immediatelyAttested && <SealedRecordPanel record={{ kind: 'extract', id: p.id }} />}

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <AutosaveTextarea
            singleLine
            label={t('meetings.paragraph.title')}
            value={p.title}
            readOnly={!editable}
            error={errors.title}
            onSave={(v) => save('title', v)}
          />
          <AutosaveTextarea
            singleLine
            label={t('meetings.paragraph.dnr')}
            value={p.dnr ?? ''}
            readOnly={!editable}
            error={errors.dnr}
            onSave={(v) => save('dnr', v)}
          />
        </SimpleGrid>
        <AutosaveTextarea
          label={t('meetings.paragraph.background')}
          value={p.background ?? ''}
          readOnly={!editable}
          error={errors.background}
          onSave={(v) => save('background', v)}
          minRows={2}
        />
        <AutosaveTextarea
          label={t('meetings.paragraph.decision')}
          value={p.decision ?? ''}
          readOnly={!editable}
          error={errors.decision}
          onSave={(v) => save('decision', v)}
          minRows={2}
        />
        <AutosaveTextarea
          label={t('meetings.paragraph.notes')}
          value={p.notes ?? ''}
          readOnly={!editable}
          error={errors.notes}
          onSave={(v) => save('notes', v)}
          minRows={1}
        />
        <AutosaveTextarea
          singleLine
          label={t('meetings.paragraph.distribution')}
          value={p.distribution ?? ''}
          readOnly={!editable}
          error={errors.distribution}
          onSave={(v) => save('distribution', v)}
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('meetings.paragraph.priority')}
            data={priorities}
            value={p.priorityId ? String(p.priorityId) : null}
            onChange={(v) => void save('priorityId', v ? Number(v) : null)}
            error={errors.priorityId}
            disabled={!editable || priorities.length === 0}
            clearable
          />
          <MultiSelect
            label={t('meetings.paragraph.recusals')}
            description={t('meetings.paragraph.recusalsHelp')}
            data={present.map((a) => ({ value: String(a.personId), label: a.personName }))}
            value={p.recusals.map((r) => String(r.personId))}
            onChange={(ids) => void run('protocol.setRecusals', { paragraphId: p.id, personIds: ids.map(Number) })}
            disabled={!editable}
            error={otherErrors.personIds}
            searchable
          />
        </SimpleGrid>
        {p.recusals.length > 0 && (
          <Text size="sm">
            {t('meetings.paragraph.recusalsShown', { names: p.recusals.map((r) => r.personName).join(', ') })}
          </Text>
        )}

        {editable && (
          <Group>
            <Checkbox
              label={t('meetings.paragraph.finished')}
              checked={p.finished}
              onChange={(e) => void save('finished', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('meetings.paragraph.carryOver')}
              checked={p.carryOver}
              onChange={(e) => void save('carryOver', e.currentTarget.checked)}
            />
          </Group>
        )}

        <Attachments target={{ paragraphId: p.id }} readOnly={locked} />
        <Divider />
        <ActionItems paragraph={p} />

        {p.attestations.length > 0 && (
          <Stack gap={4} data-testid="paragraph-attestations">
            <Text size="sm" c="dimmed">
              {t('meetings.justering.paragraphAttestedBy', {
                list: p.attestations.map((a) => `${a.name} ${a.date}`).join(', '),
              })}
            </Text>
            {p.attestations.map((a) => (
              <ActProofView key={a.id} name={a.name} proof={a.proof} />
            ))}
          </Stack>
        )}
        {(p.can.correct.allowed || p.corrections.length > 0) && (
          <Corrections
            meetingId={meeting.id}
            paragraphId={p.id}
            corrections={p.corrections}
            canAdd={p.can.correct.allowed}
            recordLanguage={recordLanguage}
          />
        )}
      </Stack>

      <ConfirmDialog
        opened={removing}
        title={t('meetings.paragraph.removeTitle', { number: p.number })}
        message={t('meetings.paragraph.removeMessage', { title: p.title })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(false)}
        onConfirm={async () => {
          await run('protocol.removeParagraph', { id: p.id });
          setRemoving(false);
        }}
      />
      {attesting === 'record' && (
        <AttestDialog
          meetingId={meeting.id}
          paragraph={{ id: p.id, number: p.number, title: p.title }}
          attesters={attesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
      {attesting === 'sign' && (
        <DigitalSignDialog
          meetingId={meeting.id}
          paragraphId={p.id}
          attesters={attesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
      {attesting === 'import' && (
        <SignedCopyDialog
          attesters={attesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
    </Card>
  );
}
