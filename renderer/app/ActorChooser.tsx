import { useState } from 'react';
import { Button, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../api/hooks';

/** First start: who is working? Their name goes into the audit log of every change. */
export function ActorChooser({ osUserName }: { osUserName: string }) {
  const { t } = useTranslation();
  const people = useCall('people.list', {});
  const { run, fieldErrors, busy } = useAction();
  const [personId, setPersonId] = useState<string | null>(null);
  const [name, setName] = useState(osUserName);

  const chosen = people.data?.find((p) => String(p.id) === personId);

  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title={t('session.whoTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run('session.setActor', { name: chosen?.name ?? name, personId: chosen?.id ?? null });
        }}
      >
        <Stack>
          <Text size="sm">{t('session.whoHelp')}</Text>
          {people.data && people.data.length > 0 && (
            <Select
              label={t('session.choosePerson')}
              data={people.data.map((p) => ({ value: String(p.id), label: p.name }))}
              value={personId}
              onChange={setPersonId}
              clearable
              searchable
            />
          )}
          {!chosen && <TextInput label={t('session.yourName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name} required />}
          <Button type="submit" loading={busy}>
            {t('session.start')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
