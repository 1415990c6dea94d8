// Keyboard moves on the board: left and right arrows jump a picked-up card to the neighbouring
// column (dnd-kit's default moves it 25 px at a time, which takes a dozen presses per column).
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

export const columnJumps: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect): rect is NonNullable<typeof rect> => rect != null)
    .sort((a, b) => a.left - b.left);
  const next =
    event.code === 'ArrowRight'
      ? columns.find((rect) => rect.left > centre)
      : [...columns].reverse().find((rect) => rect.left + rect.width < centre);
  if (!next) return undefined;
  // Same height as before, kept inside the column: no jump to the column's top, which may lie
  // far above the window on a long board.
  const bottom = next.top + next.height - collisionRect.height;
  const y = Math.max(next.top, Math.min(collisionRect.top, bottom));
  return { x: next.left + (next.width - collisionRect.width) / 2, y };
};
