import { useEffect, useId, useRef, useState } from 'react';
import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createAutosaver, type AutosaveStatus, type Autosaver } from './autosaver';
import { GrowingTextarea } from '../GrowingTextarea';

export interface AutosaveFieldProps {
  label: string;
  /** the value as stored; followed when it changes elsewhere and nothing typed is unsaved */
  value: string;
  /** persists the text; resolve false when it was not stored (the field then says so and keeps the text) */
  onSave(value: string): Promise<boolean>;
  /** single line instead of a growing text area */
  singleLine?: boolean;
  readOnly?: boolean;
  /** a field error from the last save, already translated; hidden once the refused text is changed */
  error?: string;
  description?: string;
  placeholder?: string;
  minRows?: number;
  delayMs?: number;
  'data-testid'?: string;
}

function StatusLine({ status, id }: { status: AutosaveStatus; id: string }) {
  const { t } = useTranslation();
  const text =
    status === 'saving'
      ? t('autosave.saving')
      : status === 'saved'
        ? t('autosave.saved')
        : status === 'pending'
          ? t('autosave.unsaved')
          : status === 'error'
            ? t('autosave.failed')
            : '';
  return (
    <Text id={id} size="xs" c={status === 'error' ? 'red' : 'dimmed'} role="status" aria-live="polite" mih={18}>
      {text}
    </Text>
  );
}

/**
 * A text field that saves itself: shortly after typing stops, when it loses focus, and when it
 * goes away (page change, dialog close) — so nothing typed in a protocol is lost. Shows
 * "Sparar…/Sparat" next to the field.
 */
export function AutosaveTextarea({
  label,
  value,
  onSave,
  singleLine,
  readOnly,
  error,
  description,
  placeholder,
  minRows = 2,
  delayMs = 800,
  ...rest
}: AutosaveFieldProps) {
  const [text, setText] = useState(value);
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  // the text of the last save that came back: an error is about that text, not about what is typed after it
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const statusId = useId();
  const save = useRef(onSave);
  save.current = onSave;
  const saver = useRef<Autosaver | null>(null);
  if (!saver.current) {
    saver.current = createAutosaver({
      initial: value,
      delayMs,
      onStatus: setStatus,
      save: async (v) => {
        try {
          return await save.current(v);
        } finally {
          setLastSaved(v);
        }
      },
    });
  }

  // A change stored elsewhere (another window, a reload) shows up unless the user has unsaved text here.
  useEffect(() => {
    if (saver.current?.rebase(value)) setText(value);
  }, [value]);

  // Unmount: save what is still unsaved. The save outlives the component on purpose.
  useEffect(() => {
    const current = saver.current;
    return () => void current?.dispose();
  }, []);

  // Closing the window or reloading: try to save, and let the browser warn while text is unsaved.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (saver.current?.dirty()) {
        void saver.current.flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const common = {
    label,
    value: text,
    readOnly,
    // nothing saved from here yet: the error (from another field's save) is shown as given
    error: lastSaved === null || text === lastSaved ? error : undefined,
    description,
    placeholder,
    'data-testid': rest['data-testid'],
    onChange: (e: { currentTarget: { value: string } }) => {
      const next = e.currentTarget.value;
      setText(next);
      saver.current?.change(next);
    },
    onBlur: () => void saver.current?.flush(),
  };

  return (
    <div>
      {singleLine ? <TextInput {...common} /> : <GrowingTextarea {...common} minRows={minRows} />}
      {!readOnly && <StatusLine status={status} id={statusId} />}
    </div>
  );
}
