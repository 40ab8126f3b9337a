import { useState } from 'react';
import {
  Alert,
  Button,
  FileInput,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useErrorText } from '../../api/hooks';
import { usePeopleChoices } from '../../components/usePeopleChoices';
import type { VerifyReport } from '../../../shared/contract/signing';
import type { ErrorBody } from '../../../shared/errors';
import { pickedFile, useFieldErrors } from '../../components/fieldErrors';
import { CertificatePicker } from '../../components/signing/CertificatePicker';
import { downloadBase64 } from '../../components/download';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../components/signing/TimestampFailedDialog';
import { readFileBase64 } from './readFile';
import { VerifyReportView } from './VerifyReportView';

type Source = 'held' | 'file';

/**
 * Signing any Word document with one's own certificate — a personal one held in Samråd, or a
 * PKCS#12 file — as a signatory away from the organisation does with a document sent for
 * signing. The signed copy is saved, then verified as the Verify page would.
 */
export function SignDocumentPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { run, fieldErrors, setFieldErrors, busy } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<Source>('held');
  const [personId, setPersonId] = useState<string | null>(null);
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [pkcs12, setPkcs12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');
  const [comment, setComment] = useState('');
  const errors = useFieldErrors(fieldErrors, {
    fileBase64: pickedFile(file),
    personId,
    certificateId,
    pkcs12Base64: pickedFile(pkcs12),
    password,
    role,
    comment,
  });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ fileName: string; report: VerifyReport } | null>(null);
  const people = usePeopleChoices({ chosen: [Number(personId)] });

  const clearOutcome = () => {
    setError(null);
    setResult(null);
    setFieldErrors({});
  };

  // a refusal with a field goes beside that field; any other is shown above the form, in words
  const keepOnPage = (body: ErrorBody) => {
    if (body.fields && Object.keys(body.fields).length > 0) return false;
    setError(errorText(body));
    return true;
  };

  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);

  const sign = async (withoutTimestamp = false) => {
    if (!file) return;
    clearOutcome();
    // the TSA failing is the user's choice to make (sign on the own clock, or later); other refusals stay on the page
    const onError = (body: ErrorBody) =>
      takeTimestampFailure(setTimestampFailure, () => void sign(true))(body) || keepOnPage(body);
    const fileBase64 = await readFileBase64(file);
    const statement = { role: role.trim() || undefined, comment: comment.trim() || undefined };
    const signed =
      source === 'held'
        ? await run(
            'documents.coSignAsPerson',
            {
              fileBase64,
              personId: Number(personId ?? 0),
              certificateId: Number(certificateId ?? 0),
              password,
              withoutTimestamp,
              ...statement,
            },
            onError,
          )
        : await run(
            'documents.coSign',
            {
              fileBase64,
              pkcs12Base64: pkcs12 ? await readFileBase64(pkcs12) : '',
              password,
              withoutTimestamp,
              ...statement,
            },
            onError,
          );
    if (!signed) return;
    const fileName = t('signing.signDocument.signedName', { name: file.name.replace(/\.docx$/i, '') });
    downloadBase64(fileName, signed.base64);
    const report = await run('documents.verify', { fileBase64: signed.base64, fileName }, keepOnPage);
    if (report) setResult({ fileName, report });
  };

  return (
    <Stack>
      {timestampFailure && (
        <TimestampFailedDialog failure={timestampFailure} onClose={() => setTimestampFailure(null)} />
      )}
      <Title order={2}>{t('signing.signDocument.title')}</Title>
      <Text size="sm">{t('signing.signDocument.intro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void sign();
        }}
        noValidate
      >
        <Stack maw={640}>
          <FileInput
            label={t('signing.signDocument.file')}
            accept=".docx"
            value={file}
            onChange={(f) => {
              setFile(f);
              clearOutcome();
            }}
            error={errors.fileBase64}
            clearable
            required
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="sign-source">
              {t('signing.signDocument.source')}
            </Text>
            <SegmentedControl
              aria-labelledby="sign-source"
              value={source}
              onChange={(v) => {
                setSource(v as Source);
                clearOutcome();
              }}
              data={[
                { value: 'held', label: t('signing.signDocument.sourceHeld') },
                { value: 'file', label: t('signing.signDocument.sourceFile') },
              ]}
            />
          </Stack>
          {source === 'held' && (
            <Select
              label={t('signing.signDocument.person')}
              data={people.people.map((p) => ({ value: String(p.id), label: p.name }))}
              onSearchChange={people.onSearchChange}
              value={personId}
              onChange={(v) => {
                setPersonId(v);
                setCertificateId(null);
              }}
              error={errors.personId}
              searchable
              allowDeselect={false}
              required
            />
          )}
          <CertificatePicker
            source={
              source === 'held'
                ? {
                    kind: 'stored',
                    label: t('signing.signDocument.certificate'),
                    personId,
                    noneText: t('signing.signDocument.noCertificate'),
                    certificateId,
                    onCertificateChange: setCertificateId,
                    error: errors.certificateId,
                  }
                : {
                    kind: 'file',
                    label: t('signing.signDocument.pkcs12File'),
                    file: pkcs12,
                    onFileChange: setPkcs12,
                    error: errors.pkcs12Base64,
                  }
            }
            password={{
              label: t('signing.signDocument.password'),
              description: t('signing.signDocument.passwordHelp'),
              required: source === 'held',
              value: password,
              onChange: setPassword,
              error: errors.password,
            }}
          />
          <TextInput
            label={t('signing.signDocument.role')}
            description={t('signing.signDocument.roleHelp')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            error={errors.role}
          />
          <TextInput
            label={t('signing.signDocument.comment')}
            description={t('signing.signDocument.commentHelp')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.comment}
          />
          <Group>
            <Button type="submit" disabled={!file || (source === 'file' && !pkcs12)} loading={busy}>
              {t('signing.signDocument.sign')}
            </Button>
          </Group>
        </Stack>
      </form>
      {error && (
        <Alert color="red" title={t('signing.signDocument.failed')} role="alert">
          {error}
        </Alert>
      )}
      {result && (
        <Stack>
          <Alert color="blue" role="status">
            {t('signing.signDocument.signed', { fileName: result.fileName })}
          </Alert>
          <Title order={3}>{t('signing.signDocument.resultTitle')}</Title>
          <VerifyReportView report={result.report} />
        </Stack>
      )}
    </Stack>
  );
}
