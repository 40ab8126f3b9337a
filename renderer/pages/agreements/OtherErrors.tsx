import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Field errors a form has no field for (a rule about the whole version, e.g. an overlapping
 * signed period found when the last signature is recorded) are shown together, not dropped.
 */
export function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: string[] }) {
  const { t } = useTranslation();
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    <Alert color="red" title={t('agreements.notPossible')} role="alert">
      {rest.length === 1 ? (
        rest[0][1]
      ) : (
        <List size="sm">
          {rest.map(([field, message]) => (
            <List.Item key={field}>{message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
