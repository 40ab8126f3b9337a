import { useState } from 'react';
import { Alert, Button, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { VerifyReport } from '../../../shared/contract/signing';
import { readFileBase64 } from './readFile';
import type { ArchiveVerifyReport } from '../../../shared/contract/archive';
import { ArchiveReport } from './ArchiveReport';
import { VerifyReportView } from './VerifyReportView';

export function VerifyPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  // an archive package (.zip) is checked as a whole: structure, schemas, checksums, every signature
  const [archive, setArchive] = useState<ArchiveVerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setArchive(null);
    try {
      if (file.name.toLowerCase().endsWith('.zip'))
        setArchive(await call('archive.verify', { fileBase64: await readFileBase64(file), fileName: file.name }));
      else setReport(await call('documents.verify', { fileBase64: await readFileBase64(file), fileName: file.name }));
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e.body) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={2}>{t('signing.verifyTitle')}</Title>
      <Text size="sm">{t('signing.verifyIntro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <Group align="flex-end">
          <FileInput
            label={t('signing.docxFile')}
            accept=".docx,.zip"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              setArchive(null);
              setError(null);
            }}
            clearable
            style={{ flex: 1 }}
          />
          <Button type="submit" disabled={!file} loading={busy}>
            {t('signing.verify')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" title={t('signing.unreadable')} role="alert">
          {error}
        </Alert>
      )}
      {archive && <ArchiveReport report={archive} />}
      {report && <VerifyReportView report={report} />}
    </Stack>
  );
}
