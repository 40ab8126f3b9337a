import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { MandateWarning } from '../MandateWarning';
import { useAction, useCall } from '../../../api/hooks';
import { ConfirmDialog } from '../../../components/confirm';
import { EmptyState } from '../../../components/EmptyState';
import { useFieldErrors } from '../../../components/fieldErrors';
import { AutosaveTextarea } from '../../../components/autosave/AutosaveTextarea';
import { ATTENDANCE_ROLES, type Attendee, type Meeting } from '../../../../shared/contract/meetings';
import { usePeopleOptions } from '../options';
import { InlineErrors } from '../InlineErrors';
import { RemoveButton } from '../../../components/RemoveButton';

type AttendeeFields = {
  role: Attendee['role'];
  status: Attendee['status'];
  substituteForId: number | null;
  participatesIn: string | null;
};

const fieldsOf = (a: Attendee): AttendeeFields => ({
  role: a.role,
  status: a.status,
  substituteForId: a.substituteFor?.id ?? null,
  participatesIn: a.participatesIn,
});

/** Adds someone who is not pre-filled: an övrig deltagare (with the §§ they attend) or a member added late. */
function AddAttendee({ meeting, listed }: { meeting: Meeting; listed: Set<number> }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [personId, setPersonId] = useState<string | null>(null);
  const choices = usePeopleOptions(meeting.bodyId, meeting.date, [personId ? Number(personId) : null]);
  const people = choices.groups
    .map((g) => ({ ...g, items: g.items.filter((i) => !listed.has(Number(i.value))) }))
    .filter((g) => g.items.length > 0);
  const [role, setRole] = useState<string | null>('ovrig');
  const [participatesIn, setParticipatesIn] = useState('');
  const errors = useFieldErrors(fieldErrors, { personId, role, participatesIn });

  const add = async () => {
    const added = await run('attendance.add', {
      meetingId: meeting.id,
      personId: personId ? Number(personId) : 0,
      fields: { role: (role ?? '') as Attendee['role'], status: 'present', substituteForId: null, participatesIn },
    });
    if (added) {
      setPersonId(null);
      setParticipatesIn('');
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="add-attendee-title">
      <Title order={3} size="h5" id="add-attendee-title" mb="xs">
        {t('meetings.attendance.addTitle')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
        noValidate
      >
        <Group align="flex-end">
          <Select
            label={t('meetings.attendance.person')}
            data={people}
            onSearchChange={choices.onSearchChange}
            value={personId}
            onChange={setPersonId}
            error={errors.personId}
            searchable
            w={280}
          />
          <Select
            label={t('meetings.attendance.role')}
            data={ATTENDANCE_ROLES.map((r) => ({ value: r, label: t(`meetings.roles.${r}`) }))}
            value={role}
            onChange={setRole}
            error={errors.role}
            allowDeselect={false}
            w={200}
          />
          <TextInput
            label={t('meetings.attendance.participatesIn')}
            placeholder={t('meetings.attendance.participatesInPlaceholder')}
            value={participatesIn}
            onChange={(e) => setParticipatesIn(e.currentTarget.value)}
            error={errors.participatesIn}
            w={180}
          />
          <Button type="submit" loading={busy}>
            {t('actions.add')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/**
 * Närvaro: the body's members pre-filled with their roles; present/absent, who serves for an
 * absent member ("NN ersätter MM"), and others present with the §§ they took part in.
 */
export function AttendanceTab({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const list = useCall('attendance.list', { meetingId: meeting.id });
  const { run, fieldErrors } = useAction();
  const [removing, setRemoving] = useState<Attendee | null>(null);
  const readOnly = !meeting.can.editAttendance.allowed;
  const attendees = list.data ?? [];
  const update = (a: Attendee, patch: Partial<AttendeeFields>) =>
    run('attendance.update', { id: a.id, fields: { ...fieldsOf(a), ...patch } });

  const members = attendees.filter((a) => a.role !== 'ovrig');

  // "Hämta forumets ledamöter" always says what it did, or why it did nothing
  const prefill = async () => {
    const result = await run('attendance.prefill', { meetingId: meeting.id });
    if (!result) return;
    const { added, roleSet, mandates } = result;
    const message =
      added + roleSet > 0
        ? [
            added > 0 ? t('meetings.attendance.prefillAdded', { count: added }) : '',
            roleSet > 0 ? t('meetings.attendance.prefillRoleSet', { count: roleSet }) : '',
          ]
            .filter(Boolean)
            .join(' ')
        : mandates.membersOnDate === 0
          ? mandates.lastEnded
            ? t('meetings.attendance.prefillNoMandate', { date: meeting.date, ended: mandates.lastEnded })
            : t('meetings.attendance.prefillNoMembers', { body: meeting.bodyName })
          : t('meetings.attendance.prefillNothingNew', { count: mandates.membersOnDate });
    notifications.show({ color: added + roleSet > 0 ? 'green' : 'orange', message });
  };
  const presentCount = attendees.filter((a) => a.status === 'present').length;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('meetings.attendance.summary', {
            present: presentCount,
            total: attendees.length,
            deciding: attendees.filter((a) => a.decisionMaker).length,
          })}
        </Text>
        {!readOnly && (
          <Button variant="light" onClick={() => void prefill()}>
            {t('meetings.attendance.prefill')}
          </Button>
        )}
      </Group>
      {!readOnly && <MandateWarning bodyId={meeting.bodyId} bodyName={meeting.bodyName} date={meeting.date} />}
      <InlineErrors errors={fieldErrors} />
      {list.data && attendees.length === 0 && (
        <EmptyState title={t('meetings.attendance.emptyTitle')}>{t('meetings.attendance.empty')}</EmptyState>
      )}
      {attendees.length > 0 && (
        <Table aria-label={t('meetings.attendance.tableLabel')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.attendance.person')}</Table.Th>
              <Table.Th>{t('meetings.attendance.role')}</Table.Th>
              <Table.Th>{t('meetings.attendance.present')}</Table.Th>
              <Table.Th>{t('meetings.attendance.substituteFor')}</Table.Th>
              <Table.Th>{t('meetings.attendance.participatesIn')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attendees.map((a) => (
              <Table.Tr key={a.id} data-testid="attendee-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {a.personName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[a.personTitle, a.organisationName].filter(Boolean).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm">{t(`meetings.roles.${a.role}`)}</Text>
                    {a.decisionMaker && (
                      <Badge size="xs" variant="light">
                        {t('meetings.attendance.decisionMaker')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={a.status === 'present'}
                    disabled={readOnly}
                    label={
                      a.status === 'present'
                        ? t('meetings.attendance.statuses.present')
                        : t('meetings.attendance.statuses.absent')
                    }
                    aria-label={t('meetings.attendance.presentNamed', { name: a.personName })}
                    onChange={(e) => void update(a, { status: e.currentTarget.checked ? 'present' : 'absent' })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('meetings.attendance.substituteForNamed', { name: a.personName })}
                    placeholder={t('meetings.attendance.nobody')}
                    data={members
                      .filter((m) => m.personId !== a.personId)
                      .map((m) => ({
                        value: String(m.personId),
                        label:
                          m.status === 'absent'
                            ? `${m.personName} (${t('meetings.attendance.statuses.absent').toLowerCase()})`
                            : m.personName,
                      }))}
                    value={a.substituteFor ? String(a.substituteFor.id) : null}
                    onChange={(v) => void update(a, { substituteForId: v ? Number(v) : null })}
                    disabled={readOnly || a.status === 'absent'}
                    clearable
                    size="xs"
                    w={220}
                  />
                  {a.substituteFor && (
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('meetings.attendance.replaces', { name: a.personName, other: a.substituteFor.name })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.role === 'ovrig' || a.participatesIn ? (
                    <ParticipatesIn
                      attendee={a}
                      readOnly={readOnly}
                      onSave={async (participatesIn) => (await update(a, { participatesIn })) !== undefined}
                    />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('meetings.attendance.allParagraphs')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <RemoveButton
                      label={t('meetings.attendance.removeNamed', { name: a.personName })}
                      onClick={() => setRemoving(a)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && <AddAttendee meeting={meeting} listed={new Set(attendees.map((a) => a.personId))} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetings.attendance.removeTitle')}
        message={t('meetings.attendance.removeMessage', { name: removing?.personName ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('attendance.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}

function ParticipatesIn({
  attendee,
  readOnly,
  onSave,
}: {
  attendee: Attendee;
  readOnly: boolean;
  onSave(value: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  return (
    <AutosaveTextarea
      singleLine
      label={t('meetings.attendance.participatesInNamed', { name: attendee.personName })}
      value={attendee.participatesIn ?? ''}
      placeholder={t('meetings.attendance.participatesInPlaceholder')}
      readOnly={readOnly}
      onSave={onSave}
    />
  );
}
