// Production sign-in: OpenID Connect authorization code flow with PKCE (oidc-client-ts), the
// access token refreshed with the refresh token before it expires, and sign-out at the provider.
// Loaded only when the gateway names an identity provider, so local runs never download it.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

import type { ConsoleConfig } from './session';
import { setSession } from './session';

export const CALLBACK_PATH = '/auth/callback';

let manager: UserManager | null = null;

function managerFor(oidc: NonNullable<ConsoleConfig['oidc']>): UserManager {
  if (!manager) {
    manager = new UserManager({
      authority: oidc.issuer,
      client_id: oidc.clientId,
      scope: oidc.scopes,
      response_type: 'code',
      redirect_uri: `${location.origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${location.origin}/`,
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
    });
    const keep = (user: User): void => setSession({ token: user.access_token, method: 'oidc' });
    manager.events.addUserLoaded(keep);
    manager.events.addSilentRenewError(() => setSession(null));
    manager.events.addAccessTokenExpired(() => setSession(null));
  }
  return manager;
}

/** Where to come back to after signing in: the screen asked for, never the sign-in pages. */
export function returnPath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && path !== '/sign-in' && path !== CALLBACK_PATH ? path : '/board';
}

export async function startSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  await managerFor(oidc).signinRedirect({ state: { returnTo: returnPath(location.pathname) } });
}

// A code can be traded once: React runs the callback page's effect twice in development, so
// the second call shares the first's answer instead of failing.
let finishing: Promise<string> | null = null;

/** On the callback page: trade the code for tokens; where to go back to. */
export function finishSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<string> {
  finishing ??= managerFor(oidc)
    .signinRedirectCallback()
    .then((user) => {
      setSession({ token: user.access_token, method: 'oidc' });
      const state = user.state as { returnTo?: string } | undefined;
      return returnPath(state?.returnTo ?? '/board');
    })
    .finally(() => {
      setTimeout(() => (finishing = null), 0);
    });
  return finishing;
}

/** On every start with a provider: pick up the stored user, so that its token keeps being
 * refreshed after a reload too (the refresh timer lives in the page), or end a session whose
 * tokens are gone. */
export async function resume(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  const users = managerFor(oidc);
  const user = await users.getUser();
  if (user && !user.expired) return setSession({ token: user.access_token, method: 'oidc' });
  if (user?.refresh_token) {
    try {
      const renewed = await users.signinSilent();
      if (renewed) return setSession({ token: renewed.access_token, method: 'oidc' });
    } catch {
      // the provider no longer honours it: sign in again
    }
  }
  setSession(null);
}

export async function signOut(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  setSession(null);
  await managerFor(oidc).signoutRedirect();
}
