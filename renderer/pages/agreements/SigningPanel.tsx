import { useState } from 'react';
import { Alert, Button, Card, Code, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { ConfirmDialog } from '../../components/confirm';
import { DateField } from '../../components/DateField';
import { OtherErrors } from './OtherErrors';
import { localToday } from './paths';
import { DigitalSigningDialog } from './DigitalSigningDialog';
import { lastSigningPlace } from './lastSigningPlace';
import { ActProofView } from '../../components/signing/ActProofView';
import { downloadBase64 } from '../../components/download';
import { useFieldErrors } from '../../components/fieldErrors';
import { SignedCopyDialog, type PendingSigner, type PlaceField } from '../signing/SignedCopyDialog';
import { useSealAwaitsNotice } from '../../components/records/sealAwaitsNotice';

const SigningPlace: PlaceField = ({ value, onChange, error }) => {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('agreements.signing.place')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required
    />
  );
};

/** The signatories still to sign, each once, whom an unknown certificate in a returned copy may be confirmed as. */
function pendingSigners(version: VersionDetail): PendingSigner[] {
  const pending = new Map<number, string>();
  for (const p of version.parties) if (!p.signing) pending.set(p.signatoryId, p.signatoryName);
  return [...pending].map(([personId, name]) => ({ personId, name }));
}

const signingFieldNames = ['name', 'title', 'organisation', 'signedOn', 'place'];

