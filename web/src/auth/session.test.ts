import { describe, expect, it } from 'vitest';

import { endRefusedSession, session, setSession, takeRefusal } from './session';

describe('a session the gateway refuses', () => {
  it('ends, and the sign-in page is told why once', () => {
    setSession({ token: 't', method: 'dev' });
    expect(takeRefusal()).toBe(false);
    endRefusedSession();
    expect(session()).toBeNull();
    expect(takeRefusal()).toBe(true);
    expect(takeRefusal()).toBe(false);
  });

  it('is not reported after signing out by choice', () => {
    setSession({ token: 't', method: 'dev' });
    setSession(null);
    expect(takeRefusal()).toBe(false);
  });
});
