import { Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Someone who attests the protocol: the chair or one of the two justerare. */
export interface Attester {
  personId: number;
  name: string;
  role: 'ordforande' | 'justerare';
}

/** Who attests now, named with their role; the first field of every justering dialog. */
export function AttesterSelect({
  attesters,
  value,
  onChange,
  error,
}: {
  attesters: Attester[];
  value: string | null;
  onChange(personId: string | null): void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('meetings.justering.who')}
      data={attesters.map((a) => ({
        value: String(a.personId),
        label: `${a.name} (${t(`meetings.justering.roles.${a.role}`)})`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
      allowDeselect={false}
      required
      data-autofocus
    />
  );
}

/** The one attester there is, chosen already; otherwise nobody until the user picks. */
export const onlyAttester = (attesters: Attester[]) => (attesters.length === 1 ? String(attesters[0].personId) : null);

/** Where the attestation is made ("Botkyrka"); each dialog starts from the place it is given. */
export function JusteringPlaceField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange(place: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('meetings.justering.place')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}
