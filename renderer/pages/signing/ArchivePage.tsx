import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call, subscribe } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { usePagedChoices } from '../../components/usePagedChoices';
import { DateField } from '../../components/DateField';
import { downloadBase64 } from '../../components/download';
import { useFieldErrors } from '../../components/fieldErrors';
import { messageKey } from '../../api/hooks';
import type { Output } from '../../../shared/contract';

interface Running {
  taskId: string;
  done: number;
  total: number;
  label: string;
}

type Result = Output<'archive.export'>;

/**
 * The archivist's export: a period, bodies, a target folder or .zip (chosen with the desktop's
 * own dialog, typed, or — in browser mode — downloaded); progress, count and cancel; what was
 * left out and why, and whether the package is signed.
 */
export function ArchivePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const year = new Date().getFullYear() - 1;
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [bodyIds, setBodyIds] = useState<string[]>([]);
  const bodies = usePagedChoices('bodies.list', {}, { chosen: bodyIds.map(Number), entities: ['body'] });
  const [includeAgreements, setIncludeAgreements] = useState(true);
  const [includeCorrections, setIncludeCorrections] = useState(true);
  const [target, setTarget] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  // the desktop has a native picker; browser mode offers a download instead (a typed path still works in both)
  const desktop = typeof window !== 'undefined' && 'samrad' in window;
  const [download, setDownload] = useState(!desktop);
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const task = useRef<string | null>(null);

  useEffect(
    () =>
      subscribe('progress', (p) => {
        if (p.taskId === task.current)
          setRunning({ taskId: p.taskId, done: p.done, total: p.total, label: p.label ?? '' });
      }),
    [],
  );

  const choose = async (format: 'folder' | 'zip') => {
    const picked = await call('archive.chooseTarget', { format, suggestedName: `arkiv_${from}_${to}.zip` });
    if (picked.path) setTarget(picked.path);
  };

  const start = async () => {
    const taskId = `archive-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    task.current = taskId;
    setRunning({ taskId, done: 0, total: 0, label: '' });
    setResult(null);
    setError(null);
    setFields({});
    try {
      const where = download ? { download: true } : { target };
      const value = await call('archive.export', {
        from,
        to,
        bodyIds: bodyIds.map(Number),
        includeAgreements,
        includeCorrections,
        overwrite,
        allowUnsigned,
        taskId,
        ...where,
      });
      if (value.download) downloadBase64(value.download.fileName, value.download.base64, 'application/zip');
      setResult(value);
    } catch (e) {
      const body = e instanceof ApiError ? e.body : { code: 'INTERNAL' as const, message: String(e) };
      if (body.fields)
        setFields(Object.fromEntries(Object.entries(body.fields).map(([f, k]) => [f, t(messageKey('validation', k))])));
      else setError(errorText(body));
    } finally {
      task.current = null;
      setRunning(null);
    }
  };
  const errors = useFieldErrors(fields, { from, to, bodyIds, target: { target, download } });
  const percent = running && running.total > 0 ? Math.round((running.done / running.total) * 100) : 0;

  return (
    <Stack>
      <Title order={2}>{t('signing.archiveTitle')}</Title>
      <Text size="sm">{t('signing.archiveIntro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
        noValidate
      >
        <Stack>
          <Group grow>
            <DateField label={t('signing.from')} value={from} onChange={setFrom} error={errors.from} required />
            <DateField label={t('signing.to')} value={to} onChange={setTo} error={errors.to} required />
          </Group>
          <MultiSelect
            label={t('signing.bodies')}
            description={t('signing.bodiesHelp')}
            data={bodies.selectData}
            onSearchChange={bodies.onSearchChange}
            value={bodyIds}
            onChange={setBodyIds}
            clearable
            searchable
          />
          <Checkbox
            label={t('signing.includeAgreements')}
            description={t('signing.includeAgreementsHelp')}
            checked={includeAgreements}
            onChange={(e) => setIncludeAgreements(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('signing.includeCorrections')}
            checked={includeCorrections}
            onChange={(e) => setIncludeCorrections(e.currentTarget.checked)}
          />
          {!desktop && (
            <Checkbox
              label={t('signing.download')}
              description={t('signing.downloadHelp')}
              checked={download}
              onChange={(e) => setDownload(e.currentTarget.checked)}
            />
          )}
          {!download && (
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('signing.target')}
                description={t('signing.targetHelp')}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
                error={errors.target}
                required
              />
              {desktop && (
                <>
                  <Button variant="default" onClick={() => void choose('folder')}>
                    {t('signing.chooseFolder')}
                  </Button>
                  <Button variant="default" onClick={() => void choose('zip')}>
                    {t('signing.chooseZip')}
                  </Button>
                </>
              )}
            </Group>
          )}
          {download && errors.target && (
            <Text c="red" size="sm">
              {errors.target}
            </Text>
          )}
          {!download && (
            <Checkbox
              label={t('signing.overwrite')}
              description={t('signing.overwriteHelp')}
              checked={overwrite}
              onChange={(e) => setOverwrite(e.currentTarget.checked)}
            />
          )}
          <Checkbox
            label={t('signing.allowUnsigned')}
            description={t('signing.allowUnsignedHelp')}
            checked={allowUnsigned}
            onChange={(e) => setAllowUnsigned(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={running !== null} disabled={running !== null}>
              {t('signing.startArchive')}
            </Button>
            {running && (
              <Button
                variant="default"
                color="red"
                onClick={() => void call('archive.cancel', { taskId: running.taskId })}
              >
                {t('actions.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {running && (
        <Stack gap={4} aria-live="polite">
          <Progress value={percent} aria-label={t('signing.progress')} animated />
          <Text size="sm" data-testid="archive-count">
            {t('signing.progressCount', { done: running.done, total: running.total })}
          </Text>
          <Text size="xs" c="dimmed">
            {running.label}
          </Text>
        </Stack>
      )}
      {result && (
        <Alert color={result.signed ? 'green' : 'yellow'} title={t('signing.archiveDone')} role="status">
          <Stack gap={4}>
            <Text size="sm">
              {result.download
                ? t('signing.archiveDownloaded', { count: result.documents, file: result.download.fileName })
                : t('signing.archiveDoneHelp', { count: result.documents, path: result.path })}
            </Text>
            <Text size="sm">{result.signed ? t('signing.archiveSigned') : t('signing.archiveUnsigned')}</Text>
            <Text size="xs" c="dimmed">
              {t('signing.archivePackageId', { id: result.packageId })}
            </Text>
            {result.leftOut.length > 0 && (
              <>
                <Text size="sm" fw={600}>
                  {t('signing.leftOutTitle')}
                </Text>
                <List size="sm">
                  {result.leftOut.map((l) => (
                    <List.Item key={`${l.kind}-${l.label}`}>
                      {t(`signing.leftOut.${l.why}`, { label: l.label })}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            {result.cleaned.length > 0 && (
              <Text size="sm">
                {t('signing.cleaned', { count: result.cleaned.length, paths: result.cleaned.join(', ') })}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {error && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
