import { describe, expect, it } from 'vitest';

import { returnPath } from './oidc';

describe('coming back from the identity provider', () => {
  it('returns to the screen asked for, never to the sign-in pages or another site', () => {
    expect(returnPath('/reports')).toBe('/reports');
    expect(returnPath('/opportunities/o-1')).toBe('/opportunities/o-1');
    expect(returnPath('/sign-in')).toBe('/board');
    expect(returnPath('/auth/callback')).toBe('/board');
    expect(returnPath('//evil.example/')).toBe('/board');
  });
});
