import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { planMeetingWithFinishedProtocol, sendForAttestation } from './support/protocol';
import { localCertificatesFor, setTimestampService } from './support/signing';
import { startLocalTsa } from '../support/local-tsa';

/**
 * A protocol co-signed by its chair and justerare, each with their own certificate, while the
 * time-stamping service answers garbage: each signing offers the choice and is made on the
 * signer's clock, stated as such. First a § is attested at once with the buttons on its card,
 * then the whole protocol; the Verify page shows the sealed record's verdict first, then every
 * signature with its signer, role, time and level.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

/** `who` signs in the "Justera med egen underskrift" dialog `opener` opens; the TSA fails and they sign without a timestamp. */
async function signWithoutTimestamp(page: Page, opener: Locator, who: string, password: string): Promise<void> {
  await opener.click();
  const sign = page.getByRole('dialog', { name: 'Justera med egen underskrift' });
  await sign.getByRole('combobox', { name: 'Vem justerar', exact: true }).click();
  await page.getByRole('option', { name: new RegExp(who) }).click();
  await sign.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('option', { name: new RegExp(`${who} \\(lokal\\) – lokal`) }).click();
  await sign.getByLabel('Certifikatets lösenord').fill(password);
  await sign.getByRole('button', { name: 'Justera digitalt' }).click();
  const failed = page.getByRole('dialog', { name: 'Ingen tidsstämpel kunde hämtas' });
  await expect(failed).toContainText('XAdES-BES');
  await failed.getByRole('button', { name: 'Signera utan tidsstämpel' }).click();
  await expect(failed).toBeHidden();
  await expect(sign).toBeHidden();
}

test('chair and justerare sign a § attested at once and then the protocol with their own certificates; the Verify page shows every signature, verdict first', async ({
  page,
  app,
}) => {
  test.setTimeout(600_000);
  const tsa = await startLocalTsa('garbage');
  try {
    await openApp(page, app, 'Åsa Öberg');
    await loadExample(page);
    await localCertificatesFor(page, [
      ['Camilla Broo', 'broos eget lösen'],
      ['Lars-Göran Uddholm', 'uddholms eget lösen'],
    ]);
    await setTimestampService(page, tsa.url);
    await planMeetingWithFinishedProtocol(page);

    // a § attested at once, signed by both with the buttons on its card
    const signParagraph = page.getByRole('button', { name: /^Justera § \d+ digitalt$/ }).first();
    const label = (await signParagraph.getAttribute('aria-label'))!;
    const number = /§ (\d+)/.exec(label)![1];
    // the act's own answer says when the seal it completed waits for its timestamp; read, then closed
    const sealAwaits = page.getByRole('alert').filter({ hasText: 'Organisationens sigill väntar på sin tidsstämpel' });
    const readSealAwaits = async () => {
      await expect(sealAwaits).toHaveCount(1);
      await sealAwaits.getByRole('button', { name: 'Stäng meddelandet' }).click();
      await expect(sealAwaits).toHaveCount(0);
    };
    await signWithoutTimestamp(page, page.getByRole('button', { name: label }), 'Camilla Broo', 'broos eget lösen');
    await expect(page.getByText('Omedelbart justerad', { exact: true })).toHaveCount(0);
    await expect(sealAwaits).toHaveCount(0);
    await signWithoutTimestamp(
      page,
      page.getByRole('button', { name: label }),
      'Lars-Göran Uddholm',
      'uddholms eget lösen',
    );
    await expect(page.getByText('Omedelbart justerad', { exact: true })).toBeVisible();
    await readSealAwaits();
    await expect(page.getByRole('button', { name: label })).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Justera § ${number} digitalt` })).toHaveCount(0);
    for (const who of ['Camilla Broo', 'Lars-Göran Uddholm'])
      await expect(
        page.getByText(
          new RegExp(
            `^Digitalt undertecknat av ${who} \\(CN=${who}.*lokal; \\d{4}-\\d{2}-\\d{2} kl\\. \\d{2}\\.\\d{2}, tid enligt undertecknarens egen klocka\\)$`,
          ),
        ),
      ).toHaveCount(1);
    expect(tsa.requests).toBeGreaterThanOrEqual(2);

    // the protocol, sent for justering and signed by both
    await sendForAttestation(page);
    const justera = page.getByRole('button', { name: 'Justera digitalt', exact: true });
    await signWithoutTimestamp(page, justera, 'Camilla Broo', 'broos eget lösen');
    await expect(sealAwaits).toHaveCount(0);
    await signWithoutTimestamp(page, justera, 'Lars-Göran Uddholm', 'uddholms eget lösen');
    await readSealAwaits();
    const attestations = page.getByRole('table', { name: 'Justeringar' });
    for (const who of ['Camilla Broo', 'Lars-Göran Uddholm'])
      await expect(
        attestations.getByRole('row', { name: new RegExp(who) }).getByText('Digitalt undertecknat', { exact: true }),
      ).toBeVisible();
    // sealed: the § attested at once has its record, the protocol now its own; with the TSA
    // failing, the organisation's seal of each waits for its timestamp instead of using its own clock
    await expect(page.getByTestId('sealed-record')).toHaveCount(2);
    await expect(page.getByTestId('seal-awaits-timestamp')).toHaveCount(2);
    await expect(page.getByTestId('seal-awaits-timestamp').first()).toContainText(
      'organisationens underskrift väntar på sin betrodda tidsstämpel',
    );

    // the sealed record, exported and verified
    await page.getByRole('button', { name: 'Protokoll (Word)' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Svenska (.docx)' }).click();
    const record = fs.readFileSync((await (await downloading).path())!);
    await page.getByRole('link', { name: 'Verifiera dokument' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'protokoll.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: record,
    });
    await page.getByRole('button', { name: 'Verifiera', exact: true }).click();
    const result = page.getByTestId('verify-result');
    const verdict = result.getByTestId('verdict');
    await expect(verdict).toContainText('Giltig underskrift');
    await expect(verdict).toContainText('Alla 2 underskrifter håller');
    // the verdict comes before any signature's details
    await expect(result.locator('[data-testid="verdict"], [data-testid="signature-details"]').first()).toHaveAttribute(
      'data-testid',
      'verdict',
    );
    const signatures = result.getByTestId('signature-details');
    await expect(signatures).toHaveCount(2);
    for (const [who, role] of [
      ['Camilla Broo', 'Ordförande'],
      ['Lars-Göran Uddholm', 'Justerare'],
    ]) {
      const theirs = signatures.filter({ hasText: `CN=${who}` });
      await expect(theirs).toHaveCount(1);
      await expect(theirs.getByRole('row', { name: /^Roll/ })).toContainText(role);
      await expect(theirs.getByRole('row', { name: /^Känd person i Samråd/ })).toContainText(who);
      await expect(theirs.getByRole('row', { name: /^Tidskälla/ })).toContainText(
        /\d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}/,
      );
      await expect(theirs.getByRole('row', { name: /^Tidskälla/ })).toContainText(
        'Signerarens egen klocka (ingen tidsstämpel)',
      );
      await expect(theirs.getByRole('row', { name: /^Nivå/ })).toContainText('XAdES-BES');
      await expect(theirs.getByText('Betrodd utfärdare', { exact: true })).toBeVisible();
    }
    // the sealed bytes as they were sealed: the seal, still waiting, is not among them
    await expect(signatures.filter({ hasText: 'Organisationens sigill' })).toHaveCount(0);
  } finally {
    await tsa.close();
  }
});