/** Records that one signatory has signed: prefilled from the party, date and place to fill in. */
function SigningForm({ version, party, onClose }: { version: VersionDetail; party: Party; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState({
    name: party.signatoryName,
    title: party.signatoryTitle ?? '',
    organisation: party.organisationName,
    signedOn: localToday(),
    place: lastSigningPlace(version),
  });
  const set = (patch: Partial<typeof value>) => setValue((v) => ({ ...v, ...patch }));
  const errors = useFieldErrors(fieldErrors, value);
  const noticeSealAwaits = useSealAwaitsNotice();

  const submit = async () => {
    const saved = await run('agreements.signing.record', { versionId: version.id, partyId: party.id, ...value });
    if (!saved) return;
    noticeSealAwaits(saved.sealAwaitsTimestamp);
    onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      title={t('agreements.signing.recordFor', { name: party.organisationName })}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('agreements.signing.record')}
    >
      <OtherErrors errors={fieldErrors} shown={signingFieldNames} />
      <TextInput
        label={t('agreements.signing.name')}
        value={value.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
        required
      />
      <TextInput
        label={t('agreements.signing.title')}
        value={value.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
      />
      <TextInput
        label={t('agreements.signing.organisation')}
        value={value.organisation}
        onChange={(e) => set({ organisation: e.currentTarget.value })}
        error={errors.organisation}
        required
      />
      <Group grow align="flex-start">
        <DateField
          label={t('agreements.signing.signedOn')}
          value={value.signedOn}
          onChange={(signedOn) => set({ signedOn })}
          error={errors.signedOn}
          required
        />
        <TextInput
          label={t('agreements.signing.place')}
          value={value.place}
          onChange={(e) => set({ place: e.currentTarget.value })}
          error={errors.place}
          required
          data-autofocus
        />
      </Group>
    </FormModal>
  );
}

/**
 * The signing workflow: send for signing (freezes the version and its document), each signatory
 * signs digitally here or away (export for signing), or their signing on paper is recorded; see
 * progress and how each signing was given; withdraw (clears the signings and the frozen document). When all have signed the version is signed
 * and its content hash is shown.
 */
export function SigningPanel({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const send = useAction();
  const withdraw = useAction();
  const exporting = useAction();
  const [signing, setSigning] = useState<Party | null>(null);
  const [asking, setAsking] = useState<'send' | 'withdraw' | null>(null);
  const [recording, setRecording] = useState<Party | null>(null);
  const [importing, setImporting] = useState(false);
  const total = version.parties.length;
  const signed = version.parties.filter((p) => p.signing).length;

  return (
    <Stack>
      <Title order={3} size="h5">
        {t('agreements.signing.heading')}
      </Title>
      {version.can.sendForSigning.allowed && (
        <Card withBorder>
          <Stack gap="xs">
            <Text size="sm">{t('agreements.signing.draftHelp')}</Text>
            <OtherErrors errors={send.fieldErrors} shown={[]} />
            <Button w="fit-content" onClick={() => setAsking('send')} loading={send.busy}>
              {t('agreements.signing.send')}
            </Button>
          </Stack>
        </Card>
      )}
      {/* once the content is fixed (out for signing, or signed) the signing progress */}
      {!version.can.edit.allowed && (
        <Stack gap={4}>
          <Text fw={600} data-testid="signing-progress">
            {t('agreements.signing.progress', { signed, total })}
          </Text>
          <Progress
            value={total ? (signed / total) * 100 : 0}
            color={signed === total ? 'green' : 'orange'}
            aria-label={t('agreements.signing.progress', { signed, total })}
          />
        </Stack>
      )}
      {version.contentHash && (
        <Alert color="green" title={t('agreements.signing.complete')}>
          <Text size="sm">
            {t('agreements.contentHash')}: <Code>{version.contentHash}</Code>
          </Text>
        </Alert>
      )}
      {total > 0 && (
        <Table aria-label={t('agreements.signing.signatories')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.parties.organisation')}</Table.Th>
              <Table.Th>{t('agreements.parties.signatory')}</Table.Th>
              <Table.Th>{t('agreements.signing.state')}</Table.Th>
              {version.can.recordSigning.allowed && <Table.Th>{t('actions.title')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {version.parties.map((p) => (
              <Table.Tr key={p.id} data-testid="signatory-row">
                <Table.Td>{p.organisationName}</Table.Td>
                <Table.Td>
                  {p.signing ? p.signing.name : p.signatoryName}
                  {(p.signing ? p.signing.title : p.signatoryTitle)
                    ? `, ${p.signing ? p.signing.title : p.signatoryTitle}`
                    : ''}
                </Table.Td>
                <Table.Td>
                  {p.signing ? (
                    <Stack gap={4}>
                      <Text size="sm">
                        {t('agreements.signing.signedAt', { date: p.signing.signedOn, place: p.signing.place })}
                      </Text>
                      {version.signingWarnings
                        .filter((w) => w.partyId === p.id)
                        .map((w) => (
                          <Text key={w.key} size="sm" c="orange.8" role="note">
                            {t(w.key, { signedOn: w.signedOn, validTo: w.validTo })}
                          </Text>
                        ))}
                      <ActProofView name={p.signing.name} proof={p.signing.proof} />
                    </Stack>
                  ) : (
                    t('agreements.signing.notSigned')
                  )}
                </Table.Td>
                {version.can.recordSigning.allowed && (
                  <Table.Td>
                    {!p.signing && (
                      <Group gap="xs">
                        <Button
                          size="xs"
                          onClick={() => setSigning(p)}
                          aria-label={t('agreements.signing.signDigitallyFor', { name: p.organisationName })}
                        >
                          {t('agreements.signing.signDigitally')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setRecording(p)}
                          aria-label={t('agreements.signing.recordFor', { name: p.organisationName })}
                        >
                          {t('agreements.signing.record')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(version.can.recordSigning.allowed || version.can.withdraw.allowed) && (
        <Group>
          {version.can.recordSigning.allowed && (
            <>
              <Button
                variant="default"
                title={t('agreements.signing.exportForSigningHelp')}
                loading={exporting.busy}
                onClick={async () => {
                  const document = await exporting.run('agreements.signing.exportForSigning', {
                    versionId: version.id,
                  });
                  if (document) downloadBase64(document.fileName, document.base64);
                }}
              >
                {t('agreements.signing.exportForSigning')}
              </Button>
              <Button variant="default" onClick={() => setImporting(true)}>
                {t('agreements.signing.importSigned')}
              </Button>
            </>
          )}
          {version.can.withdraw.allowed && (
            <Button variant="default" color="red" onClick={() => setAsking('withdraw')} loading={withdraw.busy}>
              {t('agreements.signing.withdraw')}
            </Button>
          )}
        </Group>
      )}
      {recording && <SigningForm version={version} party={recording} onClose={() => setRecording(null)} />}
      {signing && <DigitalSigningDialog version={version} party={signing} onClose={() => setSigning(null)} />}
      {importing && (
        <SignedCopyDialog
          target={{ method: 'agreements.signing.importSignedCopy', versionId: version.id }}
          help={t('agreements.signing.importHelp')}
          signers={pendingSigners(version)}
          defaultPlace={lastSigningPlace(version)}
          PlaceField={SigningPlace}
          onClose={() => setImporting(false)}
        />
      )}
      <ConfirmDialog
        opened={asking === 'send'}
        title={t('agreements.signing.sendTitle')}
        message={t('agreements.signing.sendMessage', { count: total })}
        confirmLabel={t('agreements.signing.send')}
        onCancel={() => setAsking(null)}
        onConfirm={async () => {
          setAsking(null);
          await send.run('agreements.signing.send', { versionId: version.id });
        }}
      />
      <ConfirmDialog
        opened={asking === 'withdraw'}
        title={t('agreements.signing.withdrawTitle')}
        message={t('agreements.signing.withdrawMessage', { count: signed })}
        confirmLabel={t('agreements.signing.withdraw')}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={async () => {
          setAsking(null);
          await withdraw.run('agreements.signing.withdraw', { versionId: version.id });
        }}
      />
    </Stack>
  );
}
