// The user form's rules, apart from the screen: what it checks before sending, and which fields
// an edit really changes (the gateway takes only those, with the version the screen showed).
import type { CreateUserInput, Role, UpdateUserInput } from '../gql/graphql';

export interface UserDraft {
  name: string;
  email: string;
  role: Role;
  team: string;
  managerId: string;
}

export interface EditedUser {
  id: string;
  version: number;
  name: string;
  email: string;
  role: Role;
  team?: string | null;
  managerId?: string | null;
}

export const ROLES: readonly Role[] = ['REP', 'MANAGER', 'ADMIN'];
export const EMPTY_DRAFT: UserDraft = { name: '', email: '', role: 'REP', team: '', managerId: '' };

export type DraftProblem = 'name' | 'email';

/** The first thing the form would be refused for, before asking the gateway. */
export function problemOf(draft: UserDraft): DraftProblem | null {
  if (!draft.name.trim()) return 'name';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) return 'email';
  return null;
}

export function draftOf(user: EditedUser): UserDraft {
  return { name: user.name, email: user.email, role: user.role, team: user.team ?? '', managerId: user.managerId ?? '' };
}

export function createInput(draft: UserDraft): CreateUserInput {
  return {
    name: draft.name.trim(),
    email: draft.email.trim(),
    role: draft.role,
    team: draft.team.trim() || null,
    managerId: draft.managerId || null,
  };
}

/** Only what changed; null when nothing did. */
export function updateInput(user: EditedUser, draft: UserDraft): UpdateUserInput | null {
  const input: UpdateUserInput = { id: user.id, expectedVersion: user.version };
  const name = draft.name.trim();
  const email = draft.email.trim();
  const team = draft.team.trim();
  if (name !== user.name) input.name = name;
  if (email !== user.email) input.email = email;
  if (draft.role !== user.role) input.role = draft.role;
  // An empty team or manager is sent as "": the service clears it (null would mean "unchanged").
  if (team !== (user.team ?? '')) input.team = team;
  if (draft.managerId !== (user.managerId ?? '')) input.managerId = draft.managerId;
  return Object.keys(input).length > 2 ? input : null;
}
