import { describe, expect, it } from 'vitest';

import type { ImportJobQuery } from '../gql/graphql';
import { initI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { NAMES_PER_QUERY, nameQueries, resultsHeader, resultsRows } from './results';

const JOB = {
  id: 'j1', status: 'DONE', filename: 'show.csv', encoding: 'big5', totalRows: 4, validRows: 3, toCreate: 3,
  processed: 3, created: 3, percentDone: 100,
  problems: [{ line: 3, field: 'amount', reason: 'not a number' }],
  duplicates: [{ line: 5, reason: 'same e-mail', opportunityId: null, earlierLine: 2 }],
  links: [
    { line: 4, opportunityId: 'o2', accountId: 'a1', accountMatch: 'TAX_NUMBER', contactId: 'c2', contactMatch: 'CREATED' },
    { line: 2, opportunityId: 'o1', accountId: 'a1', accountMatch: 'CREATED', contactId: 'c1', contactMatch: 'CREATED' },
  ],
} as unknown as ImportJobQuery['importJob'];

const NAMES = {
  accounts: new Map([['a1', '臺灣精密機械股份有限公司']]),
  contacts: new Map([['c1', '陳怡君'], ['c2', 'Amy Lin']]),
};

function translator(language: 'en' | 'zh-TW') {
  const i18n = initI18n(language);
  return (key: MessageKey, values?: Record<string, unknown>) => i18n.t(key, values);
}

describe('the import results CSV', () => {
  it('lists each card with its customer and person and how they were found, in line order (English)', () => {
    const t = translator('en');
    expect(resultsHeader(t)).toEqual([
      'Line', 'Kind', 'Field', 'Reason', 'Customer', 'Customer found or created', 'Person', 'Person found or created', 'Deal ID',
    ]);
    expect(resultsRows(JOB, NAMES, t)).toEqual([
      [2, 'Imported', '', '', '臺灣精密機械股份有限公司', 'created', '陳怡君', 'created', 'o1'],
      [3, 'Error', 'amount', 'not a number'],
      [4, 'Imported', '', '', '臺灣精密機械股份有限公司', 'found by tax ID', 'Amy Lin', 'created', 'o2'],
      [5, 'Duplicate', 2, 'same e-mail'],
    ]);
  });

  it('speaks zh-TW to a zh-TW user', () => {
    const t = translator('zh-TW');
    expect(resultsHeader(t).slice(4)).toEqual(['客戶', '客戶：找到或新建', '聯絡人', '聯絡人：找到或新建', '商機編號']);
    expect(resultsRows(JOB, NAMES, t)[2]).toEqual([4, '已匯入', '', '', '臺灣精密機械股份有限公司', '依統一編號找到', 'Amy Lin', '新建', 'o2']);
  });

  it('asks each name once, in queries under the gateway alias limit', () => {
    const accounts = Array.from({ length: 40 }, (_, i) => `a${i % 35}`);
    const contacts = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const queries = nameQueries(accounts, contacts);
    const asked = queries.flatMap((q) => Object.values(q.variables));
    expect(asked).toHaveLength(75);
    expect(new Set(asked).size).toBe(75);
    for (const { query, variables } of queries) {
      expect(Object.keys(variables).length).toBeLessThanOrEqual(NAMES_PER_QUERY);
      expect((query.match(/\w+: (account|contact)\(/g) ?? []).length).toBe(Object.keys(variables).length);
    }
    expect(queries[0]!.query).toContain('a0: account(id: $i0) { id name }');
  });
});
