// One catalogue product's fields, for a new product or an edit. Empty optional fields are sent
// as left out, so an edit keeps what it does not name.
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { ProductFieldsFragment, ProductInput } from '../gql/graphql';
import { FormActions } from '../shell/FormActions';

interface Props {
  product?: ProductFieldsFragment;
  busy: boolean;
  error: string | null;
  onSubmit: (input: ProductInput) => void;
  onCancel?: () => void;
}

function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
}

export function productInput(form: FormData): ProductInput {
  return {
    code: text(form, 'code')?.toUpperCase(),
    nameZh: text(form, 'nameZh'),
    nameEn: text(form, 'nameEn'),
    productLine: text(form, 'productLine'),
    listPrice: text(form, 'listPrice'),
    currency: text(form, 'currency')?.toUpperCase(),
    launchDate: text(form, 'launchDate'),
    active: form.get('active') === 'on',
  };
}

export function ProductForm({ product, busy, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const prefix = product ? `product-${product.id}` : 'product-new';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(productInput(new FormData(event.currentTarget)));
  };
  return (
    <form className="product-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{product ? t('catalogue.editTitle', { code: product.code }) : t('catalogue.newTitle')}</h2>
      <label>
        {t('catalogue.code')}
        <input name="code" required maxLength={40} defaultValue={product?.code} autoCapitalize="characters" />
      </label>
      <label>
        {t('catalogue.nameZh')}
        <input name="nameZh" lang="zh-Hant-TW" maxLength={200} defaultValue={product?.nameZh ?? ''} />
      </label>
      <label>
        {t('catalogue.nameEn')}
        <input name="nameEn" lang="en" maxLength={200} defaultValue={product?.nameEn ?? ''} />
      </label>
      <label>
        {t('catalogue.productLine')}
        <input name="productLine" required maxLength={100} defaultValue={product?.productLine} />
      </label>
      <label>
        {t('catalogue.listPrice')}
        <input name="listPrice" required inputMode="decimal" pattern="\d+(\.\d{1,4})?" defaultValue={product?.listPrice.amount} />
      </label>
      <label>
        {t('field.currency')}
        <input name="currency" required maxLength={3} size={4} pattern="[A-Za-z]{3}" defaultValue={product?.listPrice.currency ?? 'TWD'} />
      </label>
      <label>
        {t('catalogue.launchDate')}
        <input name="launchDate" type="date" defaultValue={product?.launchDate ?? ''} />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="active" defaultChecked={product?.active ?? true} />
        {t('catalogue.active')}
      </label>
      <FormActions
        error={error}
        busy={busy}
        submitLabel={product ? t('opportunity.save') : t('catalogue.create')}
        onCancel={onCancel}
        className="dialog-actions"
      />
    </form>
  );
}
