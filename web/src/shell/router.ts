// A few client routes need no router library: the path, and a way to change it.
import { useSyncExternalStore } from 'react';

const CHANGED = 'pipewise:navigate';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(CHANGED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(CHANGED, listener);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export type Route =
  | { name: 'board' }
  | { name: 'reports' }
  | { name: 'closing' }
  | { name: 'import' }
  | { name: 'team' }
  | { name: 'admin' }
  | { name: 'opportunity'; id: string }
  | { name: 'accounts' }
  | { name: 'account'; id: string }
  | { name: 'products' }
  | { name: 'signIn' }
  | { name: 'callback' }
  | { name: 'notFound' };

export function routeOf(path: string): Route {
  if (path === '/' || path === '/board') return { name: 'board' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/closing') return { name: 'closing' };
  if (path === '/import') return { name: 'import' };
  if (path === '/team') return { name: 'team' };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/accounts') return { name: 'accounts' };
  if (path === '/products') return { name: 'products' };
  if (path === '/sign-in') return { name: 'signIn' };
  if (path === '/auth/callback') return { name: 'callback' };
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account?.[1]) return { name: 'account', id: decodeURIComponent(account[1]) };
  const opportunity = /^\/opportunities\/([^/]+)$/.exec(path);
  if (opportunity?.[1]) return { name: 'opportunity', id: decodeURIComponent(opportunity[1]) };
  return { name: 'notFound' };
}
