import { describe, expect, it } from 'vitest';

import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes what needs quoting and keeps Chinese as it is', () => {
    expect(toCsv(['業務', 'note'], [['陳志明', 'said "yes", then no'], ['Ann', null]])).toBe(
      '業務,note\r\n陳志明,"said ""yes"", then no"\r\nAnn,\r\n',
    );
  });
});
