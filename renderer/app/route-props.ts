/** What a page is given by the router (routes.tsx). */
export interface RouteProps {
  /** path segments after the route's own, e.g. ['3'] for #/people/3 */
  params: string[];
}
