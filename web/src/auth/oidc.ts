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

export async function startSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  await managerFor(oidc).signinRedirect({ state: { returnTo: location.pathname } });
}

/** On the callback page: trade the code for tokens; where to go back to. */
export async function finishSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<string> {
  const user = await managerFor(oidc).signinRedirectCallback();
  setSession({ token: user.access_token, method: 'oidc' });
  const state = user.state as { returnTo?: string } | undefined;
  return state?.returnTo ?? '/board';
}

/** After a reload: pick up the stored user and keep refreshing its token. */
export async function resume(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  const user = await managerFor(oidc).getUser();
  if (user && !user.expired) setSession({ token: user.access_token, method: 'oidc' });
}

export async function signOut(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  setSession(null);
  await managerFor(oidc).signoutRedirect();
}
