import { useDraggable } from '@dnd-kit/core';
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

export function CardView({ card, alertDays }: Props) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { card } });
  return (
    <li
      ref={setNodeRef}
      className={`card${isDragging ? ' card-dragging' : ''}`}
      data-testid="card"
      data-card-id={card.id}
      {...attributes}
      {...listeners}
      aria-roledescription="card"
      aria-label={card.title}
    >
      <CardBody card={card} alertDays={alertDays} />
    </li>
  );
}
