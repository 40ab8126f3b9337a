import type { RouteProps } from '../../app/route-props';
import { BodyDetail } from './BodyDetail';
import { BodyList } from './BodyList';

/** `#/bodies` lists the bodies; `#/bodies/<id>` shows one with its members. */
export function BodiesPage({ params }: RouteProps) {
  const id = Number(params[0]);
  return Number.isInteger(id) && id > 0 ? <BodyDetail id={id} /> : <BodyList />;
}
