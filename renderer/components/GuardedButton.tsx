import { useCallback } from 'react';
import { Button, Tooltip, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../shared/contract/common';

/** The backend's reason an action is refused, in the user's language; undefined when it is allowed. */
export function useRefusalText(): (can: Capability) => string | undefined {
  const { t } = useTranslation();
  return useCallback(
    (can: Capability) => (can.allowed || !can.reason ? undefined : t(can.reason, { ...can.params })),
    [t],
  );
}

/**
 * A button for an action the backend may refuse (`can` from the record): when refused it stays
 * in place, disabled, and says why — as a tooltip for the mouse and as its description for a
 * screen reader — so the user learns what to do instead of meeting an error after clicking.
 */
export function GuardedButton({
  can,
  onClick,
  ...props
}: ButtonProps & { can: Capability; onClick(): void; 'aria-label'?: string }) {
  const refusal = useRefusalText()(can);
  if (refusal === undefined) return <Button {...props} onClick={onClick} />;
  // the reason is the button's description, not text on the page: it is read with the button
  return (
    <Tooltip label={refusal} multiline maw={320}>
      <Button {...props} data-disabled aria-disabled aria-description={refusal} onClick={(e) => e.preventDefault()} />
    </Tooltip>
  );
}
