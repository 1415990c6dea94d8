// Numbers, money, dates and relative times through Intl, for the chosen locale.

/** Currencies whose minor unit is not used in practice, whatever ISO 4217 says. */
const NO_MINOR_UNIT = new Set(['TWD', 'JPY', 'KRW', 'VND']);

const cache = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = cache.get(key);
  if (!format) {
    const whole = NO_MINOR_UNIT.has(currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    cache.set(key, format);
  }
  return format;
}

/** "TWD 1,250,000"; the amount is the API's exact decimal string, formatted without floats. */
export function formatMoney(amount: string, currency: string, locale: string): string {
  // Intl formats a decimal string exactly (no binary rounding of large amounts).
  return moneyFormat(locale, currency).format(amount as unknown as number);
}

const SCALE = 4;

function toUnits(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const units = BigInt(whole || '0') * 10n ** BigInt(SCALE) + BigInt((fraction + '0000').slice(0, SCALE));
  return negative ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const text = `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`.replace(/\.?0+$/, '');
  return (negative ? '-' : '') + text;
}

export interface Money {
  amount: string;
  currency: string;
}

/** Sums per currency, exactly; currencies in order of first appearance. */
export function sumByCurrency(values: readonly Money[]): Money[] {
  const totals = new Map<string, bigint>();
  for (const { amount, currency } of values) {
    totals.set(currency, (totals.get(currency) ?? 0n) + toUnits(amount));
  }
  return [...totals].map(([currency, units]) => ({ currency, amount: fromUnits(units) }));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(isoDate: string, locale: string): string {
  // Kept per locale: making a format costs far more than using one, and a board shows hundreds.
  let format = dateFormats.get(locale);
  if (!format) {
    // A calendar date: read as UTC midnight and shown in UTC, so no zone moves it a day.
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "in 2 hours", "yesterday". */
export function formatRelative(iso: string, locale: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** Days from today (local calendar) to a calendar date; negative when past. */
export function daysUntil(isoDate: string, today: Date = new Date()): number {
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - start) / 86400000);
}
