import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { IconFileTypeDocx } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import type { Input, Method } from '../../../shared/contract';

type ExportMethod = Extract<Method, 'meetings.exportProtocol' | 'meetings.exportExtract' | 'meetings.exportAgenda'>;

/**
 * One "export as Word" button with a choice of language. The backend builds the file; the
 * renderer only saves the bytes it gets back.
 */
export function ExportMenu<M extends ExportMethod>({ label, method, input, size = 'sm' }: { label: string; method: M; input: Omit<Input<M>, 'lang'>; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { run } = useAction();
  const [busy, setBusy] = useState(false);
  const exportIn = async (lang: 'sv' | 'en') => {
    setBusy(true);
    try {
      const file = await run(method, { ...input, lang } as Input<M>);
      if (file) downloadBase64(file.fileName, file.base64);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size={size} variant="light" loading={busy} leftSection={<IconFileTypeDocx size={16} aria-hidden />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('meetings.export.language')}</Menu.Label>
        <Menu.Item onClick={() => void exportIn('sv')}>{t('meetings.export.sv')}</Menu.Item>
        <Menu.Item onClick={() => void exportIn('en')}>{t('meetings.export.en')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
