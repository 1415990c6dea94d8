import { describe, expect, it } from 'vitest';

import { camel, fieldsFor, missingFrom } from './evidence';

describe('evidence fields', () => {
  it('asks for the courier and the tracking number of a sample', () => {
    expect(fieldsFor({ kind: 'SAMPLE_SENT', anyOf: ['tracking_number'], description: '' })).toEqual([
      'courier',
      'tracking_number',
    ]);
    expect(camel('tracking_number')).toBe('trackingNumber');
  });

  it('reads the missing requirements from a refused move', () => {
    const details = { stage: 'sample', missing: [{ kind: 'QUOTE', anyOf: ['attachment'], description: 'a quote' }] };
    expect(missingFrom(details)).toHaveLength(1);
    expect(missingFrom(undefined)).toEqual([]);
  });
});
