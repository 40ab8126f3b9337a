import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useCall } from '../../api/hooks';

interface MeetingAttachments {
  data: ReturnType<typeof useCall<'attachments.list'>>['data'];
  reload(): Promise<void>;
}

const Context = createContext<MeetingAttachments | null>(null);

/**
 * The meeting's handlingar, asked for once for the whole meeting page: each agenda item and §
 * shows its own from this one list (a protocol tab asked for the same list once per §).
 */
export function MeetingAttachmentsProvider({ meetingId, children }: { meetingId: number; children: ReactNode }) {
  const { data, reload } = useCall('attachments.list', { meetingId }, { entities: ['meeting'] });
  const value = useMemo(() => ({ data, reload }), [data, reload]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useMeetingAttachments(): MeetingAttachments {
  const list = useContext(Context);
  if (!list) throw new Error('useMeetingAttachments is for the meeting page, inside its MeetingAttachmentsProvider');
  return list;
}
