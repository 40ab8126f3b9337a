import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A calendar date typed as YYYY-MM-DD. A plain text field on purpose: it reads the same in
 * every locale, can be typed and pasted without a picker, and the backend checks the date.
 */
export function DateField(
  props: Omit<TextInputProps, 'onChange' | 'value'> & { value: string; onChange(value: string): void },
) {
  const { t } = useTranslation();
  const { onChange, ...rest } = props;
  return (
    <TextInput
      placeholder={t('dates.placeholder')}
      description={rest.description ?? t('dates.format')}
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      {...rest}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
