import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Field errors of an inline change (a switch in a table, a drag in a list) have no form field to
 * sit at; they are shown together above the list instead, so a refused change never goes unseen.
 */
export function InlineErrors({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation();
  const messages = [...new Set(Object.values(errors))];
  if (messages.length === 0) return null;
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <List size="sm">
          {messages.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
