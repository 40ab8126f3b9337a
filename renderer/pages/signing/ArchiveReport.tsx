import type React from 'react';
import { Alert, Badge, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/dateTime';
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
  const { t, i18n } = useTranslation();
  const s = report.packageSignature;
  return (
    <Stack data-testid="archive-verify-result">
      <Alert color={COLOR[report.verdict]} title={t(`signing.archiveVerdict.${report.verdict}`)} role="status">
        {t(`signing.archiveVerdictHelp.${report.verdict}`, { files: report.files, id: report.packageId ?? '—' })}
      </Alert>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('signing.archiveCheck')}</Table.Th>
            <Table.Th>{t('signing.archiveResult')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.checks.map((c) => (
            <Table.Tr key={c.name}>
              <Table.Td>{t(`signing.archiveChecks.${c.name}`)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap="xs">
                    <Mark color={c.ok ? 'green' : 'red'}>{c.ok ? t('signing.holds') : t('signing.fails')}</Mark>
                    {c.skippedCode && (
                      <Text size="xs" c="dimmed">
                        {t('signing.notChecked', { reason: t(`signing.archiveSkipped.${c.skippedCode}`) })}
                      </Text>
                    )}
                  </Group>
                  {c.issues.length > 0 && (
                    <List size="sm">
                      {c.issues.slice(0, 20).map((issue, i) => (
                        <List.Item key={i}>{t(`signing.archiveProblems.${issue.code}`, issue.params)}</List.Item>
                      ))}
                    </List>
                  )}
                  {c.issues.length > 20 && (
                    <Text size="xs" c="dimmed">
                      {t('signing.archiveMoreProblems', { count: c.issues.length - 20 })}
                    </Text>
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
            <Text fw={600}>{t('signing.packageSignature')}</Text>
            <Mark color={s.valid ? 'green' : 'red'}>{s.valid ? t('signing.valid') : t('signing.invalid')}</Mark>
            <Mark color={s.trusted ? 'blue' : 'gray'}>
              {s.trusted ? t('signing.chainTrusted') : t('signing.chainNotTrusted')}
            </Mark>
          </Group>
          <Text size="sm">
            {t('signing.signer')}: {s.signer ?? '—'}
          </Text>
          <Text size="sm">
            {t('signing.signingTime')}: {s.signingTime ? formatDateTime(s.signingTime, i18n.language) : '—'}
          </Text>
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {t('signing.fingerprint')}: {s.fingerprint ?? '—'}
          </Text>
        </Paper>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('signing.archiveDocument')}</Table.Th>
            <Table.Th>{t('signing.signature')}</Table.Th>
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
                  <Mark color="gray">{t('signing.notSigned')}</Mark>
                ) : (
                  <Mark color={d.valid ? (d.trusted ? 'green' : 'yellow') : 'red'}>
                    {d.valid ? (d.trusted ? t('signing.chainTrusted') : t('signing.valid')) : t('signing.invalid')}
                  </Mark>
                )}
                {d.issues.length > 0 && (
                  <List size="sm">
                    {d.issues.map((issue, i) => (
                      <List.Item key={i}>{t(`signing.problems.${issue.code}`, issue.params)}</List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
