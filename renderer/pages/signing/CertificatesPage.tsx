import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import type { StoredCertificate } from '../../../shared/contract/signing';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { RecordHistory } from '../../components/RecordHistory';
import { UnlockForm } from '../../components/signing/UnlockForm';
import { CreateLocalForm, ImportPkcs12Form, ImportTrustedForm } from './CertificateForms';
import { TimestampSettings } from './TimestampSettings';
import { RemoveButton } from '../../components/RemoveButton';

type Dialog = 'local' | 'pkcs12' | 'trusted' | null;

export function CertificatesPage() {
  const { t, i18n } = useTranslation();
  const list = useCall('certificates.list', {});
  const status = useCall('certificates.status', {});
  const { run } = useAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [removing, setRemoving] = useState<StoredCertificate | null>(null);
  const locked = !status.data?.unlocked;
  const firstTime = !status.data?.passphraseSet;
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'sv-SE');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('signing.certificatesTitle')}</Title>
        <Group>
          <Button onClick={() => setDialog('local')}>{t('signing.createLocal')}</Button>
          <Button variant="light" onClick={() => setDialog('pkcs12')}>
            {t('signing.importPkcs12')}
          </Button>
          <Button variant="light" onClick={() => setDialog('trusted')}>
            {t('signing.importTrusted')}
          </Button>
        </Group>
      </Group>
      <Text size="sm">{t('signing.certificatesIntro')}</Text>

      <Paper withBorder p="md" aria-label={t('signing.keystore')}>
        <Stack gap="xs">
          <Group>
            <Text fw={600}>{t('signing.keystore')}</Text>
            <Badge color={locked ? 'gray' : 'green'} data-testid="keystore-status">
              {locked ? t('signing.locked') : t('signing.unlocked')}
            </Badge>
          </Group>
          {locked ? (
            firstTime ? (
              <Text size="sm">{t('signing.keystoreFirst')}</Text>
            ) : (
              <UnlockForm firstTime={false} />
            )
          ) : (
            <Group>
              <Text size="sm">{t('signing.unlockedHelp')}</Text>
              <Button size="xs" variant="default" onClick={() => void run('certificates.lock', {})}>
                {t('signing.lock')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>

      {list.data && list.data.length === 0 && (
        <EmptyState title={t('signing.emptyTitle')}>{t('signing.empty')}</EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <Table striped aria-label={t('signing.certificatesTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('signing.certificate')}</Table.Th>
              <Table.Th>{t('signing.issuer')}</Table.Th>
              <Table.Th>{t('signing.validity')}</Table.Th>
              <Table.Th>{t('signing.fingerprint')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((c) => (
              <Table.Tr key={c.id} data-testid="certificate-row">
                <Table.Td>
                  <Stack gap={2}>
                    <Group gap={4}>
                      <Text fw={600}>{c.label}</Text>
                      <Badge variant="light">{t(`signing.roles.${c.role}`)}</Badge>
                      {c.origin === 'local' && (
                        <Badge color="yellow" title={t('signing.localExplanation')}>
                          {t('signing.local')}
                        </Badge>
                      )}
                      {c.active && <Badge color="green">{t('signing.active')}</Badge>}
                      {c.trusted && <Badge color="blue">{t('signing.trusted')}</Badge>}
                    </Group>
                    <Text size="xs">{c.subject}</Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{c.issuer}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {date(c.validFrom)} – {date(c.validTo)}
                  </Text>
                  {c.validity !== 'valid' && <Badge color="red">{t(`signing.${c.validity}`)}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all', fontSize: 10 }}>{c.fingerprint}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {c.role === 'signing' && c.hasPrivateKey && !c.active && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('signing.activateNamed', { name: c.label })}
                        onClick={() => void run('certificates.activate', { id: c.id })}
                      >
                        {t('signing.activate')}
                      </Button>
                    )}
                    <RemoveButton
                      label={t('signing.removeNamed', { name: c.label })}
                      text={t('signing.remove')}
                      onClick={() => setRemoving(c)}
                    />
                    <RecordHistory entity="certificate" entityId={c.id} label={c.label} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data?.some((c) => c.origin === 'local') && <Alert color="yellow">{t('signing.localExplanation')}</Alert>}
      <TimestampSettings />
      {dialog === 'local' && <CreateLocalForm locked={locked} firstTime={firstTime} onClose={() => setDialog(null)} />}
      {dialog === 'pkcs12' && (
        <ImportPkcs12Form locked={locked} firstTime={firstTime} onClose={() => setDialog(null)} />
      )}
      {dialog === 'trusted' && <ImportTrustedForm onClose={() => setDialog(null)} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('signing.removeTitle')}
        message={t('signing.removeMessage', { name: removing?.label ?? '' })}
        confirmLabel={t('signing.remove')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('certificates.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
