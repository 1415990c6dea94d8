import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { stageName } from '../board/columns';
import { PipelinesQuery } from '../board/operations';
import { camel } from '../board/evidence';
import { graphql } from '../gql';
import type { ActivityKind } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatMoney } from '../lib/format';
import { PipelinesAdmin } from './PipelinesAdmin';
import { PolicyVersions } from './PolicyVersions';
import { UsersAdmin } from './UsersAdmin';

const StageEvidenceQuery = graphql(`
  query StageEvidence($pipelineId: ID!, $stageKey: String!) {
    stageEvidence(pipelineId: $pipelineId, stageKey: $stageKey) { kind anyOf description }
    sources { id name kind cost { amount currency } }
  }
`);

const SetStageEvidence = graphql(`
  mutation SetStageEvidence($input: SetStageEvidenceInput!) {
    setStageEvidence(input: $input) { kind anyOf description }
  }
`);

/** What each kind of activity can carry, as the opportunity service defines it. */
const FIELDS: Record<ActivityKind, string[]> = {
  NOTE: [],
  CALL: ['phone', 'duration_minutes', 'direction'],
  MEETING: ['location', 'attendees'],
  EMAIL: ['subject', 'to'],
  SAMPLE_SENT: ['courier', 'tracking_number', 'items'],
  QUOTE: ['amount', 'currency', 'valid_until', 'quote_number'],
  OTHER: ['label'],
};
const FILES = ['attachment', 'photo'];

/** The stages of the default pipeline and what must be logged before leaving one. */
function StagesAdmin() {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data: setup }] = useQuery({ query: PipelinesQuery });
  const pipeline = setup?.pipelines.find((p) => p.isDefault) ?? setup?.pipelines[0];
  const [stageKey, setStageKey] = useState('');
  const [{ data }, refetch] = useQuery({
    query: StageEvidenceQuery,
    variables: { pipelineId: pipeline?.id ?? '', stageKey },
    pause: !pipeline || !stageKey,
  });
  const [, save] = useMutation(SetStageEvidence);
  const [kind, setKind] = useState<ActivityKind>('SAMPLE_SENT');
  const [anyOf, setAnyOf] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const fieldLabel = (field: string) => t((FILES.includes(field) ? 'field.attachment' : `field.${camel(field)}`) as MessageKey);

  const apply = async (requirements: { kind: ActivityKind; anyOf: string[] }[]) => {
    if (!pipeline) return;
    const result = await save({ input: { pipelineId: pipeline.id, stageKey, requirements } });
    if (result.error) setNotice({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
    else {
      setNotice({ tone: 'ok', text: t('opportunity.saved') });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const current = (data?.stageEvidence ?? []).map((r) => ({ kind: r.kind, anyOf: r.anyOf }));

  return (
    <>
      {pipeline && (
        <section className="panel" aria-labelledby="stages-title">
          <h2 id="stages-title">{t('admin.stages', { pipeline: pipeline.name })}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('opportunity.stage')}</th>
                <th scope="col">{t('opportunity.probability')}</th>
                <th scope="col">{t('admin.kind')}</th>
                <th scope="col">{t('admin.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {[...pipeline.stages].sort((a, b) => a.position - b.position).map((stage) => (
                <tr key={stage.key} aria-current={stage.key === stageKey ? 'true' : undefined}>
                  <th scope="row">{stageName(stage, i18n.language)}{stage.retired ? ` (${t('admin.retired')})` : ''}</th>
                  <td>{stage.probability}%</td>
                  <td>{t(`status.${stage.kind}` as MessageKey)}</td>
                  <td>
                    {stage.kind === 'OPEN' && (
                      <button type="button" onClick={() => { setStageKey(stage.key); setNotice(null); }}>
                        {t('admin.editEvidence', { stage: stageName(stage, i18n.language) })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {pipeline && stageKey && (
        <section className="panel" aria-labelledby="evidence-title" data-testid="evidence-editor">
          <h2 id="evidence-title">{t('admin.evidenceFor', { stage: stageName(pipeline.stages.find((s) => s.key === stageKey)!, i18n.language) })}</h2>
          {current.length === 0 ? <p>{t('admin.noEvidence')}</p> : (
            <ul>
              {data?.stageEvidence.map((r, index) => (
                <li key={`${r.kind}-${index}`}>
                  {r.description}{' '}
                  <button type="button" onClick={() => void apply(current.filter((_, i) => i !== index))}>{t('admin.remove')}</button>
                </li>
              ))}
            </ul>
          )}
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void apply([...current, { kind, anyOf }]); }}>
            <label>
              {t('opportunity.kind')}
              <select value={kind} onChange={(e) => { setKind(e.target.value as ActivityKind); setAnyOf([]); }}>
                {(Object.keys(FIELDS) as ActivityKind[]).map((k) => <option key={k} value={k}>{t(`activity.${k}` as MessageKey)}</option>)}
              </select>
            </label>
            <fieldset>
              <legend>{t('admin.anyOf')}</legend>
              {[...FIELDS[kind], ...FILES].map((field) => (
                <label key={field} className="checkbox">
                  <input
                    type="checkbox"
                    checked={anyOf.includes(field)}
                    onChange={(e) => setAnyOf(e.target.checked ? [...anyOf, field] : anyOf.filter((f) => f !== field))}
                  />
                  {field === 'photo' ? t('admin.photo') : fieldLabel(field)}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="primary">{t('admin.addRule')}</button>
          </form>
          {notice && <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>{notice.text}</p>}
          <h2>{t('admin.sources')}</h2>
          <table>
            <thead>
              <tr><th scope="col">{t('reports.source')}</th><th scope="col">{t('reports.cost')}</th></tr>
            </thead>
            <tbody>
              {(data?.sources ?? []).map((s) => (
                <tr key={s.id}><th scope="row">{s.name}</th><td>{s.cost ? formatMoney(s.cost.amount, s.cost.currency, i18n.language) : '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

const SECTIONS = ['stages', 'pipelines', 'users', 'policy'] as const;
type Section = (typeof SECTIONS)[number];

/** Administrators: stages and their evidence rules, pipelines and their stages, users and roles, appraisal policy versions. */
export default function AdminPage() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('stages');
  return (
    <div className="admin-page">
      <h1>{t('admin.title')}</h1>
      <nav className="admin-sections" aria-label={t('admin.sections')}>
        {SECTIONS.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => setSection(name)}>
            {t(`admin.section.${name}` as MessageKey)}
          </button>
        ))}
      </nav>
      {section === 'users' && <UsersAdmin />}
      {section === 'policy' && <PolicyVersions />}
      {section === 'stages' && <StagesAdmin />}
      {section === 'pipelines' && <PipelinesAdmin />}
    </div>
  );
}
