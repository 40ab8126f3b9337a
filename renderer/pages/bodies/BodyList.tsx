import { useState } from 'react';
import { Anchor, Badge, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { RegisterRowActions } from '../../components/RegisterRowActions';
import { PagedRegisterTable, usePagedRegister } from '../../components/PagedRegister';
import { RegisterHeader } from '../../components/RegisterHeader';
import { blankBody, BodyForm, bodyDraftOf, type BodyDraft } from './BodyForm';

export function BodyList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const filter = { includeArchived: showArchived, ...(debouncedSearch ? { search: debouncedSearch } : {}) };
  const register = usePagedRegister('bodies.list', filter, { entities: ['body'] });
  const { run } = useAction();
  const [editing, setEditing] = useState<BodyDraft | null>(null);

  return (
    <Stack>
      <RegisterHeader
        texts="bodies"
        onNew={() => setEditing(blankBody)}
        search={search}
        onSearchChange={setSearch}
        showArchived={{ checked: showArchived, onChange: setShowArchived }}
      />
      <PagedRegisterTable
        register={register}
        texts="bodies"
        filtering={Boolean(debouncedSearch)}
        columns={[t('bodies.name'), t('bodies.kind'), t('bodies.memberCount'), t('actions.title')]}
        row={(b) => (
          <Table.Tr key={b.id}>
            <Table.Td>
              <Anchor href={`#/bodies/${b.id}`}>{b.name}</Anchor>{' '}
              {b.archived && <Badge color="gray">{t('bodies.archived')}</Badge>}
            </Table.Td>
            <Table.Td>{t(`bodies.kinds.${b.kind}`)}</Table.Td>
            <Table.Td>{b.memberCount}</Table.Td>
            <Table.Td>
              <RegisterRowActions
                texts="bodies"
                name={b.name}
                archived={b.archived}
                history={{ entity: 'body', entityId: b.id }}
                onEdit={() => setEditing(bodyDraftOf(b))}
                onArchive={(archived) => run('bodies.archive', { id: b.id, archived })}
              />
            </Table.Td>
          </Table.Tr>
        )}
      />
      {editing && <BodyForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
