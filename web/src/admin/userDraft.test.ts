import { describe, expect, it } from 'vitest';

import { draftOf, problemOf, updateInput } from './userDraft';

const rep = { id: 'u1', version: 4, name: 'Chen Wei', email: 'chen@example.test', role: 'REP' as const, team: 'north', managerId: 'm1' };

describe('an edited user', () => {
  it('sends nothing when nothing changed', () => {
    expect(updateInput(rep, draftOf(rep))).toBeNull();
  });

  it('sends only what changed, trimmed, with the version shown', () => {
    expect(updateInput(rep, { ...draftOf(rep), name: ' Chen Wei-Ming ', role: 'MANAGER' })).toEqual({
      id: 'u1', expectedVersion: 4, name: 'Chen Wei-Ming', role: 'MANAGER',
    });
  });

  it('clears a team or a manager with an empty value', () => {
    expect(updateInput(rep, { ...draftOf(rep), team: ' ', managerId: '' })).toEqual({
      id: 'u1', expectedVersion: 4, team: '', managerId: '',
    });
  });

  it('needs a name and an e-mail address', () => {
    expect(problemOf({ ...draftOf(rep), name: '  ' })).toBe('name');
    expect(problemOf({ ...draftOf(rep), email: 'chen@' })).toBe('email');
    expect(problemOf(draftOf(rep))).toBeNull();
  });
});
