import { useState } from 'react';
import { Anchor, Button, Card, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../../api/hooks';

/**
 * What the previous meeting left open — §§ marked to be taken up again and action items not
 * yet done — offered for this agenda. Nothing is added until the user picks and confirms.
 */
export function Suggestions({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const suggestions = useCall('agenda.suggestions', { meetingId });
  const { run, busy } = useAction();
  const [paragraphIds, setParagraphIds] = useState<number[]>([]);
  const [actionIds, setActionIds] = useState<number[]>([]);
  const data = suggestions.data;
  if (!data || (data.unfinished.length === 0 && data.openActions.length === 0)) return null;

  const toggle = (list: number[], id: number, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const add = async () => {
    const added = await run('agenda.carryOver', { meetingId, paragraphIds, actionIds });
    if (added) {
      setParagraphIds([]);
      setActionIds([]);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="agenda-suggestions-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="agenda-suggestions-title">
          {data.previousMeeting
            ? t('meetings.suggestions.titleFrom', { date: data.previousMeeting.date })
            : t('meetings.suggestions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('meetings.suggestions.help')}
        </Text>
        {data.unfinished.length > 0 && (
          <Text size="sm" fw={600}>
            {t('meetings.suggestions.unfinished')}
          </Text>
        )}
        {data.unfinished.map((p) => (
          <Checkbox
            key={`p${p.id}`}
            label={`§ ${p.number} ${p.title} (${p.meetingDate})`}
            checked={paragraphIds.includes(p.id)}
            onChange={(e) => setParagraphIds((l) => toggle(l, p.id, e.currentTarget.checked))}
          />
        ))}
        {data.openActions.length > 0 && (
          <Text size="sm" fw={600}>
            {t('meetings.suggestions.openActions')}
          </Text>
        )}
        {data.openActionsTotal > data.openActions.length && (
          <Text size="sm" c="dimmed">
            {t('meetings.suggestions.moreOpenActions', {
              shown: data.openActions.length,
              total: data.openActionsTotal,
            })}{' '}
            <Anchor href="#/actions" size="sm">
              {t('meetings.suggestions.toActions')}
            </Anchor>
          </Text>
        )}
        {data.openActions.map((a) => (
          <Checkbox
            key={`a${a.id}`}
            label={t('meetings.suggestions.actionLabel', {
              description: a.description,
              owner: a.ownerName,
              number: a.paragraphNumber,
              due: a.dueDate ?? '–',
            })}
            checked={actionIds.includes(a.id)}
            onChange={(e) => setActionIds((l) => toggle(l, a.id, e.currentTarget.checked))}
          />
        ))}
        <Button
          w="fit-content"
          size="sm"
          loading={busy}
          disabled={paragraphIds.length + actionIds.length === 0}
          onClick={() => void add()}
        >
          {t('meetings.suggestions.add')}
        </Button>
      </Stack>
    </Card>
  );
}
