import { describe, expect, it } from 'vitest';

import { camel, fieldsFor, gatedStageFrom, missingFrom } from './evidence';

describe('evidence fields', () => {
  it('asks for the courier and the tracking number of a sample', () => {
    expect(fieldsFor({ kind: 'SAMPLE_SENT', anyOf: ['trackingNumber'], description: '' })).toEqual([
      'courier',
      'trackingNumber',
    ]);
    expect(camel('tracking_number')).toBe('trackingNumber');
  });

  it('asks once for a field a rule names in either spelling', () => {
    expect(fieldsFor({ kind: 'QUOTE', anyOf: ['valid_until'], description: '' })).toEqual(['amount', 'currency', 'validUntil']);
    expect(fieldsFor({ kind: 'QUOTE', anyOf: ['validUntil', 'attachment'], description: '' })).toEqual([
      'amount', 'currency', 'validUntil', 'attachment',
    ]);
  });

  it('names the stage on the way that lacks its evidence', () => {
    expect(gatedStageFrom({ stage: 'validate', stageKey: 'validate', stages: [] }, 'discover')).toBe('validate');
    expect(gatedStageFrom(undefined, 'discover')).toBe('discover');
  });

  it('reads the missing requirements from a refused move', () => {
    const details = { stage: 'sample', missing: [{ kind: 'QUOTE', anyOf: ['attachment'], description: 'a quote' }] };
    expect(missingFrom(details)).toHaveLength(1);
    expect(missingFrom(undefined)).toEqual([]);
  });
});
