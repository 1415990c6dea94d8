import { describe, expect, it } from 'vitest';

import { badgesOf, columnsOf, stillMatches, type Card, type Pipeline } from './columns';

const stage = (key: string, position: number, kind: 'OPEN' | 'WON' | 'LOST' = 'OPEN', retired = false) => ({
  key, nameZh: key, nameEn: key, kind, position, retired, probability: 10,
});

const pipeline: Pipeline = {
  id: 'p', name: 'Sales', isDefault: true, alertDaysBeforeClose: 7,
  stages: [stage('won', 5, 'WON'), stage('lead', 1), stage('sample', 2), stage('old', 3, 'OPEN', true),
    stage('lost', 6, 'LOST')],
  lostReasons: [],
};

const card = (id: string, stageKey: string, amount: string, extra: Partial<Card> = {}): Card => ({
  id, title: id, customerName: 'C', version: 1, ownerId: 'rep', team: 'north',
  sourceId: null, status: 'OPEN', pipelineId: 'p', value: { amount, currency: 'TWD' },
  stage: { key: stageKey, nameZh: stageKey, nameEn: stageKey, kind: 'OPEN' },
  probability: { effective: 10 }, expectedCloseDate: '2026-07-01', overdue: false,
  rotting: false, owner: null, ...extra,
});

describe('columns', () => {
  it('gives each open stage in order a column with its count and amount sum', () => {
    const { open, closing } = columnsOf(pipeline, [
      card('a', 'lead', '100000.00'), card('b', 'lead', '25000.50'), card('c', 'sample', '1.00'),
      card('d', 'lead', '999.00', { status: 'WON' }),
    ]);
    expect(open.map((c) => [c.stage.key, c.cards.length, c.totals])).toEqual([
      ['lead', 2, [{ currency: 'TWD', amount: '125000.5' }]],
      ['sample', 1, [{ currency: 'TWD', amount: '1' }]],
    ]);
    expect(closing.map((s) => s.key)).toEqual(['won', 'lost']);
  });
});

describe('badges', () => {
  const today = new Date(2026, 5, 25);
  it('marks an open card within the alert days as closing soon', () => {
    expect(badgesOf(card('a', 'lead', '1'), 7, today)).toEqual({ overdue: false, closingSoon: true, rotting: false });
  });
  it('marks a past close date overdue, and a rotting card rotting', () => {
    const late = card('a', 'lead', '1', { expectedCloseDate: '2026-06-01', rotting: true });
    expect(badgesOf(late, 7, today)).toEqual({ overdue: true, closingSoon: false, rotting: true });
  });
  it('gives a closed card no badge', () => {
    const won = card('a', 'lead', '1', { status: 'WON', expectedCloseDate: '2026-06-01', rotting: true });
    expect(badgesOf(won, 7, today)).toEqual({ overdue: false, closingSoon: false, rotting: false });
  });
});

describe('filters', () => {
  it('drops a held card once a change takes it out of the filter', () => {
    const today = new Date(2026, 5, 25);
    expect(stillMatches(card('a', 'lead', '1', { ownerId: 'other' }), { ownerId: 'rep' }, today)).toBe(false);
    expect(stillMatches(card('a', 'lead', '1'), { overdue: true }, today)).toBe(false);
    expect(stillMatches(card('a', 'lead', '1'), { closingWithinDays: 3 }, today)).toBe(false);
    expect(stillMatches(card('a', 'lead', '1'), { closingWithinDays: 7, team: 'north' }, today)).toBe(true);
  });
});
