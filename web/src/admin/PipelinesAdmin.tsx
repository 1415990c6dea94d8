// Administrators: pipelines (name, alert days before close) and their stages (names, probability,
// rotting days, order, retirement). Every change carries the pipeline's version; the gateway refuses
// a stale one and the message says so. Mutations answer with the whole pipeline, so the cache (and
// with it the board's columns) takes the change without a refetch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type AnyVariables, type OperationResult } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { stageName } from '../board/columns';
import type { AdminPipelineFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { LostReasons } from './LostReasons';
import { AddStage, AdminPipelinesQuery, ReorderStages, RetireStage, UpdateStage } from './operations';
import { PipelineSettings } from './PipelineSettings';
import { StageForm, type StageDraft } from './StageForm';
import { StageList } from './StageList';

type Pipeline = AdminPipelineFieldsFragment;
type Notice = { tone: 'ok' | 'error'; text: string };

const BLANK: StageDraft = { key: '', nameZh: '', nameEn: '', probability: 10, rottingDays: null, kind: 'OPEN' };

export function PipelinesAdmin() {
  const { t } = useTranslation();
  const [{ data }, reexecute] = useQuery({ query: AdminPipelinesQuery });
  // After a refusal (a stale version above all) the pipeline is read again, so a retry can succeed.
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const [chosen, setChosen] = useState('');
  const pipelines = data?.pipelines ?? [];
  const pipeline = pipelines.find((p) => p.id === chosen) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  return (
    <>
      <PipelineSettings pipelines={pipelines} selected={pipeline} onSelect={setChosen} onRefused={reload} />
      {pipeline && <StagesEditor key={pipeline.id} pipeline={pipeline} onRefused={reload} />}
      {data && pipelines.length === 0 && <p>{t('admin.pipelines.none')}</p>}
    </>
  );
}

function StagesEditor({ pipeline, onRefused }: { pipeline: Pipeline; onRefused: () => void }) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [, update] = useMutation(UpdateStage);
  const [, add] = useMutation(AddStage);
  const [, reorder] = useMutation(ReorderStages);
  const [, retire] = useMutation(RetireStage);
  const base = { pipelineId: pipeline.id, expectedVersion: pipeline.version };

  const run = async (change: Promise<OperationResult<unknown, AnyVariables>>, done: string): Promise<boolean> => {
    setBusy(true);
    const result = await change;
    setBusy(false);
    if (result.error) {
      setNotice({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
      onRefused();
      return false;
    }
    setNotice({ tone: 'ok', text: done });
    return true;
  };

  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const edited = stages.find((s) => s.key === editing);

  const saveEdit = async (draft: StageDraft) => {
    if (!edited) return;
    // Only what changed is sent: an unchanged field stays as another administrator may have set it.
    const input: Record<string, unknown> = { ...base, key: edited.key };
    if (draft.nameZh !== edited.nameZh) input.nameZh = draft.nameZh;
    if (draft.nameEn !== edited.nameEn) input.nameEn = draft.nameEn;
    if (draft.probability !== edited.probability) input.probability = draft.probability;
    if (draft.rottingDays !== (edited.rottingDays ?? null)) {
      if (draft.rottingDays === null) input.clearRottingDays = true;
      else input.rottingDays = draft.rottingDays;
    }
    const name = stageName({ ...edited, ...draft }, i18n.language);
    if (await run(update({ input: input as Parameters<typeof update>[0]['input'] }), t('admin.pipelines.stageSaved', { stage: name }))) {
      setEditing(null);
    }
  };

  const saveNew = async (draft: StageDraft) => {
    const { rottingDays, ...stage } = draft;
    const input = { ...base, stage: rottingDays === null ? stage : { ...stage, rottingDays } };
    if (await run(add({ input }), t('admin.pipelines.stageAdded', { stage: stageName(draft, i18n.language) }))) setAdding(false);
  };

  const order = (stageKeys: string[]) => void run(reorder({ input: { ...base, stageKeys } }), t('admin.pipelines.reordered'));
  const retireOne = (key: string) => {
    const stage = stages.find((s) => s.key === key);
    if (stage) void run(retire({ input: { ...base, key } }), t('admin.pipelines.stageRetired', { stage: stageName(stage, i18n.language) }));
  };

  return (
    <section className="panel" aria-labelledby="pipeline-stages-title" data-testid="pipeline-stages">
      <h2 id="pipeline-stages-title">{t('admin.stages', { pipeline: pipeline.name })}</h2>
      <p>{t('admin.pipelines.orderHint')}</p>
      <StageList stages={stages} busy={busy} onReorder={order} onEdit={(key) => { setEditing(key); setAdding(false); setNotice(null); }} onRetire={retireOne} />
      {edited && (
        <section aria-labelledby="stage-edit-title">
          <h3 id="stage-edit-title">{t('admin.pipelines.editTitle', { stage: stageName(edited, i18n.language) })}</h3>
          <StageForm
            key={`${edited.key}-${pipeline.version}`}
            initial={{ ...edited, rottingDays: edited.rottingDays ?? null }}
            isNew={false}
            submitLabel={t('admin.pipelines.saveStage')}
            onSubmit={(draft) => void saveEdit(draft)}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
      {adding ? (
        <section aria-labelledby="stage-add-title">
          <h3 id="stage-add-title">{t('admin.pipelines.addTitle')}</h3>
          <StageForm initial={BLANK} isNew submitLabel={t('admin.pipelines.addStage')} onSubmit={(draft) => void saveNew(draft)} onCancel={() => setAdding(false)} />
        </section>
      ) : (
        <button type="button" onClick={() => { setAdding(true); setEditing(null); setNotice(null); }}>{t('admin.pipelines.addStage')}</button>
      )}
      {notice && (
        <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>{notice.text}</p>
      )}
      <LostReasons pipeline={pipeline} onRefused={onRefused} />
    </section>
  );
}
