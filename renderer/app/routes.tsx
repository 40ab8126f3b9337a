import type { ComponentType } from 'react';
import { HomePage } from '../pages/home/HomePage';
import { OrganisationsPage } from '../pages/organisations/OrganisationsPage';
import { AgreementsPage } from '../pages/agreements/AgreementsPage';
import { PeoplePage } from '../pages/people/PeoplePage';
import { BodiesPage } from '../pages/bodies/BodiesPage';
import { MeetingsPage } from '../pages/meetings/MeetingsPage';
import { ActionsPage } from '../pages/actions/ActionsPage';
import { CertificatesPage } from '../pages/signing/CertificatesPage';
import { VerifyPage } from '../pages/signing/VerifyPage';
import { SignDocumentPage } from '../pages/signing/SignDocumentPage';
import { ArchivePage } from '../pages/signing/ArchivePage';
import { SearchPage } from '../pages/search/SearchPage';
import type { RouteProps } from './route-props';

export interface AppRoute {
  path: string;
  /** translation key of the navigation label */
  label: string;
  component: ComponentType<RouteProps>;
}

/** The main pages, in navigation order. Each area adds its page here. */
export const routes: AppRoute[] = [
  { path: '', label: 'nav.home', component: HomePage },
  { path: 'organisations', label: 'nav.organisations', component: OrganisationsPage },
  { path: 'agreements', label: 'nav.agreements', component: AgreementsPage },
  { path: 'people', label: 'nav.people', component: PeoplePage },
  { path: 'bodies', label: 'nav.bodies', component: BodiesPage },
  { path: 'meetings', label: 'meetings.nav.meetings', component: MeetingsPage },
  { path: 'actions', label: 'meetings.nav.actions', component: ActionsPage },
  { path: 'certificates', label: 'signing.nav.certificates', component: CertificatesPage },
  { path: 'verify', label: 'signing.nav.verify', component: VerifyPage },
  { path: 'sign', label: 'signing.nav.signDocument', component: SignDocumentPage },
  { path: 'archive', label: 'signing.nav.archive', component: ArchivePage },
  { path: 'search', label: 'search.nav', component: SearchPage },
];
