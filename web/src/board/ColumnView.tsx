import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';

import { formatMoney } from '../lib/format';
import { CardView } from './CardView';
import { stageName, type BoardStage, type Column } from './columns';

export function ColumnView({ column, alertDays }: { column: Column; alertDays: number }) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.key, data: { stage: column.stage } });
  const name = stageName(column.stage, i18n.language);
  return (
    <section
      ref={setNodeRef}
      className={`column${isOver ? ' column-over' : ''}`}
      aria-labelledby={`column-${column.stage.key}`}
      data-testid="column"
      data-stage={column.stage.key}
    >
      <header className="column-header">
        <h2 id={`column-${column.stage.key}`}>{name}</h2>
        <div className="column-figures">
          <span data-testid="column-count">{t('board.count', { count: column.cards.length })}</span>
          {column.totals.map((total) => (
            <span key={total.currency} data-testid="column-total">
              {formatMoney(total.amount, total.currency, i18n.language)}
            </span>
          ))}
        </div>
      </header>
      {column.cards.length === 0 ? (
        <p className="column-empty">{t('board.empty')}</p>
      ) : (
        <ul className="cards">
          {column.cards.map((card) => (
            <CardView key={card.id} card={card} alertDays={alertDays} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ClosingTarget({ stage }: { stage: BoardStage }) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: stage.key, data: { stage } });
  const won = stage.kind === 'WON';
  return (
    <section
      ref={setNodeRef}
      className={`column column-closing ${won ? 'column-won' : 'column-lost'}${isOver ? ' column-over' : ''}`}
      data-testid="column"
      data-stage={stage.key}
      aria-label={stageName(stage, i18n.language)}
    >
      <h2>{stageName(stage, i18n.language)}</h2>
      <p>{won ? t('board.dropToWin') : t('board.dropToLose')}</p>
    </section>
  );
}
