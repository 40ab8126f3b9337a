import { useState } from 'react';
import { Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { navigate } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { GuardedButton } from '../../components/GuardedButton';
import { RecordHistory } from '../../components/RecordHistory';
import { MeetingForm } from './MeetingForm';
import { MeetingStatusBadges } from './MeetingStatusBadges';
import { ExportMenu } from './ExportMenu';
import { AgendaTab } from './agenda/AgendaTab';
import { AttendanceTab } from './attendance/AttendanceTab';
import { ProtocolTab } from './protocol/ProtocolTab';
import { MeetingAttachmentsProvider } from './MeetingAttachments';

const TABS = ['agenda', 'attendance', 'protocol'] as const;
type Tab = (typeof TABS)[number];

/** One meeting: its facts on top, then agenda, attendance and protocol as tabs (the tab is in the address). */
export function MeetingPage({ id, tab }: { id: number; tab?: string }) {
  const { t } = useTranslation();
  const meeting = useCall('meetings.get', { id });
  const [editing, setEditing] = useState(false);
  const current: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'agenda';

  if (meeting.error) {
    return (
      <EmptyState
        title={t('meetings.notFound')}
        action={<Button onClick={() => navigate('/meetings')}>{t('meetings.backToList')}</Button>}
      />
    );
  }
  const m = meeting.data;
  if (!m) return null;
  const people = (list: Array<{ name: string }>) => list.map((p) => p.name).join(', ');

  return (
    <Stack>
      <Anchor href="#/meetings" size="sm">
        ← {t('meetings.backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('meetings.heading', { body: m.bodyName, date: m.date })}</Title>
          <Text size="sm">
            {m.startTime}–{m.endTime}
            {m.place ? ` · ${m.place}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t('meetings.fields.chair')}: {m.chair?.name ?? '–'} · {t('meetings.fields.secretary')}:{' '}
            {m.secretary?.name ?? '–'} · {t('meetings.fields.justerare')}:{' '}
            {m.justerare.length ? people(m.justerare) : '–'}
          </Text>
          <MeetingStatusBadges meeting={m} />
          {m.cancelReason && <Text size="sm">{t('meetings.cancel.reasonShown', { reason: m.cancelReason })}</Text>}
        </Stack>
        <Group>
          <GuardedButton variant="default" can={m.can.edit} onClick={() => setEditing(true)}>
            {t('meetings.editOrMove')}
          </GuardedButton>
          <ExportMenu
            label={t('meetings.export.agenda')}
            method="meetings.exportAgenda"
            input={{ meetingId: m.id }}
            handlingarOf={{ meetingId: m.id }}
          />
          <RecordHistory
            entity="meeting"
            entityId={m.id}
            label={t('meetings.heading', { body: m.bodyName, date: m.date })}
          />
        </Group>
      </Group>

      <MeetingAttachmentsProvider meetingId={m.id}>
        <Tabs value={current} onChange={(next) => next && navigate(`/meetings/${m.id}/${next}`)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="agenda">{t('meetings.tabs.agenda')}</Tabs.Tab>
            <Tabs.Tab value="attendance">{t('meetings.tabs.attendance')}</Tabs.Tab>
            <Tabs.Tab value="protocol">{t('meetings.tabs.protocol')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="agenda" pt="md">
            <AgendaTab meeting={m} />
          </Tabs.Panel>
          <Tabs.Panel value="attendance" pt="md">
            <AttendanceTab meeting={m} />
          </Tabs.Panel>
          <Tabs.Panel value="protocol" pt="md">
            <ProtocolTab meeting={m} />
          </Tabs.Panel>
        </Tabs>
      </MeetingAttachmentsProvider>

      {editing && <MeetingForm bodyId={m.bodyId} bodyName={m.bodyName} meeting={m} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
