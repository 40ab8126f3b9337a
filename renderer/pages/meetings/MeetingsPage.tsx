import type { RouteProps } from '../../app/route-props';
import { MeetingList } from './MeetingList';
import { MeetingPage } from './MeetingPage';

/** `#/meetings` lists a body's meetings; `#/meetings/<id>/<tab>` opens one. */
export function MeetingsPage({ params }: RouteProps) {
  const id = Number(params[0]);
  if (Number.isInteger(id) && id > 0) return <MeetingPage id={id} tab={params[1]} />;
  return <MeetingList />;
}
