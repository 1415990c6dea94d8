// A pipeline's stages in order: drag a row by its handle, or use its up/down buttons (keyboard).
import { DndContext, PointerSensor, closestCenter, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';

import { stageName } from '../board/columns';
import type { MessageKey } from '../i18n/en';
import type { AdminPipelineFieldsFragment } from '../gql/graphql';
import { moveKey } from './stageOrder';

type Stage = AdminPipelineFieldsFragment['stages'][number];

interface Props {
  stages: Stage[];
  busy: boolean;
  onReorder: (keys: string[]) => void;
  onEdit: (key: string) => void;
  onRetire: (key: string) => void;
}

export function StageList({ stages, busy, onReorder, onEdit, onRetire }: Props) {
  const { t } = useTranslation();
  // A small distance keeps a click on the handle from starting a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const keys = stages.map((s) => s.key);
  const dropped = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onReorder(moveKey(keys, String(active.id), keys.indexOf(String(over.id))));
  };
  return (
    // The row nearest the dragged handle is where the stage goes.
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={dropped}>
      <table data-testid="stage-list">
        <thead>
          <tr>
            <th scope="col">{t('admin.pipelines.order')}</th>
            <th scope="col">{t('opportunity.stage')}</th>
            <th scope="col">{t('opportunity.probability')}</th>
            <th scope="col">{t('admin.pipelines.rottingDays')}</th>
            <th scope="col">{t('admin.kind')}</th>
            <th scope="col">{t('admin.users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage, index) => (
            <StageRow
              key={stage.key}
              stage={stage}
              first={index === 0}
              last={index === stages.length - 1}
              busy={busy}
              onMove={(delta) => onReorder(moveKey(keys, stage.key, index + delta))}
              onEdit={() => onEdit(stage.key)}
              onRetire={() => onRetire(stage.key)}
            />
          ))}
        </tbody>
      </table>
    </DndContext>
  );
}

interface RowProps {
  stage: Stage;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (delta: number) => void;
  onEdit: () => void;
  onRetire: () => void;
}

function StageRow({ stage, first, last, busy, onMove, onEdit, onRetire }: RowProps) {
  const { t, i18n } = useTranslation();
  const name = stageName(stage, i18n.language);
  const drag = useDraggable({ id: stage.key, disabled: busy });
  const drop = useDroppable({ id: stage.key });
  const moving = drag.transform ? { transform: `translate3d(0, ${drag.transform.y}px, 0)`, position: 'relative' as const, zIndex: 1 } : undefined;
  return (
    <tr ref={drop.setNodeRef} style={moving} data-stage={stage.key} className={drop.isOver ? 'drop-target' : undefined}>
      <td>
        <button
          type="button"
          ref={drag.setNodeRef}
          {...drag.listeners}
          aria-label={t('admin.pipelines.drag', { stage: name })}
          className="drag-handle"
          tabIndex={-1}
        >
          ⠿
        </button>
        <button type="button" disabled={busy || first} onClick={() => onMove(-1)} aria-label={t('admin.pipelines.up', { stage: name })}>↑</button>
        <button type="button" disabled={busy || last} onClick={() => onMove(1)} aria-label={t('admin.pipelines.down', { stage: name })}>↓</button>
      </td>
      <th scope="row">
        {name}
        {stage.retired ? ` (${t('admin.retired')})` : ''}
      </th>
      <td>{stage.probability}%</td>
      <td>{stage.rottingDays ?? '—'}</td>
      <td>{t(`status.${stage.kind}` as MessageKey)}</td>
      <td>
        <button type="button" disabled={busy} onClick={onEdit}>{t('admin.pipelines.editStage', { stage: name })}</button>
        {!stage.retired && (
          <button type="button" disabled={busy} onClick={onRetire}>{t('admin.pipelines.retire', { stage: name })}</button>
        )}
      </td>
    </tr>
  );
}
