import type { ReactNode } from 'react';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../shared/contract';
import { useCall } from '../api/hooks';
import { EmptyState } from './EmptyState';
import { Pager, useKeysetPages } from './Pager';
import type { ChoiceMethod } from './usePagedChoices';

/** rows on a page of a register: a screenful or two, whatever the size of the register */
const REGISTER_PAGE_SIZE = 50;

type RegisterFilter<M extends ChoiceMethod> = Omit<NonNullable<Input<M>>, 'limit' | 'after' | 'ids'>;
type RegisterRow<M extends ChoiceMethod> = Output<M>['items'][number];

/**
 * One page of a register (people, organisations, bodies) within `filter`, with the cursors to
 * page on and back; a changed filter starts again at the first page.
 */
export function usePagedRegister<M extends ChoiceMethod>(
  method: M,
  filter: RegisterFilter<M>,
  options: { entities?: readonly string[] } = {},
) {
  const pages = useKeysetPages(JSON.stringify(filter));
  const list = useCall(method, { ...filter, limit: REGISTER_PAGE_SIZE, after: pages.after } as Input<M>, options);
  const page = list.data as Output<M> | undefined;
  const rows: Array<RegisterRow<M>> | undefined = page?.items;
  return { rows, total: page?.total ?? 0, nextCursor: page?.next ?? null, pages };
}

/**
 * A register's page as a table under its pager, or why there is nothing to show: no match for
 * the filters, or an empty register and where to start. `texts` is where the register's texts
 * are: `title` (the table's and the pager buttons' accessible name), `noMatch`, `emptyTitle`,
 * `empty`.
 */
export function PagedRegisterTable<Row>({
  register,
  texts,
  filtering,
  columns,
  row,
}: {
  register: {
    rows: Row[] | undefined;
    total: number;
    nextCursor: string | null;
    pages: ReturnType<typeof useKeysetPages>;
  };
  texts: string;
  /** whether the user has narrowed the register, so that an empty page is no match rather than an empty register */
  filtering: boolean;
  /** the column headings, in order */
  columns: string[];
  row(item: Row): ReactNode;
}) {
  const { t } = useTranslation();
  const { rows, total, nextCursor, pages } = register;
  const label = t(`${texts}.title`);
  if (!rows) return null;
  if (rows.length === 0 && filtering)
    return (
      <Text c="dimmed" role="status">
        {t(`${texts}.noMatch`)}
      </Text>
    );
  if (rows.length === 0)
    return (
      <EmptyState title={t(`${texts}.emptyTitle`)} action={<Anchor href="#/">{t('people.emptyExample')}</Anchor>}>
        {t(`${texts}.empty`)}
      </EmptyState>
    );
  return (
    <>
      <Pager
        label={label}
        pageIndex={pages.pageIndex}
        pageSize={REGISTER_PAGE_SIZE}
        shown={rows.length}
        total={total}
        nextCursor={nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows.map(row)}</Table.Tbody>
      </Table>
    </>
  );
}
