import { useEffect, useState } from 'react';
import { Checkbox, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/contract/agreements';
import { useAction, useCall } from '../../api/hooks';
import { navigate } from '../../app/router';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';
import { formatPeriod } from '../../components/period';
import { OtherErrors } from './OtherErrors';
import { agreementPaths } from './paths';

/**
 * "Renew" asks before it makes anything: the new period (proposed by the backend: the same
 * length, right after the old one) and what the renewal copies. A period that overlaps or runs
 * backwards is refused at its field and nothing is created.
 */
export function RenewDialog({ source, onClose }: { source: VersionSummary; onClose(): void }) {
  const { t } = useTranslation();
  const proposal = useCall('agreements.versions.nextPeriod', { id: source.id });
  const { run, busy, fieldErrors } = useAction();
  const [period, setPeriod] = useState({ validFrom: '', validTo: '' });
  const errors = useFieldErrors(fieldErrors, period);
  const [extendMandates, setExtendMandates] = useState(true);
  useEffect(() => {
    if (proposal.data) setPeriod({ validFrom: proposal.data.validFrom, validTo: proposal.data.validTo });
  }, [proposal.data]);
  const rosters = proposal.data?.rosters ?? [];

  const renew = async () => {
    const created = await run('agreements.versions.renew', {
      id: source.id,
      ...period,
      extendMandates: rosters.length > 0 && extendMandates,
    });
    if (!created) return;
    onClose();
    navigate(agreementPaths.version(created.id));
  };

  return (
    <FormModal
      onClose={onClose}
      title={t('agreements.renewDialog.title', { title: source.title })}
      onSubmit={renew}
      busy={busy}
      submitLabel={t('agreements.renewDialog.confirm')}
      submitDisabled={!proposal.data}
      error={<OtherErrors errors={fieldErrors} shown={['validFrom', 'validTo']} />}
    >
      <Text size="sm">
        {t('agreements.renewDialog.intro', { period: formatPeriod(t, source.validFrom, source.validTo) })}
      </Text>
      <Group grow align="flex-start">
        <DateField
          label={t('agreements.fields.validFrom')}
          value={period.validFrom}
          onChange={(validFrom) => setPeriod((p) => ({ ...p, validFrom }))}
          error={errors.validFrom}
          required
          data-autofocus
        />
        <DateField
          label={t('agreements.fields.validTo')}
          value={period.validTo}
          onChange={(validTo) => setPeriod((p) => ({ ...p, validTo }))}
          error={errors.validTo}
          required
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('agreements.renewDialog.copies')}
      </Text>
      {rosters.length > 0 && (
        <Checkbox
          label={t('agreements.renewDialog.extendMandates', { date: source.validTo })}
          description={rosters
            .map((r) => t('agreements.renewDialog.roster', { body: r.bodyName, count: r.members }))
            .join(', ')}
          checked={extendMandates}
          onChange={(e) => setExtendMandates(e.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
}
