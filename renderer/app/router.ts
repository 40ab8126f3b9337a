import { useSyncExternalStore } from 'react';

/** Hash routes (`#/people/3`): they survive reloads and work the same in Electron and browser mode. */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string[] {
  const path = useSyncExternalStore(subscribe, currentPath);
  return path.split('/').filter(Boolean);
}

export function navigate(path: string): void {
  window.location.hash = path;
}
