import type { ReactNode } from 'react';
import { Button, Checkbox, Group, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A register's header: its title and New button over its filter bar — a search box, "show
 * archived" where the register archives, and any filter of its own (`children`). `texts` is where
 * the register's texts are: `title`, `new`, `filters`, `search`, `searchPlaceholder` and, with
 * `showArchived`, `showArchived`.
 */
export function RegisterHeader({
  texts,
  onNew,
  search,
  onSearchChange,
  showArchived,
  children,
}: {
  texts: string;
  onNew(): void;
  search: string;
  onSearchChange(search: string): void;
  showArchived?: { checked: boolean; onChange(checked: boolean): void };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between">
        <Title order={2}>{t(`${texts}.title`)}</Title>
        <Button onClick={onNew}>{t(`${texts}.new`)}</Button>
      </Group>
      <Group align="flex-end" role="search" aria-label={t(`${texts}.filters`)}>
        <TextInput
          type="search"
          label={t(`${texts}.search`)}
          placeholder={t(`${texts}.searchPlaceholder`)}
          value={search}
          onChange={(e) => onSearchChange(e.currentTarget.value)}
          w={320}
        />
        {showArchived && (
          <Checkbox
            label={t(`${texts}.showArchived`)}
            checked={showArchived.checked}
            onChange={(e) => showArchived.onChange(e.currentTarget.checked)}
            mb={8}
          />
        )}
        {children}
      </Group>
    </>
  );
}
