import { FileInput, PasswordInput, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';
import { useRefusalText } from '../GuardedButton';

/** Where the key comes from: one of a person's stored certificates, or a PKCS#12 file picked now. */
export type CertificateSource =
  | {
      kind: 'stored';
      label: string;
      /** whose certificates are offered; none until a person is chosen */
      personId: string | null;
      /** said when the person has no certificate they can sign with */
      noneText: string;
      certificateId: string | null;
      onCertificateChange(id: string | null): void;
      error?: string;
    }
  | {
      kind: 'file';
      label: string;
      file: File | null;
      onFileChange(file: File | null): void;
      error?: string;
    };

export interface CertificatePassword {
  label: string;
  description?: string;
  /** a PKCS#12 file may have an empty password; a stored key never has */
  required: boolean;
  value: string;
  onChange(value: string): void;
  error?: string;
}

/**
 * The key to sign or import with and the password that opens it, the same two fields wherever
 * a certificate is chosen. The labels stay the caller's: each form says what the password is for.
 */
export function CertificatePicker({ source, password }: { source: CertificateSource; password: CertificatePassword }) {
  const { t } = useTranslation();
  const personId = source.kind === 'stored' ? source.personId : null;
  const certificates = useCall(
    'personCertificates.list',
    { personId: Number(personId ?? 0) },
    { skip: personId === null },
  );
  const refusal = useRefusalText();
  // a removed certificate is history (acts signed with it still name it), not something to choose
  const held = (certificates.data ?? []).filter((c) => c.removedAt === null);
  const canSign = held.some((c) => c.sign.allowed);
  return (
    <>
      {source.kind === 'stored' && personId !== null && certificates.data && !canSign && (
        <Text size="sm" c="dimmed" role="status">
          {source.noneText}
        </Text>
      )}
      {source.kind === 'stored' ? (
        <Select
          label={source.label}
          // the backend says which certificates can sign now, and why not; those are shown, disabled
          data={held.map((c) => {
            const name = `${c.label} – ${t(`people.certificates.origins.${c.origin}`)} (${c.validTo.slice(0, 10)})`;
            const why = refusal(c.sign);
            return { value: String(c.id), label: why ? `${name}: ${why}` : name, disabled: !c.sign.allowed };
          })}
          value={source.certificateId}
          onChange={source.onCertificateChange}
          error={source.error}
          disabled={held.length === 0}
          allowDeselect={false}
          required
        />
      ) : (
        <FileInput
          label={source.label}
          accept=".p12,.pfx,application/x-pkcs12"
          value={source.file}
          onChange={source.onFileChange}
          error={source.error}
          required
          clearable
        />
      )}
      <PasswordInput
        label={password.label}
        description={password.description}
        value={password.value}
        onChange={(e) => password.onChange(e.currentTarget.value)}
        error={password.error}
        required={password.required}
      />
    </>
  );
}
