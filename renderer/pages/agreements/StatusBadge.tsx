import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VersionStatus } from '../../../shared/contract/agreements';

const colour: Record<VersionStatus, string> = {
  draft: 'gray',
  under_signing: 'orange',
  signed: 'green',
  superseded: 'blue',
  expired: 'dark',
};

/** A version's status in words (utkast, under underskrift, undertecknad, ersatt, utgången). */
export function StatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colour[status]} variant={status === 'signed' ? 'filled' : 'light'} data-status={status}>
      {t(`agreements.status.${status}`)}
    </Badge>
  );
}
