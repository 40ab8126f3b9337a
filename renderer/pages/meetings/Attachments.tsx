import { useState } from 'react';
import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm';
import { downloadBase64 } from '../../components/download';
import { readFileBase64 } from '../signing/readFile';
import { ATTACHMENT_MAX_MEGABYTES, type Attachment } from '../../../shared/contract/attachments';
import { RemoveButton } from '../../components/RemoveButton';
import { useMeetingAttachments } from './MeetingAttachments';

const ACCEPT = '.pdf,.docx,.doc,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

const sizeText = (bytes: number, lang: string) => {
  const mb = bytes >= 1024 * 1024;
  const value = mb ? bytes / (1024 * 1024) : Math.max(bytes / 1024, 0.1);
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)} ${mb ? 'MB' : 'kB'}`;
};

/**
 * The handlingar of an agenda item or a § (its beslutsunderlag): open each, attach a file
 * (the backend judges its type by content and refuses it once attested), remove one after asking.
 */
export function Attachments({
  target,
  readOnly,
}: {
  target: { agendaItemId: number } | { paragraphId: number };
  /** the agenda item or § is attested (as the backend reports it) */
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const list = useMeetingAttachments();
  const { run, fieldErrors, setFieldErrors, busy } = useAction();
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const onParagraph = 'paragraphId' in target;
  const mine = (list.data ?? []).filter((a) =>
    onParagraph ? a.paragraphId === target.paragraphId : a.agendaItemId === target.agendaItemId,
  );
  // what the backend says: once attested, nothing is added or removed
  const locked = readOnly || mine.some((a) => a.locked);
  const heading = t(onParagraph ? 'meetings.attachments.decisionBasis' : 'meetings.attachments.title');

  const attach = async (file: File | null) => {
    if (!file) return;
    setFieldErrors({});
    const added = await run('attachments.add', { target, fileName: file.name, fileBase64: await readFileBase64(file) });
    if (added) void list.reload();
  };
  const open = async (a: Attachment) => {
    const file = await run('attachments.open', { id: a.id });
    if (file) downloadBase64(file.fileName, file.base64, file.mediaType);
  };
  const error = fieldErrors.fileBase64 ?? fieldErrors.fileName;

  return (
    <Stack gap={4} data-testid="attachments">
      <Text size="sm" fw={600}>
        {heading}
      </Text>
      {mine.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.attachments.none')}
        </Text>
      )}
      {mine.map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap" data-testid="attachment">
          <Button size="compact-sm" variant="subtle" onClick={() => void open(a)}>
            {a.fileName}
          </Button>
          <Text size="xs" c="dimmed">
            {sizeText(a.size, i18n.language)}
          </Text>
          {!a.locked && (
            <RemoveButton
              compact
              label={t('meetings.attachments.removeNamed', { name: a.fileName })}
              onClick={() => setRemoving(a)}
            />
          )}
        </Group>
      ))}
      {locked ? (
        mine.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('meetings.attachments.locked')}
          </Text>
        )
      ) : (
        <Group gap="xs">
          <FileButton onChange={(f) => void attach(f)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} size="compact-sm" variant="light" loading={busy}>
                {t('meetings.attachments.add')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('meetings.attachments.limit', { megabytes: ATTACHMENT_MAX_MEGABYTES })}
          </Text>
        </Group>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetings.attachments.removeTitle')}
        message={t('meetings.attachments.removeMessage', { name: removing?.fileName ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing && (await run('attachments.remove', { id: removing.id }))) void list.reload();
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
