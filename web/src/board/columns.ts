// The board's pure rules: which cards show, in which column, with which badges and totals.
import type { BoardCardFragment, PipelinesQuery } from '../gql/graphql';
import { daysUntil, sumByCurrency, type Money } from '../lib/format';

export type Pipeline = PipelinesQuery['pipelines'][number];
export type BoardStage = Pipeline['stages'][number];
export type Card = BoardCardFragment;

export interface Column {
  stage: BoardStage;
  cards: Card[];
  totals: Money[];
}

export interface Badges {
  overdue: boolean;
  closingSoon: boolean;
  rotting: boolean;
}

export function badgesOf(card: Card, alertDays: number, today: Date = new Date()): Badges {
  const open = card.status === 'OPEN';
  const left = daysUntil(card.expectedCloseDate, today);
  return {
    overdue: open && (card.overdue || left < 0),
    closingSoon: open && left >= 0 && left <= alertDays,
    rotting: open && card.rotting,
  };
}

/** Open stages in order, one column each, then one drop target per closing stage (won, lost). */
export function columnsOf(pipeline: Pipeline, cards: readonly Card[]): { open: Column[]; closing: BoardStage[] } {
  const stages = [...pipeline.stages].filter((s) => !s.retired).sort((a, b) => a.position - b.position);
  const open = stages
    .filter((s) => s.kind === 'OPEN')
    .map((stage) => {
      const inStage = cards.filter((c) => c.status === 'OPEN' && c.stage.key === stage.key);
      return { stage, cards: inStage, totals: sumByCurrency(inStage.map((c) => c.value)) };
    });
  return { open, closing: stages.filter((s) => s.kind !== 'OPEN') };
}

export interface BoardFilter {
  ownerId?: string;
  team?: string;
  sourceId?: string;
  closingWithinDays?: number;
  overdue?: boolean;
  search?: string;
}

/** The server filters the list; a live change can make a held card stop matching. */
export function stillMatches(card: Card, filter: BoardFilter, today: Date = new Date()): boolean {
  if (filter.ownerId && card.ownerId !== filter.ownerId) return false;
  if (filter.team && card.team !== filter.team) return false;
  if (filter.sourceId && card.sourceId !== filter.sourceId) return false;
  const left = daysUntil(card.expectedCloseDate, today);
  if (filter.overdue && left >= 0) return false;
  if (filter.closingWithinDays != null && (left < 0 || left > filter.closingWithinDays)) return false;
  return true;
}

export function stageName(stage: { nameZh: string; nameEn: string }, language: string): string {
  return language.startsWith('zh') ? stage.nameZh : stage.nameEn;
}
