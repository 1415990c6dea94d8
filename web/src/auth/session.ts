// Who is signed in: the access token the console sends with every request, kept for this tab.
// Local runs get it from the gateway's "sign in as" endpoint; production from the identity
// provider (auth/oidc.ts), which also refreshes it.

export type SignInMethod = 'dev' | 'oidc';

export interface Session {
  token: string;
  method: SignInMethod;
}

const KEY = 'pipewise.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function session(): Session | null {
  return current;
}

export function accessToken(): string | null {
  return current?.token ?? null;
}

export function setSession(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(next);
}

const REFUSED = 'pipewise.sessionRefused';

/** Ends a session the gateway refused (the account deactivated, or the token no longer valid),
 * remembering it for this tab so the sign-in page can say why the user is back there. */
export function endRefusedSession(): void {
  sessionStorage.setItem(REFUSED, '1');
  setSession(null);
}

/** Whether the last session ended refused; asking forgets it. */
export function takeRefusal(): boolean {
  const refused = sessionStorage.getItem(REFUSED) === '1';
  sessionStorage.removeItem(REFUSED);
  return refused;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string; scopes: string } | null;
  devSignIn: boolean;
  production: boolean;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json');
  if (!response.ok) throw new Error(`config: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

export interface SeededUser {
  id: string;
  name: string;
  email: string;
  role: 'REP' | 'MANAGER' | 'ADMIN';
  team: string | null;
}

export async function seededUsers(): Promise<SeededUser[]> {
  const response = await fetch('/console/dev/users');
  if (!response.ok) throw new Error(`users: ${response.status}`);
  return ((await response.json()) as { users: SeededUser[] }).users;
}

export async function signInAs(userId: string): Promise<void> {
  const response = await fetch('/console/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`token: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  setSession({ token, method: 'dev' });
}

/** Whose token it is (its `sub`), so a refreshed token keeps the same signed-in screen. */
export function subjectOf(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    return (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string }).sub ?? token;
  } catch {
    return token;
  }
}
