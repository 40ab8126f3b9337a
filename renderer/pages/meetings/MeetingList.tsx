import { useEffect, useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { navigate } from '../../app/router';
import { FormModal } from '../../components/FormModal';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { Pager, useKeysetPages } from '../../components/Pager';
import { usePagedChoices } from '../../components/usePagedChoices';
import type { Meeting } from '../../../shared/contract/meetings';
import { MeetingForm } from './MeetingForm';
import { SeriesForm } from './SeriesForm';
import { MeetingStatusBadges } from './MeetingStatusBadges';
import { todayIso } from './localDate';

const BODY_KEY = 'samrad.meetings.body';
const MEETINGS_PAGE_SIZE = 25;
/** what a row shows: the meeting, its protocol and §§, its body, its chair */
const SHOWN_ENTITIES = ['meeting', 'paragraph', 'body', 'person'];

function CancelDialog({ meeting, onClose }: { meeting: Meeting; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [reason, setReason] = useState('');
  return (
    <FormModal
      onClose={onClose}
      title={t('meetings.cancel.title')}
      onSubmit={async () => {
        if (await run('meetings.cancel', { id: meeting.id, cancelled: true, reason })) onClose();
      }}
      busy={busy}
      submitLabel={t('meetings.cancel.confirm')}
      danger
    >
      <Text>{t('meetings.cancel.message', { body: meeting.bodyName, date: meeting.date })}</Text>
      <Textarea
        label={t('meetings.cancel.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        data-autofocus
      />
    </FormModal>
  );
}

/** A body's meetings, upcoming or past, with creating, planning a series, moving and cancelling. */
export function MeetingList() {
  const { t } = useTranslation();
  const [bodyId, setBodyId] = useState<string | null>(() => sessionStorage.getItem(BODY_KEY));
  // the chosen body itself: whether it is gone or archived, and what the page shows of it
  const chosen = useCall('bodies.get', { id: Number(bodyId) }, { skip: !bodyId, entities: ['body'] });
  const bodies = usePagedChoices('bodies.list', {}, { chosen: [Number(bodyId)], entities: ['body'] });
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [editing, setEditing] = useState<Meeting | null>(null);
  const [cancelling, setCancelling] = useState<Meeting | null>(null);
  const [removing, setRemoving] = useState<Meeting | null>(null);
  const { run } = useAction();

  // Start with the remembered body unless it is gone or archived, else the Chefssamråd, else the first body.
  const remembered = bodyId !== null && !chosen.error && chosen.data?.archived !== true;
  const firstChoices = bodies.searching ? null : bodies.items;
  useEffect(() => {
    if (remembered || !firstChoices || firstChoices.length === 0) return;
    const preferred = firstChoices.find((b) => b.kind === 'chefssamrad') ?? firstChoices[0];
    setBodyId(String(preferred.id));
  }, [remembered, firstChoices]);
  useEffect(() => {
    if (bodyId) sessionStorage.setItem(BODY_KEY, bodyId);
  }, [bodyId]);

  const body = chosen.data && String(chosen.data.id) === bodyId && remembered ? chosen.data : null;
  const today = todayIso();
  const range =
    when === 'upcoming' ? { from: today, order: 'asc' as const } : { before: today, order: 'desc' as const };
  const filter = { bodyId: body?.id, includeCancelled: true, ...range };
  const pages = useKeysetPages(JSON.stringify(filter));
  const meetings = useCall(
    'meetings.list',
    { ...filter, limit: MEETINGS_PAGE_SIZE, after: pages.after },
    { skip: !body, entities: SHOWN_ENTITIES },
  );
  const shown = meetings.data?.items ?? [];

  if (bodies.loaded && bodies.total === 0 && !bodies.searching) {
    return (
      <Stack>
        <Title order={2}>{t('meetings.title')}</Title>
        <EmptyState
          title={t('meetings.noBodiesTitle')}
          action={<Button onClick={() => navigate('/bodies')}>{t('meetings.goToBodies')}</Button>}
        >
          {t('meetings.noBodies')}
        </EmptyState>
      </Stack>
    );
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('meetings.title')}</Title>
        <Group>
          <Button variant="light" disabled={!body} onClick={() => setPlanning(true)}>
            {t('meetings.series.open')}
          </Button>
          <Button disabled={!body} onClick={() => setCreating(true)}>
            {t('meetings.new')}
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <Select
          label={t('meetings.body')}
          data={bodies.selectData}
          onSearchChange={bodies.onSearchChange}
          searchable
          value={bodyId}
          onChange={(v) => v && setBodyId(v)}
          allowDeselect={false}
          w={320}
        />
        <SegmentedControl
          aria-label={t('meetings.when')}
          value={when}
          onChange={(v) => setWhen(v as 'upcoming' | 'past')}
          data={[
            { value: 'upcoming', label: t('meetings.upcoming') },
            { value: 'past', label: t('meetings.past') },
          ]}
        />
      </Group>

      {meetings.data && shown.length === 0 && (
        <EmptyState title={when === 'upcoming' ? t('meetings.emptyUpcomingTitle') : t('meetings.emptyPastTitle')}>
          {when === 'upcoming' ? t('meetings.emptyUpcoming') : t('meetings.emptyPast')}
        </EmptyState>
      )}
      {shown.length > 0 && meetings.data && (
        <Pager
          label={t('meetings.listLabel', { body: body?.name ?? '' })}
          pageIndex={pages.pageIndex}
          pageSize={MEETINGS_PAGE_SIZE}
          shown={shown.length}
          total={meetings.data.total}
          nextCursor={meetings.data.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {shown.length > 0 && (
        <Table striped highlightOnHover aria-label={t('meetings.listLabel', { body: body?.name ?? '' })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.fields.date')}</Table.Th>
              <Table.Th>{t('meetings.fields.time')}</Table.Th>
              <Table.Th>{t('meetings.fields.place')}</Table.Th>
              <Table.Th>{t('meetings.fields.chair')}</Table.Th>
              <Table.Th>{t('meetings.status')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Anchor
                    href={`#/meetings/${m.id}`}
                    aria-label={t('meetings.openNamed', { body: m.bodyName, date: m.date })}
                  >
                    {m.date}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {m.startTime}–{m.endTime}
                </Table.Td>
                <Table.Td>{m.place ?? ''}</Table.Td>
                <Table.Td>{m.chair?.name ?? ''}</Table.Td>
                <Table.Td>
                  <MeetingStatusBadges meeting={m} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {m.can.edit.allowed && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('meetings.moveNamed', { date: m.date })}
                        onClick={() => setEditing(m)}
                      >
                        {t('meetings.move')}
                      </Button>
                    )}
                    {m.can.cancel.allowed && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('meetings.cancel.named', { date: m.date })}
                        onClick={() => setCancelling(m)}
                      >
                        {t('meetings.cancel.action')}
                      </Button>
                    )}
                    {m.can.reinstate.allowed && (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={t('meetings.reinstateNamed', { date: m.date })}
                        onClick={() => void run('meetings.cancel', { id: m.id, cancelled: false })}
                      >
                        {t('meetings.reinstate')}
                      </Button>
                    )}
                    {m.can.remove.allowed && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('meetings.removeNamed', { date: m.date })}
                        onClick={() => setRemoving(m)}
                      >
                        {t('actions.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {body && creating && (
        <MeetingForm
          bodyId={body.id}
          bodyName={body.name}
          meeting={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => navigate(`/meetings/${m.id}/agenda`)}
        />
      )}
      {body && planning && <SeriesForm bodyId={body.id} bodyName={body.name} onClose={() => setPlanning(false)} />}
      {body && editing && (
        <MeetingForm bodyId={body.id} bodyName={body.name} meeting={editing} onClose={() => setEditing(null)} />
      )}
      {cancelling && <CancelDialog meeting={cancelling} onClose={() => setCancelling(null)} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetings.remove.title')}
        message={t('meetings.remove.message', { body: removing?.bodyName ?? '', date: removing?.date ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('meetings.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
