import { useState } from 'react';
import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { ListPanel } from '../../components/ListPanel';
import { useFieldErrors } from '../../components/fieldErrors';
import { usePeopleChoices } from '../../components/usePeopleChoices';
import { usePagedChoices } from '../../components/usePagedChoices';
import { OtherErrors } from './OtherErrors';

interface PartyDraft {
  id: number | null;
  organisationId: string | null;
  signatoryId: string | null;
}

/** Pick an organisation and the person who signs for it. */
function PartyForm({ versionId, draft, onClose }: { versionId: number; draft: PartyDraft; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const errors = useFieldErrors(fieldErrors, value);
  const organisations = usePagedChoices(
    'organisations.list',
    {},
    {
      chosen: [Number(value.organisationId)],
      entities: ['organisation'],
    },
  );
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
    <FormModal
      onClose={onClose}
      title={value.id === null ? t('agreements.parties.add') : t('agreements.parties.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <Select
        label={t('agreements.parties.organisation')}
        data={organisations.selectData}
        onSearchChange={organisations.onSearchChange}
        value={value.organisationId}
        onChange={(organisationId) => setValue((v) => ({ ...v, organisationId, signatoryId: null }))}
        error={errors.organisationId}
        searchable
        required
      />
      <Select
        label={t('agreements.parties.signatory')}
        description={nobodyThere && value.organisationId ? t('agreements.parties.noPeopleInOrganisation') : undefined}
        data={candidates.people.map((p) => ({
          value: String(p.id),
          label: p.title ? `${p.name}, ${p.title}` : p.name,
        }))}
        onSearchChange={candidates.onSearchChange}
        value={value.signatoryId}
        onChange={(signatoryId) => setValue((v) => ({ ...v, signatoryId }))}
        error={errors.signatoryId}
        searchable
        required
      />
    </FormModal>
  );
}

function PartyLines({ party }: { party: Party }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text fw={600}>{party.organisationName}</Text>
      <Text size="sm">
        {t('agreements.parties.signsFor', { name: party.signatoryName })}
        {party.signatoryTitle ? `, ${party.signatoryTitle}` : ''}
      </Text>
    </Stack>
  );
}

/** The parties of a version and their signatories, in the order they appear in the document. */
export function PartiesPanel({ version }: { version: VersionDetail }) {
  const { run, fieldErrors } = useAction();
  const [editing, setEditing] = useState<PartyDraft | null>(null);

  return (
    <ListPanel
      texts="agreements.parties"
      framed="panel"
      rowTestId="party-row"
      items={version.parties}
      getId={(p) => p.id}
      getName={(p) => p.organisationName}
      editable={version.editable}
      onAdd={() => setEditing({ id: null, organisationId: null, signatoryId: null })}
      onEdit={(p) =>
        setEditing({
          id: p.id,
          organisationId: String(p.organisationId),
          signatoryId: String(p.signatoryId),
        })
      }
      onRemove={(p) => run('agreements.parties.remove', { id: p.id })}
      onReorder={(next) =>
        void run('agreements.parties.reorder', { versionId: version.id, ids: next.map((p) => p.id) })
      }
      renderItem={(p) => <PartyLines party={p} />}
    >
      <OtherErrors errors={fieldErrors} shown={[]} />
      {editing && <PartyForm versionId={version.id} draft={editing} onClose={() => setEditing(null)} />}
    </ListPanel>
  );
}
