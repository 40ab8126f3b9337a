import { Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './RedlineView.module.css';

export interface RedlineSegment {
  kind: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface RedlineSectionView {
  /** stable key for React */
  key: string;
  /** whether the section as a whole was added, removed, changed or left as it was */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  heading: RedlineSegment[];
  body: RedlineSegment[];
}

/**
 * Inserted text is underlined and green, deleted text struck through and red; screen readers hear
 * "inserted: … end of insertion", so colour is never the only cue.
 */
export function Segments({ segments }: { segments: RedlineSegment[] }) {
  const { t } = useTranslation();
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'equal' ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === 'insert' ? (
          <ins key={i} className={classes.ins} data-change="insert">
            <VisuallyHidden>{t('redline.insertStart')}</VisuallyHidden>
            {s.text}
            <VisuallyHidden>{t('redline.insertEnd')}</VisuallyHidden>
          </ins>
        ) : (
          <del key={i} className={classes.del} data-change="delete">
            <VisuallyHidden>{t('redline.deleteStart')}</VisuallyHidden>
            {s.text}
            <VisuallyHidden>{t('redline.deleteEnd')}</VisuallyHidden>
          </del>
        ),
      )}
    </>
  );
}

const changeColour = { added: 'green', removed: 'red', changed: 'orange', unchanged: 'gray' } as const;

function counts(sections: RedlineSectionView[]) {
  let insertions = 0;
  let deletions = 0;
  for (const s of sections) {
    for (const seg of [...s.heading, ...s.body]) {
      if (seg.kind === 'insert') insertions++;
      if (seg.kind === 'delete') deletions++;
    }
  }
  return { insertions, deletions };
}

/** Per section, what changed between two versions. */
export function RedlineView({ sections, title }: { sections: RedlineSectionView[]; title?: string }) {
  const { t } = useTranslation();
  const { insertions, deletions } = counts(sections);
  return (
    <Stack gap="sm" aria-label={title}>
      <Group gap="md" aria-label={t('redline.legend')} role="group">
        <Text size="sm">
          <ins className={classes.ins}>{t('redline.legendInserted')}</ins>
        </Text>
        <Text size="sm">
          <del className={classes.del}>{t('redline.legendDeleted')}</del>
        </Text>
        <Text size="sm" c="dimmed">
          {t('redline.summary', { insertions, deletions })}
        </Text>
      </Group>
      {sections.length === 0 && <Text c="dimmed">{t('redline.noSections')}</Text>}
      {sections.map((s, index) => (
        <Card
          key={s.key}
          withBorder
          component="section"
          aria-labelledby={`redline-heading-${index}`}
          data-testid="redline-section"
        >
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Title order={3} size="h5" id={`redline-heading-${index}`} className={classes.text}>
              <Segments segments={s.heading} />
            </Title>
            <Badge color={changeColour[s.change]} variant="light">
              {t(`redline.change.${s.change}`)}
            </Badge>
          </Group>
          {s.change === 'unchanged' ? (
            <Text size="sm" c="dimmed" className={classes.text} lineClamp={3}>
              <Segments segments={s.body} />
            </Text>
          ) : (
            <Text size="sm" className={classes.text}>
              <Segments segments={s.body} />
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
