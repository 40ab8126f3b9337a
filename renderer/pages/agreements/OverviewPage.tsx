import { useState } from 'react';
import { Button, Group, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { navigate } from '../../app/router';
import { AgreementCard } from './AgreementCard';
import { NewAgreementModal } from './NewAgreementModal';
import { WarningSettings } from './WarningSettings';
import { agreementPaths } from './paths';
import { Pager, useKeysetPages } from '../../components/Pager';
import { OVERVIEW_PAGE } from '../../../shared/contract/agreements';

/** The agreements, a page at a time: what is in force today, how long it runs, its timeline and its versions. */
export function OverviewPage() {
  const { t } = useTranslation();
  const pages = useKeysetPages('');
  const overview = useCall('agreements.overview', { limit: OVERVIEW_PAGE, after: pages.after });
  const agreements = overview.data?.agreements;
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('agreements.title')}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate(agreementPaths.compare())}>
            {t('agreements.compare.open')}
          </Button>
          <Button onClick={() => setCreating(true)}>{t('agreements.new')}</Button>
        </Group>
      </Group>
      {!overview.data && overview.loading && <Loader aria-label={t('agreements.loading')} />}
      {agreements && agreements.total === 0 && (
        <EmptyState
          title={t('agreements.emptyTitle')}
          action={
            <Group gap="xs">
              <Button onClick={() => setCreating(true)}>{t('agreements.new')}</Button>
              <Button variant="default" onClick={() => navigate('/')}>
                {t('agreements.goToExample')}
              </Button>
            </Group>
          }
        >
          {t('agreements.emptyHelp')}
        </EmptyState>
      )}
      {agreements && agreements.total > agreements.items.length && (
        <Pager
          label={t('agreements.title')}
          pageIndex={pages.pageIndex}
          pageSize={OVERVIEW_PAGE}
          shown={agreements.items.length}
          total={agreements.total}
          nextCursor={agreements.next}
          onNext={pages.next}
          onPrevious={pages.previous}
        />
      )}
      {agreements?.items.map((a) => (
        <AgreementCard key={a.id} summary={a} today={overview.data!.today} warningDays={overview.data!.warningDays} />
      ))}
      {overview.data && <WarningSettings warningDays={overview.data.warningDays} />}
      {creating && <NewAgreementModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}
