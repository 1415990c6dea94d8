import { describe, expect, it } from 'vitest';

import { daysUntil, formatDate, formatMoney, formatRelative, sumByCurrency } from './format';

// Intl puts a no-break space between the code and the amount.
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('money', () => {
  it('shows TWD with its code and no minor unit, in both languages', () => {
    expect(plain(formatMoney('1250000.00', 'TWD', 'en'))).toBe('TWD 1,250,000');
    expect(formatMoney('1250000.00', 'TWD', 'zh-TW').replace(/\s/g, ' ')).toContain('1,250,000');
    expect(formatMoney('1250000.00', 'TWD', 'zh-TW')).toContain('TWD');
  });

  it('keeps the cents of currencies that use them', () => {
    expect(plain(formatMoney('32000.5', 'EUR', 'en'))).toBe('EUR 32,000.50');
  });

  it('sums per currency exactly, never through floats', () => {
    const sums = sumByCurrency([
      { amount: '0.10', currency: 'USD' },
      { amount: '0.20', currency: 'USD' },
      { amount: '125000.00', currency: 'TWD' },
      { amount: '9007199254740993.00', currency: 'TWD' },
    ]);
    expect(sums).toEqual([
      { currency: 'USD', amount: '0.3' },
      { currency: 'TWD', amount: '9007199254865993' },
    ]);
  });
});

describe('dates', () => {
  it('shows a calendar date on its own day whatever the zone', () => {
    expect(formatDate('2026-06-05', 'en')).toBe('Jun 5, 2026');
    expect(formatDate('2026-06-05', 'zh-TW')).toBe('2026年6月5日');
  });

  it('says relative times in the chosen language', () => {
    const now = new Date('2026-06-05T12:00:00Z');
    expect(formatRelative('2026-06-03T12:00:00Z', 'en', now)).toBe('2 days ago');
    expect(formatRelative('2026-06-04T12:00:00Z', 'zh-TW', now)).toBe('昨天');
  });

  it('counts the days to a close date', () => {
    const today = new Date(2026, 5, 5);
    expect(daysUntil('2026-06-12', today)).toBe(7);
    expect(daysUntil('2026-06-01', today)).toBe(-4);
  });
});
