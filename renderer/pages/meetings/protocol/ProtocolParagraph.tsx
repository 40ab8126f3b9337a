import { memo } from 'react';
import type { Attendee, Meeting, Paragraph, Protocol } from '../../../../shared/contract/meetings';
import { ParagraphCard } from './ParagraphCard';
import { ParagraphPreview } from './ParagraphPreview';
import { FIRST_EDITABLE, useEditorsOf, type ParagraphEditors } from './useEditableParagraphs';

/**
 * One § of the protocol tab: its preview until its editors are drawn (useEditableParagraphs),
 * then its card. Memoised: the tab drawing again (another § coming in, a late answer) leaves a
 * § whose own data did not change as it is.
 */
export const ProtocolParagraph = memo(function ProtocolParagraph({
  paragraph,
  index,
  editors,
  meeting,
  protocol,
  attendees,
  recordLanguage,
  priorities,
}: {
  paragraph: Paragraph;
  /** its place in the tab as shown */
  index: number;
  editors: ParagraphEditors;
  meeting: Meeting;
  protocol: Protocol;
  attendees: Attendee[];
  recordLanguage: 'sv' | 'en';
  priorities: Array<{ value: string; label: string }>;
}) {
  const state = useEditorsOf(editors, paragraph.id);
  if (state === null && index >= FIRST_EDITABLE)
    return <ParagraphPreview paragraph={paragraph} onWanted={(landing) => editors.want(paragraph.id, landing)} />;
  return (
    <ParagraphCard
      paragraph={paragraph}
      meeting={meeting}
      protocol={protocol}
      attendees={attendees}
      recordLanguage={recordLanguage}
      priorities={priorities}
      focusOnMount={state === 'drawn' || state === null ? undefined : state}
    />
  );
});
