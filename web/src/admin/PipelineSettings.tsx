// Which pipeline is being edited, its name and alert days before close, and a new pipeline.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { AdminPipelineFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { CreatePipeline, UpdatePipeline } from './operations';

type Pipeline = AdminPipelineFieldsFragment;

interface Props {
  pipelines: Pipeline[];
  selected: Pipeline | undefined;
  onSelect: (id: string) => void;
  onRefused: () => void;
}

export function PipelineSettings({ pipelines, selected, onSelect, onRefused }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [, update] = useMutation(UpdatePipeline);
  const [, create] = useMutation(CreatePipeline);

  const save = async (name: string, alertDays: number) => {
    if (!selected) return;
    const result = await update({ input: { pipelineId: selected.id, expectedVersion: selected.version, name, alertDaysBeforeClose: alertDays } });
    if (result.error) {
      setNotice({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
      onRefused();
    } else setNotice({ tone: 'ok', text: t('admin.pipelines.saved', { pipeline: name }) });
  };

  const add = async (name: string, alertDays: number) => {
    // A pipeline needs an open, a won and a lost stage to exist; these three are then renamed or extended.
    const stages = [
      { key: 'new', nameZh: t('admin.pipelines.starter.new', { lng: 'zh-TW' }), nameEn: t('admin.pipelines.starter.new', { lng: 'en' }), probability: 10, kind: 'OPEN' as const },
      { key: 'won', nameZh: t('status.WON', { lng: 'zh-TW' }), nameEn: t('status.WON', { lng: 'en' }), probability: 100, kind: 'WON' as const },
      { key: 'lost', nameZh: t('status.LOST', { lng: 'zh-TW' }), nameEn: t('status.LOST', { lng: 'en' }), probability: 0, kind: 'LOST' as const },
    ];
    const result = await create({ input: { name, alertDaysBeforeClose: alertDays, stages } });
    if (result.error) setNotice({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
    else if (result.data) {
      setCreating(false);
      onSelect(result.data.createPipeline.id);
      setNotice({ tone: 'ok', text: t('admin.pipelines.created', { pipeline: name }) });
    }
  };

  return (
    <section className="panel" aria-labelledby="pipelines-title" data-testid="pipeline-settings">
      <h2 id="pipelines-title">{t('admin.pipelines.title')}</h2>
      {pipelines.length > 1 && (
        <label>
          {t('admin.pipelines.pick')}
          <select value={selected?.id ?? ''} onChange={(e) => { onSelect(e.target.value); setNotice(null); }}>
            {pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      )}
      {selected && !creating && (
        <PipelineForm
          key={`${selected.id}-${selected.version}`}
          name={selected.name}
          alertDays={selected.alertDaysBeforeClose}
          submitLabel={t('admin.pipelines.save')}
          onSubmit={(name, days) => void save(name, days)}
        />
      )}
      {creating ? (
        <>
          <h3>{t('admin.pipelines.newTitle')}</h3>
          <PipelineForm name="" alertDays={7} submitLabel={t('admin.pipelines.create')} onSubmit={(name, days) => void add(name, days)} onCancel={() => setCreating(false)} />
        </>
      ) : (
        <button type="button" onClick={() => { setCreating(true); setNotice(null); }}>{t('admin.pipelines.new')}</button>
      )}
      {notice && <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>{notice.text}</p>}
    </section>
  );
}

interface FormProps {
  name: string;
  alertDays: number;
  submitLabel: string;
  onSubmit: (name: string, alertDays: number) => void;
  onCancel?: () => void;
}

function PipelineForm({ name: initialName, alertDays: initialDays, submitLabel, onSubmit, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [days, setDays] = useState(String(initialDays));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(name.trim(), Number(days));
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid="pipeline-form">
      <label>
        {t('admin.pipelines.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('admin.pipelines.alertDays')}
        <input type="number" required min={0} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
      </label>
      <button type="submit" className="primary">{submitLabel}</button>
      {onCancel && <button type="button" onClick={onCancel}>{t('admin.pipelines.cancel')}</button>}
    </form>
  );
}
