import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults miss WCAG 2.1 AA contrast (4.5:1) in a few places: white text on blue.6,
 * links and red text in shade 6, and "dimmed" text in gray.6 on white. Shade 8 for filled
 * colours and gray.7 for dimmed text pass, and still look like Mantine. Text on light-blue surfaces gets a darker blue, which
 * keeps its contrast when the surface darkens on hover.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  focusRing: 'auto',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // field errors: red.6 is 3.3:1 on white, red.9 is 5.4:1
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // text on "light" surfaces (active nav link, light buttons) stays above 4.5:1 on hover too
    '--mantine-color-blue-light-color': '#0f4c81',
    // text on light green (the sealed-record and "attested" notices, badges): green.9 is 3.8:1 there, this is 6.8:1
    '--mantine-color-green-light-color': '#1b5e20',
    // text on light yellow (the "unknown certificate" and "local certificate" notices): yellow.9 is 2.7:1 there, this is 7.3:1
    '--mantine-color-yellow-light-color': '#7a4100',
  },
  dark: {},
});
