import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  const codes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'BAD_REQUEST', 'METHOD_NOT_ALLOWED',
    'GRAPHQL_VALIDATION_FAILED', 'CONFLICT', 'ALREADY_EXISTS', 'ACCOUNT_DEACTIVATED', 'RATE_LIMITED', 'STRING_TOO_LONG',
    'UNKNOWN_CURRENCY', 'PIPELINE_NOT_FOUND', 'STAGE_NOT_FOUND', 'STAGE_RETIRED', 'WRONG_PIPELINE',
    'LOST_REASON_REQUIRED', 'LOST_REASON_NOT_FOUND', 'LOST_REASON_RETIRED', 'OPPORTUNITY_CLOSED', 'OWNER_INACTIVE',
    'OWNS_OPEN_OPPORTUNITIES', 'NOT_OWNED_BY_LEAVER', 'EVIDENCE_REQUIRED', 'REP_NOT_FOUND', 'REP_INACTIVE',
    'NO_ASSIGNEES', 'DUPLICATE_ASSIGNEE', 'EMPTY_BATCH', 'BATCH_TOO_LARGE', 'IDEMPOTENCY_KEY_REUSED',
    'INVALID_TAX_NUMBER', 'INVALID_PHONE', 'INVALID_EMAIL', 'MERGE_INTO_ITSELF', 'ALREADY_MERGED',
    'CONTACT_OF_ANOTHER_ACCOUNT', 'EMPTY_FILE', 'FILE_TOO_LARGE', 'CSV_EMPTY', 'CSV_TOO_LARGE', 'CSV_TOO_MANY_ROWS',
    'CSV_ENCODING', 'CSV_COLUMNS', 'IMPORT_MAPPING', 'FILE_TYPE_NOT_ALLOWED', 'FILE_TYPE_MISMATCH', 'TOO_MANY_FILES',
    'INVALID_PERIOD', 'INVALID_POLICY', 'PAGE_TOO_LARGE', 'QUERY_TOO_LARGE', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY',
    'TOO_MANY_ALIASES', 'TOO_MANY_OPERATIONS', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR', 'ACTIVITY_COMPLETED',
    'AMOUNT_FROM_LINE_ITEMS', 'DERIVED_FACT', 'DIFFICULTY_FORBIDDEN', 'NOT_AN_IMAGE', 'PRODUCT_INACTIVE', 'UNKNOWN_PRODUCT',
    'OVERLAPPING_SIZE_BANDS', 'UNKNOWN_PRODUCT_LINE'];

  it('gives each a message of its own in both languages', () => {
    for (const code of codes) {
      const key = `code.${code}` as MessageKey;
      expect(en[key], code).toBeTruthy();
      expect(zhTW[key], code).toBeTruthy();
    }
  });

  // The shapes in which the Python sources name an error code: a class's `code = "..."`, an
  // extensions dict, an error built with the code first, a constant named as its value, a status
  // table, and a per-item failure `(id, "CODE", "message")`.
  const shapes = [
    /\bcode\s*(?::\s*str\s*)?=\s*"([A-Z][A-Z_]{3,})"/g,
    /"code":\s*"([A-Z][A-Z_]{3,})"/g,
    /(?:Error|_error|_refusal)\(\s*(?:\d+,\s*)?"([A-Z][A-Z_]{3,})"/g,
    /^([A-Z][A-Z_]{3,}) = "\1"/gm,
    /\b\d{3}: "([A-Z][A-Z_]{3,})"/g,
    /\(\s*[\w.]+,\s*"([A-Z][A-Z_]{3,})",\s*f?"/g,
  ];

  function pythonSources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'tests' || entry.name.startsWith('.') ? [] : pythonSources(path);
      return entry.name.endsWith('.py') ? [path] : [];
    });
  }

  it('finds every code the gateway and services raise in the list above', () => {
    const root = resolve(__dirname, '../../..');
    const found = new Set<string>();
    for (const top of ['gateway', 'services', 'servicekit']) {
      for (const file of pythonSources(resolve(root, top))) {
        const text = readFileSync(file, 'utf8');
        for (const shape of shapes) for (const [, code] of text.matchAll(shape)) if (code) found.add(code);
      }
    }
    // The scan must see the codes added with lost reasons, accounts and rate limits, or it is blind.
    for (const code of ['LOST_REASON_REQUIRED', 'INVALID_TAX_NUMBER', 'RATE_LIMITED', 'ACCOUNT_DEACTIVATED'])
      expect(found, code).toContain(code);
    for (const code of found) expect(codes, code).toContain(code);
  });

  it('names the field of a text that is too long', () => {
    const t = (key: MessageKey, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`;
    expect(messageFor({ code: 'STRING_TOO_LONG', message: '', details: { field: 'title' } }, t)).toContain('"field":"title"');
  });

  it('falls back to naming an unknown code', () => {
    const t = (key: MessageKey, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`;
    expect(messageFor({ code: 'SOMETHING_NEW', message: '', details: undefined }, t)).toContain('SOMETHING_NEW');
    expect(messageFor({ code: 'CONFLICT', message: '', details: undefined }, t)).toMatch(/^code.CONFLICT/);
  });
});
