import { useState } from 'react';
import { Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/hooks';
import { usePeopleChoices } from '../components/usePeopleChoices';
import { FormModal } from '../components/FormModal';
import type { Session } from '../../shared/contract/system';

/**
 * Who is working? Asked at first start (and then it cannot be skipped); changeable later
 * from the header. The name goes into the audit log of every change.
 */
export function ActorChooser({
  osUserName,
  current,
  onClose,
}: {
  osUserName: string;
  current?: Session['actor'];
  onClose?(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [personId, setPersonId] = useState<string | null>(current?.personId ? String(current.personId) : null);
  const people = usePeopleChoices({ chosen: [Number(personId)] });
  const [name, setName] = useState(current?.name ?? osUserName);
  const closable = Boolean(onClose);

  const chosen = people.people.find((p) => String(p.id) === personId);

  return (
    <FormModal
      onClose={onClose}
      title={closable ? t('session.changeTitle') : t('session.whoTitle')}
      onSubmit={async () => {
        const saved = await run('session.setActor', { name: chosen?.name ?? name, personId: chosen?.id ?? null });
        if (saved) onClose?.();
      }}
      busy={busy}
      submitLabel={closable ? t('actions.save') : t('session.start')}
    >
      <Text size="sm">{t('session.whoHelp')}</Text>
      {(people.people.length > 0 || people.searching) && (
        <Select
          label={t('session.choosePerson')}
          data={people.people.map((p) => ({ value: String(p.id), label: p.name }))}
          value={personId}
          onChange={setPersonId}
          onSearchChange={people.onSearchChange}
          clearable
          searchable
        />
      )}
      {!chosen && (
        <TextInput
          label={t('session.yourName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
          required
          data-autofocus
        />
      )}
    </FormModal>
  );
}
