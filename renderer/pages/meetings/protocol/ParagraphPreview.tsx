import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Paragraph } from '../../../../shared/contract/meetings';
import type { Landing } from './useEditableParagraphs';

/**
 * A § as it reads, without its editors: what a long protocol shows until the § is wanted. The
 * editors take a while to mount, so the tab draws these first and brings the editors in one §
 * at a time (useEditableParagraphs). Focusing it or pointing at it asks for its editors at once, so
 * the keyboard and the mouse never wait for the queue.
 */
export function ParagraphPreview({
  paragraph: p,
  onWanted,
}: {
  paragraph: Paragraph;
  /** `landing`: where the focus goes once the editors are drawn; null when only pointed at */
  onWanted(landing: Landing | null): void;
}) {
  const { t } = useTranslation();
  const heading = `§ ${p.number} ${p.title}`;
  return (
    <Card
      withBorder
      component="article"
      aria-labelledby={`paragraph-${p.id}-title`}
      aria-busy
      tabIndex={0}
      onFocus={(event) => onWanted(event.target === event.currentTarget ? 'first-field' : 'heading')}
      onPointerEnter={() => onWanted(null)}
      data-testid="paragraph-preview"
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4" id={`paragraph-${p.id}-title`}>
            {heading}
          </Title>
          {p.finished && !p.locked && (
            <Badge color="teal" variant="light">
              {t('meetings.paragraph.finishedBadge')}
            </Badge>
          )}
          {p.immediatelyAttested && <Badge color="green">{t('meetings.paragraph.immediatelyAttested')}</Badge>}
          {p.locked && <Badge color="gray">{t('meetings.paragraph.locked')}</Badge>}
        </Group>
        {p.decision && (
          <Text size="sm" lineClamp={3}>
            <Text span fw={600}>
              {t('meetings.paragraph.decision')}:{' '}
            </Text>
            {p.decision}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
