import { Textarea, type TextareaProps } from '@mantine/core';

/** the engine sizes a text area to its text itself (Chromium 123 and later: Electron, Chromium-based browsers) */
const sizedByCss = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/**
 * A text area that grows with its text, from `minRows` lines. Mantine's autosize measures each
 * one with a forced layout of the page when it mounts (and again on every window resize): with
 * three in every § that was the largest part of drawing a protocol tab, and it grew with the
 * page. Where CSS can size it the browser does, in its own layout; elsewhere autosize still does.
 */
export function GrowingTextarea({
  minRows = 2,
  ...props
}: Omit<TextareaProps, 'autosize' | 'minRows' | 'maxRows' | 'rows' | 'styles'> & { minRows?: number }) {
  if (!sizedByCss) return <Textarea {...props} autosize minRows={minRows} />;
  return (
    <Textarea
      {...props}
      styles={{
        // the height autosize gives an empty field: the lines, the padding and the border
        input: { fieldSizing: 'content', minHeight: `calc(${minRows}lh + 2 * var(--input-padding-y) + 2px)` },
      }}
    />
  );
}
