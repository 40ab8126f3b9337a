import { useCallback, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { AutosaveTextarea } from '../../../components/autosave/AutosaveTextarea';
import { ConfirmDialog } from '../../../components/confirm';
import { EmptyState } from '../../../components/EmptyState';
import { errorsByField, useFieldErrors } from '../../../components/fieldErrors';
import { SortableList } from '../../../components/sortable/SortableList';
import {
  AGENDA_KINDS,
  ATTESTATION_DEADLINE_DAYS,
  type Attendee,
  type Meeting,
  type Paragraph,
  type Protocol,
} from '../../../../shared/contract/meetings';
import { ExportMenu } from '../ExportMenu';
import { DaysLeftBadge, PROTOCOL_STATUS_COLOUR } from '../MeetingStatusBadges';
import { GuardedButton, useRefusalText } from '../../../components/GuardedButton';
import { AttestDialog } from './AttestDialog';
import { DigitalSignDialog } from './DigitalSignDialog';
import { SignedCopyDialog } from './SignedCopyDialog';
import { downloadBase64 } from '../../../components/download';
import { Corrections } from './Corrections';
import { ProtocolParagraph } from './ProtocolParagraph';
import { useParagraphEditors } from './useEditableParagraphs';
import { usePriorityOptions } from '../options';
import { InlineErrors } from '../InlineErrors';
import { SealedRecordPanel } from '../../../components/records/SealedRecordPanel';
import { formatDateTime } from '../../../components/dateTime';
import { ActProofView } from '../../../components/signing/ActProofView';

const NO_PARAGRAPHS: Paragraph[] = [];
const NO_ATTENDEES: Attendee[] = [];

function AddParagraph({ meetingId, onClose }: { meetingId: number; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string | null>('decision');
  const errors = useFieldErrors(fieldErrors, { title, kind });
  const submit = async () => {
    const added = await run('protocol.addParagraph', {
      meetingId,
      fields: { title, kind: (kind ?? 'decision') as Paragraph['kind'] },
    });
    if (added) onClose();
  };
  return (
    <FormModal
      onClose={onClose}
      title={t('meetings.paragraph.newTitle')}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('actions.add')}
    >
      <TextInput
        label={t('meetings.paragraph.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
        required
        data-autofocus
      />
      <Select
        label={t('meetings.agenda.fields.kind')}
        data={AGENDA_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
        value={kind}
        onChange={setKind}
        allowDeselect={false}
      />
    </FormModal>
  );
}

/** Justeringens plats och tid, who has attested, who is still to attest, and the deadline. */
function JusteringPanel({ meeting, protocol }: { meeting: Meeting; protocol: Protocol }) {
  const { t, i18n } = useTranslation();
  const { run, fieldErrors } = useAction();
  // autosaved fields: each hides its own error once its text is changed (AutosaveTextarea)
  const errors = errorsByField(fieldErrors);
  const [attesting, setAttesting] = useState<'record' | 'sign' | 'import' | null>(null);
  const exporting = useAction();
  const exportForSigning = async () => {
    const file = await exporting.run('protocol.exportForSigning', { meetingId: meeting.id });
    if (file) downloadBase64(file.fileName, file.base64);
  };
  const editable = protocol.can.editJustering.allowed;
  const saveWhereWhen = async (patch: { attestationPlace?: string; attestationDate?: string }) =>
    (await run('protocol.update', {
      meetingId: meeting.id,
      attestationPlace: protocol.attestationPlace,
      attestationDate: protocol.attestationDate,
      ...patch,
    })) !== undefined;

  return (
    <Card withBorder component="section" aria-labelledby="justering-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="justering-title">
            {t('meetings.justering.title')}
          </Title>
          {protocol.daysLeftToAttest !== null && <DaysLeftBadge days={protocol.daysLeftToAttest} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('meetings.justering.deadline', { date: protocol.attestationDeadline, days: ATTESTATION_DEADLINE_DAYS })}
        </Text>
        <Group grow align="flex-start">
          <AutosaveTextarea
            singleLine
            label={t('meetings.justering.wherePlace')}
            value={protocol.attestationPlace ?? ''}
            readOnly={!editable}
            error={errors.attestationPlace}
            onSave={(attestationPlace) => saveWhereWhen({ attestationPlace })}
          />
          <AutosaveTextarea
            singleLine
            label={t('meetings.justering.whereDate')}
            placeholder={t('dates.placeholder')}
            value={protocol.attestationDate ?? ''}
            readOnly={!editable}
            error={errors.attestationDate}
            onSave={(attestationDate) => saveWhereWhen({ attestationDate })}
          />
        </Group>
        {protocol.attestations.length > 0 && (
          <Table aria-label={t('meetings.justering.attestationsLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.justering.who')}</Table.Th>
                <Table.Th>{t('meetings.justering.role')}</Table.Th>
                <Table.Th>{t('meetings.justering.date')}</Table.Th>
                <Table.Th>{t('meetings.justering.place')}</Table.Th>
                <Table.Th>{t('meetings.justering.proof')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {protocol.attestations.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{t(`meetings.justering.roles.${a.role}`)}</Table.Td>
                  <Table.Td>{a.date}</Table.Td>
                  <Table.Td>{a.place ?? ''}</Table.Td>
                  <Table.Td>
                    <ActProofView name={a.name} proof={a.proof} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {protocol.can.attest.allowed && protocol.pendingAttesters.length > 0 && (
          <Group>
            <Text size="sm">
              {t('meetings.justering.pending', { names: protocol.pendingAttesters.map((a) => a.name).join(', ') })}
            </Text>
            <Button onClick={() => setAttesting('sign')}>{t('meetings.justering.signDigitally')}</Button>
            <Button variant="light" onClick={() => setAttesting('record')}>
              {t('meetings.justering.attest')}
            </Button>
            <GuardedButton
              variant="default"
              can={protocol.can.exportForSigning}
              onClick={() => void exportForSigning()}
              loading={exporting.busy}
            >
              {t('meetings.justering.exportForSigning')}
            </GuardedButton>
            <Button variant="default" onClick={() => setAttesting('import')}>
              {t('meetings.justering.importSigned')}
            </Button>
          </Group>
        )}
        {protocol.attestedAt && (
          <Alert color="green" title={t('meetings.justering.attestedTitle')}>
            {t('meetings.justering.attestedText', {
              at: protocol.attestedAt ? formatDateTime(protocol.attestedAt, i18n.language) : '',
            })}
            {protocol.contentHash && (
              <Text size="xs" ff="monospace" mt={4}>
                {t('meetings.justering.hash', { hash: protocol.contentHash.slice(0, 16) })}
              </Text>
            )}
          </Alert>
        )}
        {protocol.attestedAt && <SealedRecordPanel record={{ kind: 'protocol', id: meeting.id }} />}
      </Stack>
      {attesting === 'record' && (
        <AttestDialog
          meetingId={meeting.id}
          attesters={protocol.pendingAttesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
      {attesting === 'sign' && (
        <DigitalSignDialog
          meetingId={meeting.id}
          attesters={protocol.pendingAttesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
      {attesting === 'import' && (
        <SignedCopyDialog
          attesters={protocol.pendingAttesters}
          defaultPlace={protocol.attestationPlace ?? meeting.place}
          onClose={() => setAttesting(null)}
        />
      )}
    </Card>
  );
}

/**
 * The protocol: created from the agenda, each item a § numbered on through the body's year.
 * Draft → ready for attestation → attested; then read-only with dated correction notes.
 */
export function ProtocolTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const refusal = useRefusalText();
  const protocol = useCall('protocol.get', { meetingId: meeting.id });
  const attendance = useCall('attendance.list', { meetingId: meeting.id });
  const recordLanguage = useCall('bodies.get', { id: meeting.bodyId }).data?.recordLanguage ?? 'sv';
  const priorities = usePriorityOptions(meeting.date);
  const { run, busy, fieldErrors } = useAction();
  const [confirm, setConfirm] = useState<'submit' | 'reopen' | 'discard' | null>(null);
  const [adding, setAdding] = useState(false);
  const getId = useCallback((p: Paragraph) => p.id, []);
  const getLabel = useCallback((p: Paragraph) => `§ ${p.number} ${p.title}`, []);
  const editors = useParagraphEditors((protocol.data?.paragraphs ?? NO_PARAGRAPHS).map(getId));

  if (protocol.data === undefined) return null;
  const p = protocol.data;
  if (p === null) {
    return (
      <EmptyState
        title={t('meetings.protocol.emptyTitle')}
        action={
          meeting.can.startProtocol.allowed && (
            <Button loading={busy} onClick={() => void run('protocol.create', { meetingId: meeting.id })}>
              {t('meetings.protocol.create')}
            </Button>
          )
        }
      >
        {meeting.can.startProtocol.allowed ? t('meetings.protocol.empty') : refusal(meeting.can.startProtocol)}
      </EmptyState>
    );
  }

  const unfinished = p.paragraphs.filter((x) => !x.finished && !x.locked).length;
  const attendees = attendance.data ?? NO_ATTENDEES;

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <Badge size="lg" color={PROTOCOL_STATUS_COLOUR[p.status]}>
            {t(`meetings.protocolStatuses.${p.status}`)}
          </Badge>
          {p.paragraphRange && (
            <Text size="sm">
              {t('meetings.protocol.range', { from: p.paragraphRange[0], to: p.paragraphRange[1] })}
            </Text>
          )}
        </Group>
        <Group>
          {p.can.edit.allowed && (
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('meetings.paragraph.add')}
            </Button>
          )}
          {p.can.discard.allowed && (
            <Button variant="subtle" color="red" onClick={() => setConfirm('discard')}>
              {t('meetings.protocol.discard')}
            </Button>
          )}
          {p.can.edit.allowed && (
            <GuardedButton can={p.can.submit} onClick={() => setConfirm('submit')}>
              {t('meetings.protocol.submit')}
            </GuardedButton>
          )}
          {p.can.reopen.allowed && (
            <Button variant="default" onClick={() => setConfirm('reopen')}>
              {t('meetings.protocol.reopen')}
            </Button>
          )}
          <ExportMenu
            label={t('meetings.export.protocol')}
            method="meetings.exportProtocol"
            input={{ meetingId: meeting.id }}
            handlingarOf={{ meetingId: meeting.id }}
            signable={p.can.sign.allowed}
            recordLanguage={recordLanguage}
          />
        </Group>
      </Group>
      {p.can.edit.allowed && unfinished > 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.protocol.unfinished', { count: unfinished })}
        </Text>
      )}

      <InlineErrors errors={fieldErrors} />
      <Checkbox
        label={t('meetings.justering.announcement')}
        description={t('meetings.justering.announcementHint')}
        checked={p.announcement}
        disabled={!p.can.editJustering.allowed}
        onChange={(e) =>
          void run('protocol.setAnnouncement', { meetingId: meeting.id, announcement: e.currentTarget.checked })
        }
      />
      {/* once the §§ can no longer be written (sent for justering, or attested) the justering is what is left */}
      {!p.can.edit.allowed && <JusteringPanel meeting={meeting} protocol={p} />}
      {(p.can.correct.allowed || p.corrections.length > 0) && (
        <Corrections
          meetingId={meeting.id}
          paragraphId={null}
          corrections={p.corrections}
          canAdd={p.can.correct.allowed}
          recordLanguage={recordLanguage}
        />
      )}

      {p.paragraphs.length === 0 && (
        <EmptyState title={t('meetings.protocol.noParagraphsTitle')}>{t('meetings.protocol.noParagraphs')}</EmptyState>
      )}
      {p.paragraphs.length > 0 && (
        <SortableList
          label={t('meetings.protocol.paragraphsLabel')}
          items={p.paragraphs}
          getId={getId}
          getLabel={getLabel}
          disabled={!p.can.reorder.allowed}
          onReorder={(next) =>
            void run('protocol.reorderParagraphs', { meetingId: meeting.id, paragraphIds: next.map((x) => x.id) })
          }
          renderItem={(paragraph, index) => (
            <ProtocolParagraph
              paragraph={paragraph}
              index={index}
              editors={editors}
              meeting={meeting}
              protocol={p}
              attendees={attendees}
              recordLanguage={recordLanguage}
              priorities={priorities}
            />
          )}
        />
      )}

      {adding && <AddParagraph meetingId={meeting.id} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm ? t(`meetings.protocol.confirm.${confirm}.title`) : ''}
        message={confirm ? t(`meetings.protocol.confirm.${confirm}.message`) : ''}
        confirmLabel={confirm ? t(`meetings.protocol.confirm.${confirm}.action`) : ''}
        danger={confirm === 'discard'}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          if (confirm === 'submit') await run('protocol.submit', { meetingId: meeting.id });
          if (confirm === 'reopen') await run('protocol.reopen', { meetingId: meeting.id });
          if (confirm === 'discard') await run('protocol.discard', { meetingId: meeting.id });
          setConfirm(null);
        }}
      />
    </Stack>
  );
}
