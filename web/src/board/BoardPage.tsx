import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery, useSubscription } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { CardBody } from './CardView';
import { ClosingTarget, ColumnView } from './ColumnView';
import { columnsOf, stageName, stillMatches, type BoardFilter, type BoardStage, type Card } from './columns';
import { EvidenceDialog } from './EvidenceDialog';
import { LostDialog } from './LostDialog';
import { Filters } from './Filters';
import { columnJumps } from './keyboard';
import { BoardQuery, OpportunityChangedSubscription, PipelinesQuery } from './operations';
import { useMoveCard } from './useMoveCard';

/** Cards drawn at most: the board loads pages of 100 until it has them all or this many. */
export const BOARD_LIMIT = 500;

// Options of one identity for the page's life: new ones would make the drag context new on every
// render of the board, and so redraw every card whenever any card changed.
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_OPTIONS = { coordinateGetter: columnJumps };

// The pointer decides where a dragged card is; the keyboard has no pointer, so the card's rect.
const collisions: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length ? under : rectIntersection(args);
};

export function BoardPage() {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data: setup, error: setupError }] = useQuery({ query: PipelinesQuery });
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [filter, setFilter] = useState<BoardFilter>({});
  const typed = useDeferredValue(filter.search);
  const pipeline = setup?.pipelines.find((p) => p.id === pipelineId) ?? setup?.pipelines.find((p) => p.isDefault);
  const serverFilter = useMemo(
    () => ({ ...filter, search: typed || undefined, pipelineId: pipeline?.id, status: 'OPEN' as const }),
    [filter, typed, pipeline?.id],
  );
  const [{ data, error, fetching }] = useQuery({
    query: BoardQuery,
    variables: { filter: serverFilter, after: null },
    pause: !pipeline,
    // Drawn from the cache at once, then checked with the server: a board opened again (or
    // after the connection came back) shows what changed meanwhile.
    requestPolicy: 'cache-and-network',
  });
  useSubscription({ query: OpportunityChangedSubscription });
  const client = useClient();
  const connection = data?.opportunities;

  // Further pages merge into the first (relay pagination in the cache).
  useEffect(() => {
    if (!connection?.pageInfo.hasNextPage || connection.nodes.length >= BOARD_LIMIT) return;
    void client.query(BoardQuery, { filter: serverFilter, after: connection.pageInfo.endCursor }).toPromise();
  }, [client, connection, serverFilter]);

  const mover = useMoveCard();
  const [dragged, setDragged] = useState<Card | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, KEYBOARD_OPTIONS),
  );

  const cards = useMemo(
    () => (connection?.nodes ?? []).filter((card) => stillMatches(card, filter)),
    [connection, filter],
  );
  const board = useMemo(() => (pipeline ? columnsOf(pipeline, cards) : null), [pipeline, cards]);

  if (setupError) return <p role="alert">{messageFor(problemOf(setupError), translate)}</p>;
  if (!setup || !pipeline || !board) return <p aria-busy="true">{t('board.loading')}</p>;

  const stageOf = (key: unknown): BoardStage | undefined => pipeline.stages.find((s) => s.key === key);
  const titleOf = (id: unknown) => cards.find((c) => c.id === id)?.title ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('board.pickedUp', { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('board.over', { title: titleOf(active.id), stage: stageName(stageOf(over.id)!, i18n.language) }) : '',
    onDragEnd: ({ active, over }) =>
      over ? t('board.dropped', { title: titleOf(active.id), stage: stageName(stageOf(over.id)!, i18n.language) }) : '',
    onDragCancel: ({ active }) => t('board.cancelled', { title: titleOf(active.id) }),
  };

  const onDragStart = (event: DragStartEvent) => setDragged((event.active.data.current?.card as Card) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragged(null);
    const card = event.active.data.current?.card as Card | undefined;
    const target = stageOf(event.over?.id);
    if (card && target) void mover.drop(card, target);
  };

  return (
    <div className="board-page">
      <div className="board-toolbar">
        <h1>{t('board.title')}</h1>
        {setup.pipelines.length > 1 && (
          <label>
            {t('board.pipeline')}
            <select value={pipeline.id} onChange={(event) => setPipelineId(event.target.value)}>
              {setup.pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <Filters filter={filter} role={setup.viewer.role} onChange={setFilter} />
      <div className="board-status" aria-live="polite">
        {mover.notice?.tone === 'ok' && mover.notice.text}
      </div>
      {mover.notice?.tone === 'error' && (
        <p role="alert" className="notice-error" data-testid="move-error">
          {mover.notice.text}
        </p>
      )}
      {error && <p role="alert">{messageFor(problemOf(error), translate)}</p>}
      {connection && connection.totalCount > connection.nodes.length && !connection.pageInfo.hasNextPage && (
        <p>{t('board.partial', { shown: connection.nodes.length, total: connection.totalCount })}</p>
      )}
      <p id="board-help" className="visually-hidden">
        {t('board.moveHelp')}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.moveHelp') } }}
      >
        <div className="board" aria-busy={fetching} data-testid="board">
          {board.open.map((column) => (
            <ColumnView key={column.stage.key} column={column} alertDays={pipeline.alertDaysBeforeClose} />
          ))}
          {board.closing.map((stage) => (
            <ClosingTarget key={stage.key} stage={stage} />
          ))}
        </div>
        <DragOverlay>
          {dragged && (
            <div className="card card-overlay">
              <CardBody card={dragged} alertDays={pipeline.alertDaysBeforeClose} />
            </div>
          )}
        </DragOverlay>
      </DndContext>
      {mover.pending?.kind === 'evidence' && (
        <EvidenceDialog
          key={mover.pending.gatedStage}
          stageName={stageName(stageOf(mover.pending.gatedStage) ?? mover.pending.card.stage, i18n.language)}
          missing={mover.pending.missing}
          busy={mover.busy}
          error={mover.dialogError}
          onSubmit={(entries) => void mover.submitEvidence(entries)}
          onCancel={mover.cancel}
        />
      )}
      {mover.pending?.kind === 'lost' && (
        <LostDialog
          title={mover.pending.card.title}
          reasons={pipeline.lostReasons}
          busy={mover.busy}
          error={mover.dialogError}
          onSubmit={(choice) => void mover.submitLost(choice)}
          onCancel={mover.cancel}
        />
      )}
    </div>
  );
}
