import { useEffect, useId, useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeDocx, IconFileZip, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction, useCall } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { SignDialog } from '../../components/signing/SignDialog';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../components/signing/TimestampFailedDialog';
import { useSigningReadiness } from '../../components/signing/useSigningReadiness';
import type { Input, Method } from '../../../shared/contract';

type ExportMethod = Extract<
  Method,
  'meetings.exportProtocol' | 'meetings.exportExtract' | 'meetings.exportAgenda' | 'meetings.exportCorrection'
>;
type Lang = 'sv' | 'en';

/**
 * One "export as Word" button with a choice of language and, for an attested protocol or a
 * locked §, the same choices signed digitally; where the document lists handlingar, the same
 * document with them as one .zip. The backend builds (and signs) the file; the renderer only
 * saves the bytes it gets back.
 */
export function ExportMenu<M extends ExportMethod>({
  label,
  method,
  input,
  signable = false,
  recordLanguage = 'sv',
  size = 'sm',
  handlingarOf,
}: {
  label: string;
  method: M;
  input: Omit<Input<M>, 'lang' | 'sign' | 'withoutTimestamp'>;
  /** the record may be signed: the agenda never, a protocol once attested, a § once locked */
  signable?: boolean;
  /** the language the record was sealed in: only the record itself is signed, never a translation */
  recordLanguage?: Lang;
  size?: 'xs' | 'sm';
  /** the meeting (and §) whose handlingar the document lists: offered "with handlingar" when it has any */
  handlingarOf?: { meetingId: number; paragraphId?: number };
}) {
  const { t } = useTranslation();
  const { run } = useAction();
  // asked for when the menu first opens: a protocol has a menu per §, most never opened
  const [opened, setOpened] = useState(false);
  const { readiness, reload } = useSigningReadiness(signable && opened);
  const ids = useId();
  const [busy, setBusy] = useState(false);
  // a signed export the user chose, waiting until signing is possible (maybe right away)
  const [signedPending, setSignedPending] = useState<Lang | null>(null);
  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);
  const files = useCall(
    'attachments.list',
    { meetingId: handlingarOf?.meetingId ?? 1 },
    { skip: !handlingarOf || !opened, entities: ['meeting'] },
  );
  // the ones this document lists: a §'s beslutsunderlag, every §'s, or the kallelse's handlingar
  const handlingar = (files.data ?? []).filter((a) =>
    handlingarOf?.paragraphId !== undefined
      ? a.paragraphId === handlingarOf.paragraphId
      : method === 'meetings.exportAgenda'
        ? a.agendaItemId !== null
        : a.paragraphId !== null,
  ).length;

  const exportIn = async (lang: Lang, sign: boolean, withoutTimestamp = false, withAttachments = false) => {
    setBusy(true);
    try {
      const file = await run(
        method,
        {
          ...input,
          lang,
          ...(sign ? { sign: true, withoutTimestamp } : {}),
          ...(withAttachments ? { withAttachments: true } : {}),
        } as Input<M>,
        takeTimestampFailure(setTimestampFailure, () => void exportIn(lang, true, true)),
      );
      if (!file) {
        // signing may have become impossible since the menu looked (keystore locked meanwhile)
        if (sign) void reload();
        return;
      }
      downloadBase64(file.fileName, file.base64);
      if (sign && readiness.state === 'ready') {
        notifications.show({
          color: 'green',
          message: t('signing.signing.exported', { fileName: file.fileName, certificate: readiness.certificate.label }),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  // the heading over the signed choices: the certificate that signs, or what is missing
  const signedHeading =
    readiness.state === 'ready'
      ? t('meetings.export.signedWith', { certificate: readiness.certificate.label })
      : readiness.state === 'loading'
        ? t('meetings.export.signed')
        : `${t('meetings.export.signed')} – ${t(`meetings.export.signNotReady.${readiness.state}`)}`;

  useEffect(() => {
    if (signedPending && readiness.state === 'ready') {
      setSignedPending(null);
      void exportIn(signedPending, true);
    }
    // exportIn is rebuilt each render; what matters is the choice and whether signing is possible
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedPending, readiness.state]);

  return (
    <>
      <Menu position="bottom-end" withinPortal onOpen={() => setOpened(true)}>
        <Menu.Target>
          <Button size={size} variant="light" loading={busy} leftSection={<IconFileTypeDocx size={16} aria-hidden />}>
            {label}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {/* a menu may hold only items, groups and separators: each label heads the group it names */}
          <div role="group" aria-labelledby={`${ids}-plain`}>
            <Menu.Label id={`${ids}-plain`}>{t('meetings.export.language')}</Menu.Label>
            <Menu.Item onClick={() => void exportIn('sv', false)}>{t('meetings.export.sv')}</Menu.Item>
            <Menu.Item onClick={() => void exportIn('en', false)}>{t('meetings.export.en')}</Menu.Item>
          </div>
          {handlingar > 0 && (
            <>
              <Menu.Divider role="separator" />
              <div role="group" aria-labelledby={`${ids}-bundle`}>
                <Menu.Label id={`${ids}-bundle`} maw={320}>
                  {t('meetings.export.withAttachments', { count: handlingar })}
                </Menu.Label>
                <Menu.Item
                  leftSection={<IconFileZip size={16} aria-hidden />}
                  onClick={() => void exportIn('sv', false, false, true)}
                >
                  {t('meetings.export.svZip')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconFileZip size={16} aria-hidden />}
                  onClick={() => void exportIn('en', false, false, true)}
                >
                  {t('meetings.export.enZip')}
                </Menu.Item>
              </div>
            </>
          )}
          {signable && (
            <>
              <Menu.Divider role="separator" />
              <div role="group" aria-labelledby={`${ids}-signed`}>
                <Menu.Label id={`${ids}-signed`} maw={320} data-testid="export-signed-label">
                  {signedHeading}
                </Menu.Label>
                <Menu.Item
                  leftSection={<IconSignature size={16} aria-hidden />}
                  onClick={() => setSignedPending(recordLanguage)}
                >
                  {t(recordLanguage === 'en' ? 'meetings.export.enSigned' : 'meetings.export.svSigned')}
                </Menu.Item>
              </div>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {timestampFailure && (
        <TimestampFailedDialog failure={timestampFailure} onClose={() => setTimestampFailure(null)} />
      )}
      {signedPending && readiness.state !== 'ready' && (
        <SignDialog readiness={readiness} onUnlocked={() => void reload()} onClose={() => setSignedPending(null)} />
      )}
    </>
  );
}
