import type React from 'react';
import { useDraggable } from '@dnd-kit/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDate, formatMoney } from '../lib/format';
import { navigate } from '../shell/router';
import { badgesOf, type Card } from './columns';

interface Props {
  card: Card;
  alertDays: number;
  overlay?: boolean;
}

export function CardBody({ card, alertDays }: Props) {
  const { t, i18n } = useTranslation();
  const badges = badgesOf(card, alertDays);
  return (
    <>
      <a
        className="card-title"
        href={`/opportunities/${card.id}`}
        onClick={(event) => {
          event.preventDefault();
          navigate(`/opportunities/${card.id}`);
        }}
      >
        {card.title}
      </a>
      <div className="card-customer">{card.customerName}</div>
      <div className="card-amount">{formatMoney(card.value.amount, card.value.currency, i18n.language)}</div>
      <div className="card-meta">
        <span>{t('card.closes', { date: formatDate(card.expectedCloseDate, i18n.language) })}</span>
        <span className="card-probability">{t('card.probability', { value: card.probability.effective })}</span>
      </div>
      {card.owner && <div className="card-owner">{t('card.owner', { name: card.owner.name })}</div>}
      <div className="badges">
        {badges.overdue && <span className="badge badge-overdue">{t('card.overdue')}</span>}
        {badges.closingSoon && <span className="badge badge-soon">{t('card.closingSoon')}</span>}
        {badges.rotting && <span className="badge badge-rotting">{t('card.rotting')}</span>}
      </div>
    </>
  );
}

/** The card's face, drawn again only when the card itself changed: the drag context changes for
 * every card when a drag starts or ends, and each face is the costly part of a card to draw. */
const CardFace = memo(CardBody);

const GRIP = (
  <svg aria-hidden="true" viewBox="0 0 10 16" width="10" height="16">
    <path fill="currentColor" d="M2 2h2v2H2zm4 0h2v2H6zM2 7h2v2H2zm4 0h2v2H6zM2 12h2v2H2zm4 0h2v2H6z" />
  </svg>
);

/** Memoised: the cache hands back the same object for a card that did not change, so a move
 * redraws the moved card and its two columns, not the whole board. */
export const CardView = memo(function CardView({ card, alertDays }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
  });
  const label = useMemo(() => t('board.moveCard', { title: card.title }), [t, card.title]);
  // The whole card follows the pointer; the keyboard picks it up by its handle only, so Enter on
  // the title still opens the deal (and no control sits inside another).
  const { onKeyDown, ...pointer } = listeners ?? {};
  return (
    <li
      ref={setNodeRef}
      className={`card${isDragging ? ' card-dragging' : ''}`}
      data-testid="card"
      data-card-id={card.id}
      {...pointer}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="card-handle"
        {...attributes}
        onKeyDown={onKeyDown as React.KeyboardEventHandler<HTMLButtonElement> | undefined}
        aria-label={label}
      >
        {GRIP}
      </button>
      <CardFace card={card} alertDays={alertDays} />
    </li>
  );
});
