import type React from 'react';
import { Alert, Badge, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArchiveVerifyReport } from '../../../shared/contract/archive';

const COLOR = { trusted: 'green', intact: 'yellow', invalid: 'red' } as const;

/** A status badge: light tint with near-black text, so every colour passes WCAG AA contrast at badge size (white on green does not). */
function Mark({ color, children }: { color: string; children: React.ReactNode }) {
  return (
    <Badge variant="light" color={color} c="dark.9">
      {children}
    </Badge>
  );
}

/** What verify-archive found in an uploaded package: the verdict first, then each check and each document. */
export function ArchiveReport({ report }: { report: ArchiveVerifyReport }) {
  const { t } = useTranslation();
  const s = report.packageSignature;
  return (
    <Stack data-testid="archive-verify-result">
      <Alert color={COLOR[report.verdict]} title={t(`trust.archiveVerdict.${report.verdict}`)} role="status">
        {t(`trust.archiveVerdictHelp.${report.verdict}`, { files: report.files, id: report.packageId ?? '—' })}
      </Alert>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('trust.archiveCheck')}</Table.Th>
            <Table.Th>{t('trust.archiveResult')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.checks.map((c) => (
            <Table.Tr key={c.name}>
              <Table.Td>{t(`trust.archiveChecks.${c.name}`)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap="xs">
                    <Mark color={c.ok ? 'green' : 'red'}>{c.ok ? t('trust.holds') : t('trust.fails')}</Mark>
                    {c.skipped && (
                      <Text size="xs" c="dimmed">
                        {t('trust.notChecked', { reason: c.skipped })}
                      </Text>
                    )}
                  </Group>
                  {c.problems.length > 0 && (
                    <List size="sm">
                      {c.problems.slice(0, 20).map((p) => (
                        <List.Item key={p}>{p}</List.Item>
                      ))}
                    </List>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {s && (
        <Paper withBorder p="md">
          <Group>
            <Text fw={600}>{t('trust.packageSignature')}</Text>
            <Mark color={s.valid ? 'green' : 'red'}>{s.valid ? t('trust.valid') : t('trust.invalid')}</Mark>
            <Mark color={s.trusted ? 'blue' : 'gray'}>
              {s.trusted ? t('trust.chainTrusted') : t('trust.chainNotTrusted')}
            </Mark>
          </Group>
          <Text size="sm">
            {t('trust.signer')}: {s.signer ?? '—'}
          </Text>
          <Text size="sm">
            {t('trust.signingTime')}: {s.signingTime ?? '—'}
          </Text>
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {t('trust.fingerprint')}: {s.fingerprint ?? '—'}
          </Text>
        </Paper>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('trust.archiveDocument')}</Table.Th>
            <Table.Th>{t('trust.signature')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.documents.map((d) => (
            <Table.Tr key={d.path}>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {d.path}
                </Text>
              </Table.Td>
              <Table.Td>
                {!d.signed ? (
                  <Mark color="gray">{t('trust.notSigned')}</Mark>
                ) : (
                  <Mark color={d.valid ? (d.trusted ? 'green' : 'yellow') : 'red'}>
                    {d.valid ? (d.trusted ? t('trust.chainTrusted') : t('trust.valid')) : t('trust.invalid')}
                  </Mark>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
