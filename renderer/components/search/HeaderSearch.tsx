import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Kbd, Paper, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SEARCH_KINDS, type SearchHit, type SearchResult } from '../../../shared/contract/search';
import { ApiError, call } from '../../api/client';
import { navigate } from '../../app/router';
import { Highlighted } from './Highlighted';
import { openHit, searchPath } from './open';
import { titleOf, whereLine } from './labels';

const LIST_ID = 'header-search-results';
const optionId = (i: number) => `header-search-option-${i}`;
/**
 * Hits in the box; the results page has the rest. Few enough that the box never needs its own
 * scrollbar (a scrolling region would need a keyboard stop of its own).
 */
const TOP = 8;

/** Whether a key press belongs to a field the person is typing in ("/" must reach it then). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.getAttribute('role') === 'textbox'
  );
}

/** Hits grouped by kind, groups in the order of their best hit, each group ranked within. */
export function groupHits(hits: SearchHit[]): Array<{ kind: SearchHit['kind']; hits: SearchHit[] }> {
  const groups = new Map<SearchHit['kind'], SearchHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.kind) ?? [];
    list.push(hit);
    groups.set(hit.kind, list);
  }
  return [...groups.entries()].map(([kind, list]) => ({ kind, hits: list }));
}

/**
 * The search box in the header (Ctrl+K or "/" from anywhere): results as you type, grouped by
 * kind, keyboard first — arrows move through them, Enter opens one (or, with none chosen, the
 * full results page), Escape closes. A combobox with a listbox, as WAI-ARIA describes it.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // one search per keystroke, no delay: only the answer to the latest text is shown
  useEffect(() => {
    const q = text.trim();
    const mine = ++seq.current;
    if (!q) {
      setResult(null);
      setError(null);
      return;
    }
    call('search.query', { q, limit: TOP })
      .then((r) => {
        if (mine !== seq.current) return;
        setResult(r);
        setError(null);
        setActive(-1);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(e instanceof ApiError ? e.body.message : String(e));
      });
  }, [text]);

  const groups = useMemo(() => {
    const grouped = groupHits(result?.hits ?? []);
    return grouped.sort(
      (a, b) =>
        result!.hits.indexOf(a.hits[0]) - result!.hits.indexOf(b.hits[0]) ||
        SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind),
    );
  }, [result]);
  const ordered = groups.flatMap((g) => g.hits);
  const query = result?.query ?? '';
  // the last option opens the results page
  const optionCount = ordered.length > 0 ? ordered.length + 1 : 0;
  const expanded = open && text.trim() !== '' && (result !== null || error !== null);
  const listShown = expanded && optionCount > 0;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const showAll = () => {
    close();
    navigate(searchPath(text.trim()));
  };
  const choose = (index: number) => {
    if (index === ordered.length) return showAll();
    const hit = ordered[index];
    if (!hit) return;
    close();
    input.current?.blur();
    openHit(hit);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!optionCount) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 && step < 0 ? optionCount - 1 : (a + step + optionCount) % optionCount));
    } else if (e.key === 'Enter') {
      if (!text.trim()) return;
      e.preventDefault();
      if (listShown && active >= 0) choose(active);
      else showAll();
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        close();
      }
    }
  };

  const status = error
    ? t('search.error', { message: error })
    : result && result.hits.length === 0
      ? t('search.noMatch', { query: text.trim() })
      : result
        ? result.more
          ? t('search.countMore', { count: result.total })
          : t('search.count', { count: result.total })
        : '';

  return (
    <div
      style={{ position: 'relative', width: 'min(34rem, 40vw)' }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) close();
      }}
    >
      <TextInput
        ref={input}
        type="search"
        size="sm"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={listShown}
        aria-controls={listShown ? LIST_ID : undefined}
        aria-autocomplete="list"
        aria-activedescendant={listShown && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="Control+K /"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          text ? null : (
            <Kbd size="xs" aria-hidden>
              Ctrl K
            </Kbd>
          )
        }
        rightSectionWidth={56}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        data-testid="header-search"
      />
      {expanded && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          style={{ position: 'absolute', top: 'calc(100% + 4px)', left: 0, right: 0, minWidth: 360, zIndex: 400 }}
          data-testid="header-search-panel"
          // which text the shown results answer (the browser benchmark times keystroke → results by it)
          data-query={result?.query ?? ''}
        >
          <Text size="xs" c="dimmed" px="xs" py={4} role="status" aria-live="polite">
            {status}
          </Text>
          {listShown && (
            <div role="listbox" id={LIST_ID} aria-label={t('search.results')}>
              {groups.map((group) => (
                <div role="group" key={group.kind} aria-labelledby={`${LIST_ID}-${group.kind}`}>
                  <Text
                    id={`${LIST_ID}-${group.kind}`}
                    role="presentation"
                    size="xs"
                    fw={700}
                    tt="uppercase"
                    c="dimmed"
                    px="xs"
                    pt={6}
                  >
                    {t(`search.kinds.${group.kind}`)} ({result!.counts[group.kind]}
                    {result!.more ? '+' : ''})
                  </Text>
                  {group.hits.map((hit) => {
                    const index = ordered.indexOf(hit);
                    const title = titleOf(t, hit);
                    return (
                      <div
                        key={`${hit.kind}-${hit.id}`}
                        id={optionId(index)}
                        role="option"
                        aria-selected={index === active}
                        data-testid="search-option"
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseEnter={() => setActive(index)}
                        onClick={() => choose(index)}
                        style={{
                          cursor: 'pointer',
                          padding: '6px 8px',
                          borderRadius: 4,
                          background: index === active ? 'var(--mantine-color-blue-light)' : undefined,
                        }}
                      >
                        <Text size="sm" fw={600} lineClamp={1}>
                          {title.prefix}
                          <Highlighted text={title.text} ranges={hit.titleHighlights} />
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {whereLine(t, hit)}
                        </Text>
                        {hit.snippet && (
                          <Text size="xs" lineClamp={1}>
                            <Highlighted text={hit.snippet} ranges={hit.highlights} />
                          </Text>
                        )}
                      </div>
                    );
                  })}
                </div>
              ))}
              <UnstyledButton
                component="div"
                role="option"
                id={optionId(ordered.length)}
                aria-selected={active === ordered.length}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(ordered.length)}
                onClick={showAll}
                px="xs"
                py={6}
                style={{
                  display: 'block',
                  width: '100%',
                  borderRadius: 4,
                  background: active === ordered.length ? 'var(--mantine-color-blue-light)' : undefined,
                }}
              >
                <Text size="sm" c="blue">
                  {t('search.showAll', { query: query || text.trim() })}
                </Text>
              </UnstyledButton>
            </div>
          )}
        </Paper>
      )}
    </div>
  );
}
