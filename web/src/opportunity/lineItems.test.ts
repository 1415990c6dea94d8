import { describe, expect, it } from 'vitest';

import { lineProblem, lineTotal, linesTotal, type DraftLine } from './lineItems';

const line = (quantity: string, unitPrice: string, discountPercent = ''): DraftLine => ({
  productId: 'p1',
  quantity,
  unitPrice,
  discountPercent,
});

describe('line items being edited', () => {
  it('totals a line as quantity times price less the discount', () => {
    expect(lineTotal(line('3', '120000', '10'))).toBe('324000');
    expect(lineTotal(line('2.5', '19.99'))).toBe('49.975');
    expect(lineTotal(line('1', '100', '100'))).toBe('0');
  });

  it('sums the lines exactly, large amounts included', () => {
    expect(linesTotal([line('3', '120000', '10'), line('1', '45000')])).toBe('369000');
    expect(linesTotal([line('1', '999999999999.99'), line('1', '0.01')])).toBe('1000000000000');
    expect(linesTotal([])).toBe('0');
  });

  it('names what is wrong with a line and leaves it out of the sum', () => {
    expect(lineProblem({ ...line('1', '10'), productId: '' })).toBe('lines.needProduct');
    expect(lineProblem(line('0', '10'))).toBe('lines.badQuantity');
    expect(lineProblem(line('-1', '10'))).toBe('lines.badQuantity');
    expect(lineProblem(line('1', 'abc'))).toBe('lines.badPrice');
    expect(lineProblem(line('1', '10', '120'))).toBe('lines.badDiscount');
    expect(linesTotal([line('1', '10'), line('-1', '10')])).toBe('10');
  });
});
