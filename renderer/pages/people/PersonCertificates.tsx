import { useState } from 'react';
import { Badge, Button, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { AppModal } from '../../components/AppModal';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { CertificatePicker } from '../../components/signing/CertificatePicker';
import { pickedFile, useFieldErrors } from '../../components/fieldErrors';
import { formatDateTime } from '../../components/dateTime';
import type { PersonCertificate } from '../../../shared/contract/personal-signing';
import { readFileBase64 } from '../signing/readFile';
import { RemoveButton } from '../../components/RemoveButton';

function ImportForm({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const errors = useFieldErrors(fieldErrors, { fileBase64: pickedFile(file), password });
  const submit = async () => {
    if (!file) return;
    const done = await run('personCertificates.import', { personId, fileBase64: await readFileBase64(file), password });
    if (done) {
      setFile(null);
      setPassword('');
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Title order={4}>{t('people.certificates.import')}</Title>
        <CertificatePicker
          source={{
            kind: 'file',
            label: t('people.certificates.file'),
            file,
            onFileChange: setFile,
            error: errors.fileBase64,
          }}
          password={{
            label: t('people.certificates.password'),
            description: t('people.certificates.passwordHelp'),
            required: true,
            value: password,
            onChange: setPassword,
            error: errors.password,
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!file}>
            {t('people.certificates.import')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LocalForm({ personId, locked }: { personId: number; locked: boolean }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const errors = useFieldErrors(fieldErrors, { password, passphrase });
  const submit = async () => {
    const done = await run('personCertificates.createLocal', {
      personId,
      password,
      passphrase: locked ? passphrase : null,
    });
    if (done) {
      setPassword('');
      setPassphrase('');
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Title order={4}>{t('people.certificates.createLocal')}</Title>
        <Text size="sm">{t('people.certificates.localHelp')}</Text>
        <PasswordInput
          label={t('people.certificates.newPassword')}
          description={t('people.certificates.newPasswordHelp')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
        />
        {locked && (
          <PasswordInput
            label={t('people.certificates.passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={errors.passphrase}
            required
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('people.certificates.createLocal')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A person's own signing certificates: the fingerprint links each to them; add, or remove after confirming. */
export function PersonCertificates({ person, onClose }: { person: { id: number; name: string }; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const list = useCall('personCertificates.list', { personId: person.id });
  const status = useCall('certificates.status', {});
  const remove = useAction();
  const [removing, setRemoving] = useState<PersonCertificate | null>(null);
  return (
    <AppModal opened onClose={onClose} title={t('people.certificates.title', { name: person.name })} size="xl">
      <Stack>
        <Text size="sm">{t('people.certificates.intro')}</Text>
        {list.data && list.data.length === 0 && (
          <EmptyState title={t('people.certificates.emptyTitle')}>{t('people.certificates.empty')}</EmptyState>
        )}
        {list.data && list.data.length > 0 && (
          <Table aria-label={t('people.certificates.title', { name: person.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.certificates.label')}</Table.Th>
                <Table.Th>{t('people.certificates.fingerprint')}</Table.Th>
                <Table.Th>{t('people.certificates.validity')}</Table.Th>
                <Table.Th>{t('people.certificates.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">{c.label}</Text>
                      <Text size="xs" c="dimmed">
                        {c.subject}
                      </Text>
                      <Badge variant="light" color={c.origin === 'local' ? 'yellow' : 'blue'}>
                        {t(`people.certificates.origins.${c.origin}`)}
                      </Badge>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {c.fingerprint}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.validFrom.slice(0, 10)} – {c.validTo.slice(0, 10)}
                    </Text>
                    {c.validity !== 'valid' && <Badge color="red">{t(`signing.${c.validity}`)}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {c.removedAt ? (
                      <Text size="sm" c="dimmed">
                        {t('people.certificates.removed', { date: formatDateTime(c.removedAt, i18n.language) })}
                      </Text>
                    ) : (
                      <Group gap="xs">
                        {!c.hasPrivateKey && (
                          <Text size="xs" c="dimmed">
                            {t('people.certificates.noKey')}
                          </Text>
                        )}
                        <RemoveButton
                          label={t('people.certificates.removeNamed', { label: c.label })}
                          text={t('people.certificates.remove')}
                          onClick={() => setRemoving(c)}
                        />
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ImportForm personId={person.id} />
        <LocalForm personId={person.id} locked={!status.data?.unlocked} />
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('people.certificates.removeTitle')}
        message={t('people.certificates.removeMessage', { label: removing?.label ?? '' })}
        confirmLabel={t('people.certificates.remove')}
        danger
        onConfirm={async () => {
          if (removing) await remove.run('personCertificates.remove', { id: removing.id });
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      />
    </AppModal>
  );
}
