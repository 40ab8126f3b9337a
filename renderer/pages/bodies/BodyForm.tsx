import { useState } from 'react';
import { Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { BODY_KINDS, type Body } from '../../../shared/contract/participants';
import { FormModal } from '../../components/FormModal';
import { useFieldErrors } from '../../components/fieldErrors';

export interface BodyDraft {
  id: number | null;
  name: string;
  kind: string | null;
  description: string;
  recordLanguage: Body['recordLanguage'];
}

export const blankBody: BodyDraft = { id: null, name: '', kind: null, description: '', recordLanguage: 'sv' };

export const bodyDraftOf = (b: Body): BodyDraft => ({
  id: b.id,
  name: b.name,
  kind: b.kind,
  description: b.description ?? '',
  recordLanguage: b.recordLanguage,
});

export function BodyForm({
  draft,
  onClose,
  onSaved,
}: {
  draft: BodyDraft;
  onClose(): void;
  onSaved?(body: Body): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<BodyDraft>) => setValue((v) => ({ ...v, ...patch }));

  const submit = async () => {
    const fields = {
      name: value.name,
      kind: (value.kind ?? '') as Body['kind'],
      description: value.description,
      recordLanguage: value.recordLanguage,
    };
    const saved =
      value.id === null ? await run('bodies.create', fields) : await run('bodies.update', { id: value.id, fields });
    if (saved) {
      onSaved?.(saved);
      onClose();
    }
  };

  return (
    <FormModal
      onClose={onClose}
      title={value.id === null ? t('bodies.new') : t('bodies.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <TextInput
        label={t('bodies.name')}
        value={value.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
        required
        data-autofocus
      />
      <Select
        label={t('bodies.kind')}
        data={BODY_KINDS.map((k) => ({ value: k, label: t(`bodies.kinds.${k}`) }))}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        error={errors.kind}
        required
      />
      <Textarea
        label={t('bodies.description')}
        value={value.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={3}
      />
      <Select
        label={t('bodies.recordLanguage')}
        description={t('bodies.recordLanguageHelp')}
        data={(['sv', 'en'] as const).map((l) => ({ value: l, label: t(`bodies.languages.${l}`) }))}
        value={value.recordLanguage}
        onChange={(l) => set({ recordLanguage: (l ?? 'sv') as Body['recordLanguage'] })}
        allowDeselect={false}
        error={errors.recordLanguage}
      />
    </FormModal>
  );
}
