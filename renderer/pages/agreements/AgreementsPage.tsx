import type { RouteProps } from '../../app/route-props';
import { ComparePage } from './ComparePage';
import { OverviewPage } from './OverviewPage';
import { VersionPage } from './VersionPage';

/**
 * The agreements area: `#/agreements` (overview), `#/agreements/version/<id>`,
 * `#/agreements/compare/<fromId>/<toId>`.
 */
export function AgreementsPage({ params }: RouteProps) {
  const [view, a, b] = params;
  if (view === 'version' && Number(a) > 0) return <VersionPage key={a} id={Number(a)} />;
  if (view === 'compare') return <ComparePage fromId={Number(a) || null} toId={Number(b) || null} />;
  return <OverviewPage />;
}
