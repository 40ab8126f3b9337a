import type { SearchHit } from '../../../shared/contract/search';
import { navigate } from '../../app/router';

/**
 * Opens a hit where the app shows it, and when it is part of a page (a § on its protocol, a
 * section in its agreement) scrolls there and moves the keyboard focus to it once the page
 * has drawn it, so the person lands on the record itself.
 */
export function openHit(hit: Pick<SearchHit, 'open'>): void {
  navigate(hit.open.route);
  const anchor = hit.open.anchor;
  if (!anchor) return;
  const land = (): boolean => {
    const target = document.getElementById(anchor);
    if (!target) return false;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    return true;
  };
  if (land()) return;
  const observer = new MutationObserver(() => {
    if (land()) stop();
  });
  // the page loads its data first; give up quietly after a while (the page itself is open)
  const timer = setTimeout(() => stop(), 10_000);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/** `#/search/<query>`: the full results page. */
export function searchPath(query: string): string {
  return `/search/${encodeURIComponent(query)}`;
}
