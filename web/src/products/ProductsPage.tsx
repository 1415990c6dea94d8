// The product catalogue: everyone signed in may read it (line items pick from it); only
// administrators see the controls to add, edit, deactivate and reactivate products.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { ProductFieldsFragment, ProductInput } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatDate, formatMoney } from '../lib/format';
import { productName } from './names';
import { CreateProductMutation, ProductsQuery, UpdateProductMutation } from './operations';
import { ProductForm } from './ProductForm';

type Editing = { kind: 'new' } | { kind: 'edit'; product: ProductFieldsFragment } | null;

export default function ProductsPage() {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [search, setSearch] = useState('');
  const [productLine, setProductLine] = useState('');
  const [activeOnly, setActiveOnly] = useState(false);
  const [after, setAfter] = useState<string[]>([]);
  const filter = {
    search: search.trim() || undefined,
    productLine: productLine.trim() || undefined,
    active: activeOnly ? true : undefined,
  };
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ProductsQuery,
    variables: { filter, after: after.at(-1) ?? null },
    requestPolicy: 'cache-and-network',
  });
  const [created, create] = useMutation(CreateProductMutation);
  const [updated, update] = useMutation(UpdateProductMutation);
  const [editing, setEditing] = useState<Editing>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const admin = data?.viewer.role === 'ADMIN';
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const save = async (input: ProductInput) => {
    setFormError(null);
    const result =
      editing?.kind === 'edit'
        ? await update({ id: editing.product.id, expectedVersion: editing.product.version, input })
        : await create({ input });
    if (result.error) return setFormError(messageFor(problemOf(result.error), translate));
    const saved = result.data && ('createProduct' in result.data ? result.data.createProduct : result.data.updateProduct);
    setEditing(null);
    setStatus({ tone: 'ok', text: t('catalogue.saved', { code: saved?.code ?? '' }) });
    reload();
  };

  const setActive = async (product: ProductFieldsFragment, active: boolean) => {
    const result = await update({ id: product.id, expectedVersion: product.version, input: { active } });
    if (result.error) setStatus({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
    else {
      setStatus({ tone: 'ok', text: t(active ? 'catalogue.reactivated' : 'catalogue.deactivated', { code: product.code }) });
      reload();
    }
  };

  const page = data?.products;
  const busy = created.fetching || updated.fetching;
  return (
    <div className="products-page">
      <div className="section-header">
        <h1>{t('catalogue.title')}</h1>
        {admin && (
          <button type="button" className="primary" onClick={() => { setFormError(null); setEditing({ kind: 'new' }); }}>
            {t('catalogue.new')}
          </button>
        )}
      </div>
      <div className="filters" role="search">
        <label>
          {t('catalogue.search')}
          <input type="search" value={search} onChange={(event) => { setSearch(event.target.value); setAfter([]); }} />
        </label>
        <label>
          {t('catalogue.productLine')}
          <input value={productLine} onChange={(event) => { setProductLine(event.target.value); setAfter([]); }} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={activeOnly} onChange={(event) => { setActiveOnly(event.target.checked); setAfter([]); }} />
          {t('catalogue.activeOnly')}
        </label>
      </div>
      {status && (
        <p role={status.tone === 'error' ? 'alert' : 'status'} className={status.tone === 'error' ? 'notice-error' : 'notice-ok'}>
          {status.text}
        </p>
      )}
      {admin && editing && (
        <section className="panel">
          <ProductForm
            key={editing.kind === 'edit' ? editing.product.id : 'new'}
            product={editing.kind === 'edit' ? editing.product : undefined}
            busy={busy}
            error={formError}
            onSubmit={(input) => void save(input)}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
      {error && <p role="alert">{messageFor(problemOf(error), translate)}</p>}
      {!page && !error && <p aria-busy="true">{t('catalogue.loading')}</p>}
      {page && (
        <section className="panel">
          <table data-testid="products">
            <caption>{t('catalogue.count', { count: page.totalCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.code')}</th>
                <th scope="col">{t('catalogue.name')}</th>
                <th scope="col">{t('catalogue.productLine')}</th>
                <th scope="col">{t('catalogue.listPrice')}</th>
                <th scope="col">{t('catalogue.launchDate')}</th>
                <th scope="col">{t('catalogue.status')}</th>
                {admin && <th scope="col"><span className="visually-hidden">{t('catalogue.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((product) => (
                <tr key={product.id} data-testid="product" data-code={product.code}>
                  <th scope="row">{product.code}</th>
                  <td>{productName(product, i18n.language)}</td>
                  <td>{product.productLine}</td>
                  <td>{formatMoney(product.listPrice.amount, product.listPrice.currency, i18n.language)}</td>
                  <td>{product.launchDate ? formatDate(product.launchDate, i18n.language) : '—'}</td>
                  <td>
                    {product.active ? t('catalogue.isActive') : <span className="badge badge-overdue">{t('catalogue.inactive')}</span>}
                  </td>
                  {admin && (
                    <td className="row-actions">
                      <button
                        type="button"
                        aria-label={t('catalogue.editOne', { code: product.code })}
                        onClick={() => { setFormError(null); setEditing({ kind: 'edit', product }); }}
                      >
                        {t('catalogue.edit')}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t(product.active ? 'catalogue.deactivateOne' : 'catalogue.reactivateOne', { code: product.code })}
                        onClick={() => void setActive(product, !product.active)}
                      >
                        {t(product.active ? 'catalogue.deactivate' : 'catalogue.reactivate')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
              {page.nodes.length === 0 && (
                <tr>
                  <td colSpan={admin ? 7 : 6}>{t('catalogue.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="actions pager">
            {after.length > 0 && (
              <button type="button" onClick={() => setAfter((list) => list.slice(0, -1))}>
                {t('catalogue.previous')}
              </button>
            )}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button type="button" disabled={fetching} onClick={() => setAfter((list) => [...list, page.pageInfo.endCursor!])}>
                {t('catalogue.next')}
              </button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
