import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall, useErrorText } from '../../api/hooks';
import type { Member } from '../../../shared/contract/participants';
import { RecordHistory } from '../../components/RecordHistory';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { RowActions } from '../../components/RowActions';
import { formatPeriod } from '../../components/period';
import { AgendaTemplateEditor } from './AgendaTemplateEditor';
import { BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';
import { blankMember, MemberForm, memberDraftOf, type MemberDraft } from './MemberForm';
import { todayIso } from '../meetings/localDate';

// the app's zone, not UTC: between midnight and 01:00/02:00 the UTC date is still yesterday
const today = () => todayIso();

/** One body with its members (who, in which role, over which period, standing in for whom) and its standing agenda items. */
export function BodyDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const body = useCall('bodies.get', { id });
  const [currentOnly, setCurrentOnly] = useState(false);
  const members = useCall('bodies.members', { bodyId: id, ...(currentOnly ? { on: today() } : {}) });
  const allMembers = useCall('bodies.members', { bodyId: id });
  const { run } = useAction();
  const [editingBody, setEditingBody] = useState<BodyDraft | null>(null);
  const [editingMember, setEditingMember] = useState<MemberDraft | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const back = <Anchor href="#/bodies">{t('bodies.back')}</Anchor>;
  if (body.error) {
    return (
      <Stack>
        {back}
        <Alert color="red" title={t('errors.title')}>
          {errorText(body.error)}
        </Alert>
      </Stack>
    );
  }
  if (!body.data) return back;
  const b = body.data;

  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>
            {b.name} {b.archived && <Badge color="gray">{t('bodies.archived')}</Badge>}
          </Title>
          <Text c="dimmed">{t(`bodies.kinds.${b.kind}`)}</Text>
        </Stack>
        <Group gap="xs">
          <Button variant="light" onClick={() => setEditingBody(bodyDraftOf(b))}>
            {t('bodies.edit')}
          </Button>
          <RecordHistory entity="body" entityId={b.id} label={b.name} />
        </Group>
      </Group>
      {b.description && <Text>{b.description}</Text>}

      <Group justify="space-between" mt="md">
        <Title order={3}>{t('bodies.members.title')}</Title>
        <Button onClick={() => setEditingMember(blankMember)}>{t('bodies.members.new')}</Button>
      </Group>
      <Checkbox
        label={t('bodies.members.currentOnly')}
        checked={currentOnly}
        onChange={(e) => setCurrentOnly(e.currentTarget.checked)}
      />
      {members.data && members.data.length === 0 && (
        <EmptyState title={t('bodies.members.emptyTitle')}>{t('bodies.members.empty')}</EmptyState>
      )}
      {members.data && members.data.length > 0 && (
        <Table striped aria-label={t('bodies.members.tableLabel', { name: b.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bodies.members.person')}</Table.Th>
              <Table.Th>{t('bodies.members.role')}</Table.Th>
              <Table.Th>{t('bodies.members.period')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Text>{m.personName}</Text>
                  {(m.personTitle || m.organisationName) && (
                    <Text size="sm" c="dimmed">
                      {[m.personTitle, m.organisationName].filter(Boolean).join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text>{t(`bodies.members.roles.${m.role}`)}</Text>
                  {m.substituteForName && (
                    <Text size="sm">{t('bodies.members.standsInFor', { name: m.substituteForName })}</Text>
                  )}
                </Table.Td>
                <Table.Td>{formatPeriod(t, m.from, m.to)}</Table.Td>
                <Table.Td>
                  <RowActions
                    editLabel={t('bodies.members.editNamed', {
                      name: m.personName,
                      role: t(`bodies.members.roles.${m.role}`),
                    })}
                    removeLabel={t('bodies.members.removeNamed', {
                      name: m.personName,
                      role: t(`bodies.members.roles.${m.role}`),
                    })}
                    removeText={t('bodies.members.remove')}
                    onEdit={() => setEditingMember(memberDraftOf(m))}
                    onRemove={() => setRemoving(m)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {/* keyed by body: a draft of one body's items must never show up under another */}
      <AgendaTemplateEditor key={b.id} bodyId={b.id} bodyName={b.name} />

      {editingBody && <BodyForm draft={editingBody} onClose={() => setEditingBody(null)} />}
      {editingMember && (
        <MemberForm
          bodyId={b.id}
          draft={editingMember}
          members={allMembers.data ?? []}
          onClose={() => setEditingMember(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('bodies.members.removeTitle')}
        message={t('bodies.members.removeMessage', {
          name: removing?.personName ?? '',
          role: removing ? t(`bodies.members.roles.${removing.role}`) : '',
          body: b.name,
        })}
        confirmLabel={t('bodies.members.remove')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('bodies.removeMember', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
