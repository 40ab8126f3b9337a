import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { useFieldErrors } from '../../../components/fieldErrors';
import type { Paragraph } from '../../../../shared/contract/meetings';
import { todayIso } from '../localDate';
import { ExportMenu } from '../ExportMenu';
import { newestCorrectionSealAwaits, useSealAwaitsNotice } from '../../../components/records/sealAwaitsNotice';

type Correction = Paragraph['corrections'][number];

/**
 * Rättelser of an attested protocol or §: dated notes shown beside the original, which stays
 * exactly as it was attested.
 */
export function Corrections({
  meetingId,
  paragraphId,
  corrections,
  canAdd,
  recordLanguage,
}: {
  meetingId: number;
  paragraphId: number | null;
  corrections: Correction[];
  canAdd: boolean;
  recordLanguage: 'sv' | 'en';
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const [text, setText] = useState('');
  const errors = useFieldErrors(fieldErrors, { date, text });
  const noticeSealAwaits = useSealAwaitsNotice();

  const submit = async () => {
    const saved = await run('protocol.addCorrection', { meetingId, paragraphId, date, text });
    if (saved) {
      noticeSealAwaits(newestCorrectionSealAwaits(saved));
      setText('');
      setOpen(false);
    }
  };

  return (
    <Stack gap="xs">
      {corrections.map((c) => (
        <Paper key={c.id} withBorder p="xs" bg="yellow.0" data-testid="correction-note">
          <Group justify="space-between" align="flex-start">
            <Text size="xs" fw={600}>
              {t('meetings.corrections.noteHeading', { date: c.date, author: c.author })}
            </Text>
            {/* a rättelse is its own sealed record: the protocol it corrects stays byte for byte as attested */}
            <ExportMenu
              size="xs"
              label={t('meetings.corrections.export')}
              method="meetings.exportCorrection"
              input={{ correctionId: c.id }}
              signable
              recordLanguage={recordLanguage}
            />
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.text}
          </Text>
        </Paper>
      ))}
      {canAdd && !open && (
        <Button size="xs" variant="subtle" w="fit-content" onClick={() => setOpen(true)}>
          {paragraphId ? t('meetings.corrections.addToParagraph') : t('meetings.corrections.addToProtocol')}
        </Button>
      )}
      {canAdd && open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('meetings.corrections.help')}
            </Text>
            <DateField
              label={t('meetings.corrections.date')}
              value={date}
              onChange={setDate}
              error={errors.date}
              w={180}
            />
            <Textarea
              label={t('meetings.corrections.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={errors.text}
              autosize
              minRows={2}
              required
              data-autofocus
            />
            <Group>
              <Button type="submit" size="xs" loading={busy}>
                {t('meetings.corrections.save')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setOpen(false)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
