import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, MultiSelect, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call, subscribe } from '../../api/client';
import { useCall, useErrorText } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { errorsByField } from '../../components/fieldErrors';
import { messageKey } from '../../api/hooks';

interface Running {
  taskId: string;
  done: number;
  total: number;
  label: string;
}

/** The archivist's export: a period, bodies, a target folder or .zip; progress, count and cancel. */
export function ArchivePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const bodies = useCall('bodies.list', {});
  const year = new Date().getFullYear() - 1;
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [bodyIds, setBodyIds] = useState<string[]>([]);
  const [includeAgreements, setIncludeAgreements] = useState(true);
  const [target, setTarget] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<{ path: string; documents: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const task = useRef<string | null>(null);

  useEffect(
    () =>
      subscribe('progress', (p) => {
        if (p.taskId === task.current) setRunning({ taskId: p.taskId, done: p.done, total: p.total, label: p.label ?? '' });
      }),
    [],
  );

  const start = async () => {
    const taskId = `archive-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    task.current = taskId;
    setRunning({ taskId, done: 0, total: 0, label: '' });
    setResult(null);
    setError(null);
    setFields({});
    try {
      const value = await call('archive.export', { from, to, bodyIds: bodyIds.map(Number), includeAgreements, target, overwrite, taskId });
      setResult({ path: value.path, documents: value.documents });
    } catch (e) {
      const body = e instanceof ApiError ? e.body : { code: 'INTERNAL' as const, message: String(e) };
      if (body.fields) setFields(Object.fromEntries(Object.entries(body.fields).map(([f, k]) => [f, t(messageKey('validation', k))])));
      else setError(errorText(body));
    } finally {
      task.current = null;
      setRunning(null);
    }
  };
  const errors = errorsByField(fields);
  const percent = running && running.total > 0 ? Math.round((running.done / running.total) * 100) : 0;

  return (
    <Stack>
      <Title order={2}>{t('trust.archiveTitle')}</Title>
      <Text size="sm">{t('trust.archiveIntro')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); void start(); }} noValidate>
        <Stack>
          <Group grow>
            <DateField label={t('trust.from')} value={from} onChange={setFrom} error={errors.from} required />
            <DateField label={t('trust.to')} value={to} onChange={setTo} error={errors.to} required />
          </Group>
          <MultiSelect
            label={t('trust.bodies')}
            description={t('trust.bodiesHelp')}
            data={(bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
            value={bodyIds}
            onChange={setBodyIds}
            clearable
            searchable
          />
          <Checkbox label={t('trust.includeAgreements')} checked={includeAgreements} onChange={(e) => setIncludeAgreements(e.currentTarget.checked)} />
          <TextInput label={t('trust.target')} description={t('trust.targetHelp')} value={target} onChange={(e) => setTarget(e.currentTarget.value)} error={errors.target} required />
          <Checkbox label={t('trust.overwrite')} checked={overwrite} onChange={(e) => setOverwrite(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={running !== null} disabled={running !== null}>{t('trust.startArchive')}</Button>
            {running && (
              <Button variant="default" color="red" onClick={() => void call('archive.cancel', { taskId: running.taskId })}>{t('actions.cancel')}</Button>
            )}
          </Group>
        </Stack>
      </form>
      {running && (
        <Stack gap={4} aria-live="polite">
          <Progress value={percent} aria-label={t('trust.progress')} animated />
          <Text size="sm" data-testid="archive-count">{t('trust.progressCount', { done: running.done, total: running.total })}</Text>
          <Text size="xs" c="dimmed">{running.label}</Text>
        </Stack>
      )}
      {result && <Alert color="green" title={t('trust.archiveDone')} role="status">{t('trust.archiveDoneHelp', { count: result.documents, path: result.path })}</Alert>}
      {error && <Alert color="red" title={t('errors.title')} role="alert">{error}</Alert>}
    </Stack>
  );
}
