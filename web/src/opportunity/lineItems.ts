// A deal's line items while they are being edited: each line's total and their sum, exactly
// (decimal strings scaled to integers), so the figure shown is the one the server will store.

const SCALE = 4n;
const ONE = 10n ** SCALE;
const DECIMAL = /^\d+(\.\d{1,4})?$/;

export interface DraftLine {
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

function units(value: string): bigint | null {
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * ONE + BigInt((fraction + '0000').slice(0, Number(SCALE)));
}

function decimal(value: bigint): string {
  const digits = value.toString().padStart(Number(SCALE) + 1, '0');
  return `${digits.slice(0, -Number(SCALE))}.${digits.slice(-Number(SCALE))}`.replace(/\.?0+$/, '') || '0';
}

/** Why a line cannot be saved, as a message key; null when it can. */
export function lineProblem(line: DraftLine): 'lines.needProduct' | 'lines.badQuantity' | 'lines.badPrice' | 'lines.badDiscount' | null {
  if (!line.productId) return 'lines.needProduct';
  const quantity = units(line.quantity);
  if (quantity === null || quantity === 0n) return 'lines.badQuantity';
  if (units(line.unitPrice) === null) return 'lines.badPrice';
  const discount = line.discountPercent.trim() === '' ? 0n : units(line.discountPercent);
  if (discount === null || discount > 100n * ONE) return 'lines.badDiscount';
  return null;
}

/** Quantity × unit price less the discount, rounded half up to four decimals; null if unreadable. */
export function lineTotal(line: DraftLine): string | null {
  if (lineProblem({ ...line, productId: line.productId || '-' })) return null;
  const quantity = units(line.quantity)!;
  const price = units(line.unitPrice)!;
  const discount = line.discountPercent.trim() === '' ? 0n : units(line.discountPercent)!;
  const raw = quantity * price * (100n * ONE - discount); // scaled by ONE³ × 100
  const divisor = ONE * ONE * 100n;
  return decimal((raw + divisor / 2n) / divisor);
}

/** The sum of the lines that can be read. */
export function linesTotal(lines: readonly DraftLine[]): string {
  let sum = 0n;
  for (const line of lines) {
    const total = lineTotal(line);
    if (total !== null) sum += units(total)!;
  }
  return decimal(sum);
}
