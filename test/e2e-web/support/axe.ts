import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './app';

/**
 * No serious or critical WCAG 2.1 AA finding inside `selector` (the page-wide audit lives in
 * accessibility.spec.ts). `skip` names rules a library's own markup breaks, not ours.
 */
export async function expectAccessible(page: Page, selector: string, skip: string[] = []): Promise<void> {
  await page.waitForTimeout(400); // let transitions end so colours are final
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include(selector)
    .disableRules(skip)
    .analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`),
  ).toEqual([]);
}
