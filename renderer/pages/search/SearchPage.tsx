import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Chip, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RouteProps } from '../../app/route-props';
import {
  SEARCH_KINDS,
  SEARCH_STATUSES,
  type SearchHit,
  type SearchInput,
  type SearchKind,
  type SearchStatus,
} from '../../../shared/contract/search';
import { messageKey, useCall, useErrorText } from '../../api/hooks';
import { usePagedChoices } from '../../components/usePagedChoices';
import { ApiError, call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { DateField } from '../../components/DateField';
import { Highlighted } from '../../components/search/Highlighted';
import { openHit, searchPath } from '../../components/search/open';
import { titleOf, whereLine } from '../../components/search/labels';
import { groupHits } from '../../components/search/HeaderSearch';

const PAGE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `#/search/<query>`: every hit, grouped by kind, with filters for kind, body, period and status. */
export function SearchPage({ params }: RouteProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fromRoute = safeDecode(params[0] ?? '');
  const [text, setText] = useState(fromRoute);
  const [kinds, setKinds] = useState<SearchKind[]>([]);
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [extra, setExtra] = useState<SearchHit[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const bodies = usePagedChoices(
    'bodies.list',
    { includeArchived: true },
    { chosen: [Number(bodyId)], entities: ['body'] },
  );

  // the header box may send a new query while this page is open
  useEffect(() => setText(fromRoute), [fromRoute]);

  const q = text.trim();
  const input: SearchInput = {
    q,
    limit: PAGE,
    ...(kinds.length ? { kinds } : {}),
    ...(bodyId ? { bodyId: Number(bodyId) } : {}),
    ...(DATE.test(from) ? { from } : {}),
    ...(DATE.test(to) ? { to } : {}),
    ...(status ? { status: status as SearchStatus } : {}),
  };
  const key = JSON.stringify(input);
  const result = useCall('search.query', input, { skip: q === '' });
  useEffect(() => setExtra([]), [key]);

  const hits = useMemo(() => [...(result.data?.hits ?? []), ...extra], [result.data, extra]);
  const groups = useMemo(() => groupHits(hits), [hits]);
  const filtered = kinds.length > 0 || bodyId !== null || from !== '' || to !== '' || status !== null;
  const canShowMore = result.data ? hits.length < result.data.total && hits.length < 10_000 : false;

  const showMore = async () => {
    setLoadingMore(true);
    try {
      const next = await call('search.query', { ...input, offset: hits.length });
      setExtra((e) => [...e, ...next.hits]);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setLoadingMore(false);
    }
  };

  const fieldError = (field: 'from' | 'to') => {
    const key = result.error?.fields?.[field];
    return key ? t(messageKey('validation', key)) : undefined;
  };

  const clear = () => {
    setKinds([]);
    setBodyId(null);
    setFrom('');
    setTo('');
    setStatus(null);
  };

  const count = result.data
    ? result.data.more
      ? t('search.countMore', { count: result.data.total })
      : t('search.count', { count: result.data.total })
    : '';

  return (
    <Stack>
      <Title order={2}>{t('search.nav')}</Title>
      <form
        role="search"
        aria-label={t('search.label')}
        onSubmit={(e) => {
          e.preventDefault();
          window.history.replaceState(null, '', `#${searchPath(q)}`);
        }}
      >
        <TextInput
          type="search"
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="search-page-input"
          maw={640}
        />
      </form>

      <Stack gap="xs" role="group" aria-label={t('search.filters.label')}>
        <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as SearchKind[])}>
          <Group gap={6} role="group" aria-label={t('search.filters.kind')}>
            {SEARCH_KINDS.map((k) => (
              <Chip key={k} value={k} size="xs" variant="outline">
                {t(`search.kinds.${k}`)}
                {result.data ? ` (${result.data.counts[k]}${result.data.more ? '+' : ''})` : ''}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('search.filters.body')}
            placeholder={t('search.filters.allBodies')}
            data={bodies.selectData}
            onSearchChange={bodies.onSearchChange}
            value={bodyId}
            onChange={setBodyId}
            searchable
            clearable
            w={240}
          />
          <DateField
            label={t('search.filters.from')}
            value={from}
            onChange={setFrom}
            w={170}
            error={fieldError('from')}
          />
          <DateField label={t('search.filters.to')} value={to} onChange={setTo} w={170} error={fieldError('to')} />
          <Select
            label={t('search.filters.status')}
            placeholder={t('search.filters.anyStatus')}
            data={SEARCH_STATUSES.map((s) => ({ value: s, label: t(`search.status.${s}`) }))}
            value={status}
            onChange={setStatus}
            clearable
            w={160}
          />
          {filtered && (
            <Button variant="subtle" onClick={clear}>
              {t('search.filters.clear')}
            </Button>
          )}
        </Group>
      </Stack>

      <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="search-count">
        {q === '' ? '' : result.loading && !result.data ? t('search.searching') : result.error ? '' : count}
      </Text>

      {q === '' ? (
        <EmptyState title={t('search.emptyTitle')}>{t('search.emptyHelp')}</EmptyState>
      ) : result.error && !result.error.fields ? (
        <EmptyState title={errorText(result.error)} />
      ) : result.data && hits.length === 0 ? (
        <EmptyState title={t('search.noMatch', { query: q })}>{t('search.noMatchHelp')}</EmptyState>
      ) : (
        <Stack gap="lg" data-testid="search-results">
          {groups.map((group) => (
            <section key={group.kind} aria-labelledby={`search-group-${group.kind}`}>
              <Title order={3} size="h5" id={`search-group-${group.kind}`} mb={6}>
                {t(`search.kinds.${group.kind}`)} ({result.data?.counts[group.kind] ?? group.hits.length}
                {result.data?.more ? '+' : ''})
              </Title>
              <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {group.hits.map((hit) => {
                  const title = titleOf(t, hit);
                  return (
                    <Paper component="li" withBorder p="sm" key={`${hit.kind}-${hit.id}`} data-testid="search-result">
                      <Anchor
                        href={`#${hit.open.route}`}
                        fw={600}
                        onClick={(e) => {
                          e.preventDefault();
                          openHit(hit);
                        }}
                      >
                        {title.prefix}
                        <Highlighted text={title.text} ranges={hit.titleHighlights} />
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {whereLine(t, hit)}
                      </Text>
                      {hit.snippet && (
                        <Text size="sm" mt={4}>
                          <Highlighted text={hit.snippet} ranges={hit.highlights} />
                        </Text>
                      )}
                    </Paper>
                  );
                })}
              </Stack>
            </section>
          ))}
          {canShowMore && (
            <Group>
              <Button variant="default" onClick={() => void showMore()} loading={loadingMore}>
                {t('search.showMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
