import { useState } from 'react';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Section, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm';
import { EmptyState } from '../../components/EmptyState';
import { RichTextView } from '../../components/richtext/RichTextView';
import { OtherErrors } from './OtherErrors';
import { SortableList } from '../../components/sortable/SortableList';
import { SectionEditor } from './SectionEditor';
import { periodFieldValues } from '../../../shared/period-dates';

/** The agreement text: ordered sections, each a heading and rich text; read-only once frozen. */
export function SectionsPanel({ version }: { version: VersionDetail }) {
  const { t, i18n } = useTranslation();
  const fields = periodFieldValues(version, i18n.language === 'en' ? 'en' : 'sv');
  const { run, busy, fieldErrors } = useAction();
  const [removing, setRemoving] = useState<Section | null>(null);

  if (!version.editable) {
    return (
      <Stack>
        {version.sections.length === 0 && (
          <EmptyState title={t('agreements.sections.emptyTitle')}>{t('agreements.sections.emptyFrozen')}</EmptyState>
        )}
        {version.sections.map((s) => (
          <Card
            withBorder
            key={s.id}
            component="section"
            aria-labelledby={`section-${s.id}`}
            data-testid="section-view"
          >
            <Title order={3} size="h5" id={`section-${s.id}`} mb="xs">
              {s.heading}
            </Title>
            <RichTextView value={s.body} fields={fields} emptyText={t('richtext.empty')} />
          </Card>
        ))}
      </Stack>
    );
  }

  const add = () =>
    run('agreements.sections.add', {
      versionId: version.id,
      fields: { heading: t('agreements.sections.newHeading'), body: { type: 'doc', content: [] } },
    });

  return (
    <Stack>
      {version.sections.length === 0 ? (
        <EmptyState
          title={t('agreements.sections.emptyTitle')}
          action={
            <Button onClick={() => void add()} loading={busy}>
              {t('agreements.sections.add')}
            </Button>
          }
        >
          {t('agreements.sections.empty')}
        </EmptyState>
      ) : (
        <SortableList
          label={t('agreements.sections.title')}
          items={version.sections}
          getId={(s) => s.id}
          getLabel={(s) => s.heading}
          onReorder={(next) =>
            void run('agreements.sections.reorder', { versionId: version.id, ids: next.map((s) => s.id) })
          }
          renderItem={(s, index) => (
            <Card withBorder>
              <SectionEditor section={s} index={index} fields={fields} onRemove={() => setRemoving(s)} />
            </Card>
          )}
        />
      )}
      {version.sections.length > 0 && (
        <Group>
          <Button variant="light" onClick={() => void add()} loading={busy}>
            {t('agreements.sections.add')}
          </Button>
        </Group>
      )}
      <OtherErrors errors={fieldErrors} shown={[]} />
      <ConfirmDialog
        opened={removing !== null}
        title={t('agreements.sections.removeTitle')}
        message={t('agreements.sections.removeMessage', { name: removing?.heading ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('agreements.sections.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
