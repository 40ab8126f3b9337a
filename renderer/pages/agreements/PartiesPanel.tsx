import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction, useCall } from '../../api/hooks';
import { AppModal } from '../../components/AppModal';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { errorsByField } from '../../components/fieldErrors';
import { usePeopleChoices } from '../../components/usePeopleChoices';
import { OtherErrors } from './OtherErrors';
import { SortableList } from '../../components/sortable/SortableList';

interface PartyDraft {
  id: number | null;
  organisationId: string | null;
  signatoryId: string | null;
}

/** Pick an organisation and the person who signs for it. */
function PartyForm({ versionId, draft, onClose }: { versionId: number; draft: PartyDraft; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const errors = errorsByField(fieldErrors);
  const [value, setValue] = useState(draft);
  const organisations = useCall('organisations.list', {});
  const chosen = [Number(value.signatoryId)];
  const ofOrganisation = usePeopleChoices({
    organisationId: Number(value.organisationId),
    skip: !value.organisationId,
    chosen,
  });
  // Usually the signatory belongs to the party; if the register has nobody there yet, anyone may be chosen.
  const nobodyThere = !value.organisationId || (ofOrganisation.total === 0 && !ofOrganisation.searching);
  const anyone = usePeopleChoices({ skip: !nobodyThere, chosen });
  const candidates = nobodyThere ? anyone : ofOrganisation;

  const submit = async () => {
    const fields = {
      organisationId: value.organisationId ? Number(value.organisationId) : (undefined as unknown as number),
      signatoryId: value.signatoryId ? Number(value.signatoryId) : (undefined as unknown as number),
    };
    const saved =
      value.id === null
        ? await run('agreements.parties.add', { versionId, fields })
        : await run('agreements.parties.update', { id: value.id, fields });
    if (saved) onClose();
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={value.id === null ? t('agreements.parties.add') : t('agreements.parties.edit')}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Select
            label={t('agreements.parties.organisation')}
            data={(organisations.data ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
            value={value.organisationId}
            onChange={(organisationId) => setValue((v) => ({ ...v, organisationId, signatoryId: null }))}
            error={errors.organisationId}
            searchable
            required
          />
          <Select
            label={t('agreements.parties.signatory')}
            description={
              nobodyThere && value.organisationId ? t('agreements.parties.noPeopleInOrganisation') : undefined
            }
            data={candidates.people.map((p) => ({
              value: String(p.id),
              label: p.title ? `${p.name}, ${p.title}` : p.name,
            }))}
            value={value.signatoryId}
            onChange={(signatoryId) => setValue((v) => ({ ...v, signatoryId }))}
            onSearchChange={candidates.onSearchChange}
            error={errors.signatoryId}
            searchable
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** The parties of a version and their signatories, in the order they appear in the document. */
export function PartiesPanel({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const { run, fieldErrors } = useAction();
  const [editing, setEditing] = useState<PartyDraft | null>(null);
  const [removing, setRemoving] = useState<Party | null>(null);
  const editable = version.editable;

  return (
    <Card withBorder component="section" aria-labelledby="version-parties">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="version-parties">
          {t('agreements.parties.title')}
        </Title>
        {editable && (
          <Button size="xs" onClick={() => setEditing({ id: null, organisationId: null, signatoryId: null })}>
            {t('agreements.parties.add')}
          </Button>
        )}
      </Group>
      {version.parties.length === 0 ? (
        <EmptyState title={t('agreements.parties.emptyTitle')}>{t('agreements.parties.empty')}</EmptyState>
      ) : (
        <SortableList
          label={t('agreements.parties.title')}
          items={version.parties}
          getId={(p) => p.id}
          getLabel={(p) => p.organisationName}
          disabled={!editable}
          onReorder={(next) =>
            void run('agreements.parties.reorder', { versionId: version.id, ids: next.map((p) => p.id) })
          }
          renderItem={(p) => (
            <Group justify="space-between" wrap="nowrap" data-testid="party-row">
              <Stack gap={0}>
                <Text fw={600}>{p.organisationName}</Text>
                <Text size="sm">
                  {t('agreements.parties.signsFor', { name: p.signatoryName })}
                  {p.signatoryTitle ? `, ${p.signatoryTitle}` : ''}
                </Text>
              </Stack>
              {editable && (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('agreements.parties.editNamed', { name: p.organisationName })}
                    onClick={() =>
                      setEditing({
                        id: p.id,
                        organisationId: String(p.organisationId),
                        signatoryId: String(p.signatoryId),
                      })
                    }
                  >
                    {t('actions.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('agreements.parties.removeNamed', { name: p.organisationName })}
                    onClick={() => setRemoving(p)}
                  >
                    {t('actions.delete')}
                  </Button>
                </Group>
              )}
            </Group>
          )}
        />
      )}
      <OtherErrors errors={fieldErrors} shown={[]} />
      {editing && <PartyForm versionId={version.id} draft={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('agreements.parties.removeTitle')}
        message={t('agreements.parties.removeMessage', { name: removing?.organisationName ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('agreements.parties.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Card>
  );
}
