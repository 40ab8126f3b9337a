import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { useFieldErrors } from '../../components/fieldErrors';
import { agreementPaths } from '../agreements/paths';

/** One heading and its lines; an empty section says so rather than disappearing. */
function DeskSection({ title, empty, children }: { title: string; empty: string | null; children?: React.ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

/** "och 12 till": the desk names the first few of a list and counts the rest. */
function More({ shown, total, testId }: { shown: number; total: number; testId: string }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <Text size="sm" c="dimmed" mt={4} data-testid={testId}>
      {t('home.desk.andMore', { count: total - shown })}
    </Text>
  );
}

/** The deadlines as settings, saved together. */
function DeskSettingsForm({ justeringDays, publicationDays }: { justeringDays: number; publicationDays: number }) {
  const { t } = useTranslation();
  const { run, busy, fieldErrors } = useAction();
  const [value, setValue] = useState({ justeringDays, publicationDays });
  const errors = useFieldErrors(fieldErrors, value);
  useEffect(() => setValue({ justeringDays, publicationDays }), [justeringDays, publicationDays]);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run('desk.updateSettings', value);
      }}
    >
      <Group align="flex-end">
        <NumberInput
          label={t('home.desk.justeringDays')}
          value={value.justeringDays}
          onChange={(v) => setValue((s) => ({ ...s, justeringDays: Number(v) }))}
          error={errors.justeringDays}
          min={0}
          max={365}
          w={200}
        />
        <NumberInput
          label={t('home.desk.publicationDays')}
          value={value.publicationDays}
          onChange={(v) => setValue((s) => ({ ...s, publicationDays: Number(v) }))}
          error={errors.publicationDays}
          min={0}
          max={365}
          w={200}
        />
        <Button type="submit" variant="light" loading={busy}>
          {t('actions.save')}
        </Button>
      </Group>
    </form>
  );
}

/**
 * The secretary's desk: what needs doing now, each line a link to the place to do it. Computed
 * by the backend (desk.get); the deadlines are good practice and labelled so.
 */
export function DeskPanel() {
  const { t } = useTranslation();
  const desk = useCall('desk.get', {});
  const d = desk.data;
  if (!d) return null;
  const a = d.agreement;
  const next = d.nextMeeting;
  return (
    <Stack data-testid="desk">
      <Title order={2} size="h3">
        {t('home.desk.title')}
      </Title>
      <DeskSection title={t('home.desk.agreement')} empty={a ? null : t('home.desk.noAgreement')}>
        {a && (
          <Stack gap={4}>
            <Anchor href={`#${agreementPaths.version(a.versionId)}`}>{a.title}</Anchor>
            <Text size="sm" data-testid="desk-agreement">
              {a.inForce
                ? t('home.desk.daysLeft', { count: a.daysLeft ?? 0, date: a.validTo })
                : t('home.desk.notInForce', { date: a.validTo })}
            </Text>
            {a.endingSoon &&
              (a.renewalId ? (
                <Anchor href={`#${agreementPaths.version(a.renewalId)}`} size="sm">
                  {t('home.desk.openRenewal')}
                </Anchor>
              ) : (
                <Group gap="xs">
                  <Badge color="red" variant="light">
                    {t('home.desk.renewNow')}
                  </Badge>
                  <Anchor href={`#${agreementPaths.overview()}`} size="sm">
                    {t('home.desk.goRenew')}
                  </Anchor>
                </Group>
              ))}
          </Stack>
        )}
      </DeskSection>
      <DeskSection title={t('home.desk.nextMeeting')} empty={next ? null : t('home.desk.noMeeting')}>
        {next && (
          <Stack gap={4}>
            <Anchor href={`#/meetings/${next.id}`}>
              {t('home.desk.meeting', { body: next.bodyName, date: next.date, time: next.startTime.replace(':', '.') })}
            </Anchor>
            {next.lacks.length === 0 ? (
              <Text size="sm">{t('home.desk.ready')}</Text>
            ) : (
              <List size="sm" data-testid="desk-lacks">
                {next.lacks.map((l) => (
                  <List.Item key={l}>{t(`home.desk.lacks.${l}`)}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
      </DeskSection>
      <DeskSection
        title={t('home.desk.justering')}
        empty={d.awaitingJustering.total === 0 ? t('home.desk.noJustering') : null}
      >
        <List size="sm" data-testid="desk-justering">
          {d.awaitingJustering.items.map((m) => (
            <List.Item key={m.id}>
              <Anchor href={`#/meetings/${m.id}/protocol`}>{`${m.bodyName} ${m.date}`}</Anchor>
              {' – '}
              {t(m.overdue ? 'home.desk.justerasSenastPassed' : 'home.desk.justerasSenast', { date: m.due })}
            </List.Item>
          ))}
        </List>
        <More shown={d.awaitingJustering.items.length} total={d.awaitingJustering.total} testId="desk-justering-more" />
      </DeskSection>
      <DeskSection
        title={t('home.desk.publication')}
        empty={d.publication.total === 0 ? t('home.desk.noPublication') : null}
      >
        <List size="sm" data-testid="desk-publication">
          {d.publication.items.map((m) => (
            <List.Item key={m.id}>
              <Anchor href={`#/meetings/${m.id}/protocol`}>{`${m.bodyName} ${m.date}`}</Anchor>
              {' – '}
              {t('home.desk.anslasSenast', { date: m.due, attested: m.attestedOn })}
            </List.Item>
          ))}
        </List>
        <More shown={d.publication.items.length} total={d.publication.total} testId="desk-publication-more" />
      </DeskSection>
      <DeskSection
        title={t('home.desk.overdue')}
        empty={d.overdueActions.length === 0 ? t('home.desk.noOverdue') : null}
      >
        <List size="sm" data-testid="desk-overdue">
          {d.overdueActions.map((row) => (
            <List.Item key={row.priorityId ?? 0}>
              <Anchor href="#/actions">{row.priorityName ?? t('home.desk.noPriority')}</Anchor>
              {': '}
              {t('home.desk.overdueCount', { count: row.count })}
            </List.Item>
          ))}
        </List>
      </DeskSection>
      <Card withBorder component="section" aria-label={t('home.desk.settingsTitle')}>
        <Title order={3} size="h5" mb={4}>
          {t('home.desk.settingsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('home.desk.goodPractice')}
        </Text>
        <DeskSettingsForm {...d.settings} />
      </Card>
    </Stack>
  );
}
