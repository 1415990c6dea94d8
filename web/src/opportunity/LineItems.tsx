// What a deal sells: lines of catalogue products with quantity, unit price (the list price
// unless typed) and discount. With lines, the deal's amount is their sum; removing every line
// gives the typed amount back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { LineItemFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatMoney } from '../lib/format';
import { productName } from '../products/names';
import { lineProblem, lineTotal, linesTotal, type DraftLine } from './lineItems';
import { SellableProductsQuery, SetLineItemsMutation } from './lineOperations';

interface Props {
  opportunityId: string;
  version: number;
  currency: string;
  lines: readonly LineItemFieldsFragment[];
  editable: boolean;
  onSaved: () => void;
}

const draftOf = (line: LineItemFieldsFragment): DraftLine => ({
  productId: line.productId,
  quantity: line.quantity,
  unitPrice: line.unitPrice.amount,
  discountPercent: line.discountPercent === '0' ? '' : line.discountPercent,
});

export function LineItems({ opportunityId, version, currency, lines, editable, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data }] = useQuery({ query: SellableProductsQuery, pause: !editable });
  const [saving, save] = useMutation(SetLineItemsMutation);
  const [draft, setDraft] = useState<DraftLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const products = data?.products.nodes ?? [];
  const money = (amount: string) => formatMoney(amount, currency, i18n.language);

  const change = (index: number, patch: Partial<DraftLine>) =>
    setDraft((list) => (list ?? []).map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const pick = (index: number, productId: string) => {
    const product = products.find((p) => p.id === productId);
    // The unit price starts at the list price when it is in the deal's currency.
    const listed = product && product.listPrice.currency === currency ? product.listPrice.amount : '';
    change(index, { productId, unitPrice: listed });
  };
  const submit = async () => {
    if (!draft) return;
    const problem = draft.map(lineProblem).find(Boolean);
    if (problem) return setError(t(problem));
    setError(null);
    const result = await save({
      input: {
        id: opportunityId,
        expectedVersion: version,
        currency,
        lineItems: draft.map((line) => ({
          productId: line.productId,
          quantity: line.quantity.trim(),
          unitPrice: line.unitPrice.trim(),
          discountPercent: line.discountPercent.trim() || '0',
        })),
      },
    });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    setDraft(null);
    onSaved();
  };

  if (!draft) {
    return (
      <section className="line-items" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('lines.title')}</h2>
        {lines.length === 0 ? (
          <p>{t('lines.none')}</p>
        ) : (
          <table data-testid="line-items">
            <thead>
              <tr>
                <th scope="col">{t('lines.product')}</th>
                <th scope="col">{t('lines.quantity')}</th>
                <th scope="col">{t('lines.unitPrice')}</th>
                <th scope="col">{t('lines.discount')}</th>
                <th scope="col">{t('lines.total')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => (
                <tr key={`${line.productId}-${index}`}>
                  <th scope="row">{line.productCode} · {line.productName}</th>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.unitPrice.amount, line.unitPrice.currency, i18n.language)}</td>
                  <td>{line.discountPercent}%</td>
                  <td>{formatMoney(line.total.amount, line.total.currency, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable && (
          <button type="button" onClick={() => { setError(null); setDraft(lines.length ? lines.map(draftOf) : [{ productId: '', quantity: '1', unitPrice: '', discountPercent: '' }]); }}>
            {lines.length ? t('lines.edit') : t('lines.add')}
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="line-items" aria-labelledby="lines-title">
      <h2 id="lines-title">{t('lines.title')}</h2>
      <form
        className="line-editor"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ol className="line-rows">
          {draft.map((line, index) => {
            const total = lineTotal(line);
            const n = index + 1;
            return (
              <li key={index} className="line-row" data-testid="line-row">
                <label className="line-product">
                  {t('lines.product')}
                  <select aria-label={t('lines.productN', { n })} value={line.productId} required onChange={(event) => pick(index, event.target.value)}>
                    <option value="">—</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.code} · {productName(p, i18n.language)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('lines.quantity')}
                  <input aria-label={t('lines.quantityN', { n })} inputMode="decimal" required size={5} value={line.quantity} onChange={(event) => change(index, { quantity: event.target.value })} />
                </label>
                <label>
                  {t('lines.unitPriceIn', { currency })}
                  <input aria-label={t('lines.unitPriceN', { n, currency })} inputMode="decimal" required size={10} value={line.unitPrice} onChange={(event) => change(index, { unitPrice: event.target.value })} />
                </label>
                <label>
                  {t('lines.discountPercent')}
                  <input aria-label={t('lines.discountN', { n })} inputMode="decimal" size={4} placeholder="0" value={line.discountPercent} onChange={(event) => change(index, { discountPercent: event.target.value })} />
                </label>
                <output className="line-total" aria-label={t('lines.totalN', { n })}>
                  {total === null ? '—' : money(total)}
                </output>
                <button type="button" aria-label={t('lines.removeN', { n })} onClick={() => setDraft(draft.filter((_, i) => i !== index))}>
                  ✕
                </button>
              </li>
            );
          })}
        </ol>
        <p className="lines-sum">
          {t('lines.sum')}: <strong data-testid="lines-sum">{money(linesTotal(draft))}</strong>
        </p>
        {draft.length === 0 && <p>{t('lines.manualAgain')}</p>}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => setDraft([...draft, { productId: '', quantity: '1', unitPrice: '', discountPercent: '' }])}>
            {t('lines.addLine')}
          </button>
          <button type="button" onClick={() => setDraft(null)} disabled={saving.fetching}>
            {t('evidence.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving.fetching}>
            {t('lines.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
