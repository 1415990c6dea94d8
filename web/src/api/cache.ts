// The normalised cache: a move's answer or a live change rewrites the one opportunity, and the
// board (which groups the cached list by stage) redraws without fetching again.
import { cacheExchange, type Cache } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';

import { BoardCardFields, PipelineStagesFragment } from '../board/operations';
import type { BoardCardFragment, OpportunityChangedSubscription as Change } from '../gql/graphql';

// Types without an id of their own live inside their parent.
const embedded = () => null;
const EMBEDDED = [
  'Money', 'Probability', 'StageRef', 'Stage', 'LiveStage', 'PageInfo', 'OpportunityConnection', 'Viewer',
  'NotificationPage', 'ActivityRevision', 'ActivityDetails', 'TimelineEntry', 'StageVisit', 'CloseDateChange',
  'HandoverBrief', 'LastQuote', 'EvidenceCount', 'EvidenceRequirement', 'AssignmentEntry', 'Delivery',
  'ClosingOpportunity', 'OpportunitySnapshot', 'PipelineCalibration', 'SourceCalibration', 'StageCalibration',
  'LostReason',
];

function forgetLists(cache: Cache): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'opportunities') cache.invalidate('Query', field.fieldName, field.arguments);
  }
}

export function applyChange(change: Change['opportunityChanged'], cache: Cache): void {
  const live = change.opportunity;
  const entity = { __typename: 'Opportunity', id: live.id };
  const cachedVersion = cache.resolve(entity, 'version');
  if (typeof cachedVersion !== 'number') {
    // Not on any list this tab holds (new, or newly visible): lists ask the server again.
    forgetLists(cache);
    return;
  }
  if (cachedVersion >= live.version) return; // our own move's answer came first, or a stale event
  const pipeline = cache.readFragment(PipelineStagesFragment, { __typename: 'Pipeline', id: live.pipelineId });
  const stage = pipeline?.stages.find((s) => s.key === live.stage.key);
  const today = new Date().toISOString().slice(0, 10);
  // __typename on each object: the cache keys and stores them by it.
  const written = {
    __typename: 'Opportunity',
    id: live.id,
    title: live.title,
    customerName: live.customerName,
    version: live.version,
    ownerId: live.ownerId,
    team: live.team ?? null,
    sourceId: live.sourceId ?? null,
    status: live.status,
    pipelineId: live.pipelineId,
    value: { __typename: 'Money', ...live.value },
    stage: {
      __typename: 'StageRef',
      key: live.stage.key,
      kind: live.stage.kind,
      nameZh: stage?.nameZh ?? live.stage.name ?? live.stage.key,
      nameEn: stage?.nameEn ?? live.stage.name ?? live.stage.key,
    },
    probability: { __typename: 'Probability', effective: live.probability },
    expectedCloseDate: live.expectedCloseDate,
    overdue: live.status === 'OPEN' && live.expectedCloseDate < today,
    rotting: (cache.resolve(entity, 'rotting') as boolean | null) ?? false,
    owner: live.owner ? { __typename: 'User', id: live.owner.id, name: live.owner.name } : null,
  };
  cache.writeFragment(BoardCardFields, written as unknown as BoardCardFragment);
}

export function makeCache() {
  return cacheExchange({
    keys: {
      ...Object.fromEntries(EMBEDDED.map((name) => [name, embedded])),
      // A policy version never changes once saved: its number is its identity.
      Policy: (policy) => String(policy.version),
    },
    resolvers: { Query: { opportunities: relayPagination() } },
    updates: {
      Subscription: {
        opportunityChanged(result, _args, cache) {
          applyChange((result as Change).opportunityChanged, cache);
        },
      },
      Mutation: {
        createOpportunity(_result, _args, cache) {
          forgetLists(cache);
        },
        createPipeline(_result, _args, cache) {
          // A new pipeline is not in any cached list yet: the board and admin ask again.
          cache.invalidate('Query', 'pipelines');
        },
        markAllNotificationsRead(_result, _args, cache) {
          cache.invalidate('Query', 'unreadNotificationCount');
          cache.invalidate('Query', 'notifications');
        },
        markNotificationRead(_result, _args, cache) {
          cache.invalidate('Query', 'unreadNotificationCount');
        },
      },
    },
  });
}
