import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Skip to main content": the first thing Tab reaches. Hidden until focused. It moves focus
 * by hand instead of following `#id`, because the hash holds the app's route.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const [focused, setFocused] = useState(false);
  return (
    <a
      href={`#${targetId}`}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
      style={
        focused
          ? {
              position: 'fixed',
              top: 8,
              left: 8,
              zIndex: 1000,
              padding: '8px 16px',
              background: 'var(--mantine-color-body)',
              color: 'var(--mantine-color-blue-9)',
              border: '2px solid var(--mantine-color-blue-7)',
              borderRadius: 4,
              fontWeight: 600,
            }
          : {
              position: 'absolute',
              width: 1,
              height: 1,
              overflow: 'hidden',
              clip: 'rect(0 0 0 0)',
              clipPath: 'inset(50%)',
              whiteSpace: 'nowrap',
            }
      }
    >
      {t('nav.skipToContent')}
    </a>
  );
}
