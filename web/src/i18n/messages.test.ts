import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { messageFor } from '../api/errors';
import { en, type MessageKey } from './en';
import { initI18n, preferredLanguage } from './index';
import { zhTW } from './zh-TW';

describe('languages', () => {
  it('has every English message in Traditional Chinese too', () => {
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(en).sort());
  });

  it('opens in zh-TW when the browser prefers Chinese, and keeps a choice made', () => {
    expect(preferredLanguage(['zh-TW', 'en-US'], null)).toBe('zh-TW');
    expect(preferredLanguage(['zh-Hant', 'en'], null)).toBe('zh-TW');
    expect(preferredLanguage(['en-GB', 'zh-TW'], null)).toBe('en');
    expect(preferredLanguage(['fr-FR'], null)).toBe('en');
    expect(preferredLanguage(['zh-TW'], 'en')).toBe('en');
  });

  it('formats plurals with ICU in both languages', async () => {
    const i18n = initI18n('en');
    expect(i18n.t('board.count', { count: 1 })).toBe('1 deal');
    expect(i18n.t('board.count', { count: 3 })).toBe('3 deals');
    await i18n.changeLanguage('zh-TW');
    expect(i18n.t('board.count', { count: 3 })).toBe('3 筆商機');
  });
});

describe('API error codes', () => {
  // Every code the gateway and services can return, as written in their Python sources.
  const codes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'ALREADY_EXISTS',
    'UNKNOWN_CURRENCY', 'PIPELINE_NOT_FOUND', 'STAGE_NOT_FOUND', 'STAGE_RETIRED', 'LOST_REASON_REQUIRED',
    'OPPORTUNITY_CLOSED', 'EVIDENCE_REQUIRED', 'REP_NOT_FOUND', 'REP_INACTIVE', 'NO_ASSIGNEES', 'DUPLICATE_ASSIGNEE',
    'EMPTY_BATCH', 'EMPTY_FILE', 'CSV_EMPTY', 'CSV_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'FILE_TYPE_MISMATCH',
    'TOO_MANY_FILES', 'INVALID_PERIOD', 'INVALID_POLICY', 'PAGE_TOO_LARGE', 'QUERY_TOO_LARGE', 'QUERY_TOO_DEEP',
    'QUERY_TOO_COSTLY', 'TOO_MANY_ALIASES', 'TOO_MANY_OPERATIONS', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR'];

  it('gives each a message of its own in both languages', () => {
    for (const code of codes) {
      const key = `code.${code}` as MessageKey;
      expect(en[key], code).toBeTruthy();
      expect(zhTW[key], code).toBeTruthy();
    }
  });

  it('finds every code the Python sources raise in the list above', () => {
    const root = resolve(__dirname, '../../..');
    const sources = ['services/opportunity/domain/errors.py', 'services/opportunity/domain/evidence.py'];
    for (const file of sources) {
      for (const [, code] of readFileSync(resolve(root, file), 'utf8').matchAll(/"([A-Z][A-Z_]{3,})"/g)) {
        if (code && /_|ED$|ND$/.test(code) && !['SAMPLE_SENT'].includes(code)) expect(codes, `${file}: ${code}`).toContain(code);
      }
    }
  });

  it('falls back to naming an unknown code', () => {
    const t = (key: MessageKey, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`;
    expect(messageFor({ code: 'SOMETHING_NEW', message: '', details: undefined }, t)).toContain('SOMETHING_NEW');
    expect(messageFor({ code: 'CONFLICT', message: '', details: undefined }, t)).toMatch(/^code.CONFLICT/);
  });
});
