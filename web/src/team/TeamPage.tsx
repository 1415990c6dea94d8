import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { graphql } from '../gql';
import type { DistributionStrategy } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatMoney } from '../lib/format';
import { navigate } from '../shell/router';

const TeamQuery = graphql(`
  query Team {
    users(activeOnly: true) { id name email role team version }
    opportunities(first: 100, filter: { status: OPEN }) {
      totalCount
      nodes { id title ownerId customerName value { amount currency } }
    }
  }
`);

const HandOver = graphql(`
  mutation HandOver($input: HandOverOpportunitiesInput!) {
    handOverOpportunities(input: $input) {
      deactivated
      assignment { assignedCount failedCount byRep { userId count opportunityIds } }
    }
  }
`);

const Brief = graphql(`
  query HandoverBriefOf($id: ID!) {
    opportunity(id: $id) {
      id
      title
      owner { id name }
      handoverBrief { stageName daysInStage lastContactText nextStep missingEvidence attachmentCount }
    }
  }
`);

function BriefCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: Brief, variables: { id } });
  if (!data) return <li aria-busy="true" />;
  const o = data.opportunity;
  const b = o.handoverBrief;
  return (
    <li className="panel" data-testid="handover-brief">
      <a href={`/opportunities/${o.id}`} onClick={(e) => { e.preventDefault(); navigate(`/opportunities/${o.id}`); }}>{o.title}</a>
      <span> → {o.owner?.name}</span>
      <p>{t('opportunity.inStage', { stage: b.stageName, duration: t('duration.days', { days: b.daysInStage }) })}</p>
      {b.lastContactText && <p>{b.lastContactText}</p>}
      {b.nextStep && <p>{t('opportunity.nextStep', { step: b.nextStep })}</p>}
      {b.missingEvidence.length > 0 && <p>{t('opportunity.missingEvidence', { list: b.missingEvidence.join(', ') })}</p>}
    </li>
  );
}

/** Reps with their open load, and the handover of a leaver's deals to successors. */
export default function TeamPage() {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data, error }, refetch] = useQuery({ query: TeamQuery, requestPolicy: 'cache-and-network' });
  const [, handOver] = useMutation(HandOver);
  const [leaver, setLeaver] = useState('');
  const [successors, setSuccessors] = useState<string[]>([]);
  const [strategy, setStrategy] = useState<DistributionStrategy>('FEWEST_OPEN');
  const [deactivate, setDeactivate] = useState(false);
  const [step, setStep] = useState<'choose' | 'preview' | 'done'>('choose');
  const [moved, setMoved] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const reps = (data?.users ?? []).filter((u) => u.role === 'REP');
  const load = useMemo(() => {
    const counts = new Map<string, number>();
    for (const o of data?.opportunities.nodes ?? []) counts.set(o.ownerId, (counts.get(o.ownerId) ?? 0) + 1);
    return counts;
  }, [data]);
  const leaving = (data?.opportunities.nodes ?? []).filter((o) => o.ownerId === leaver);
  const nameOf = (id: string) => data?.users.find((u) => u.id === id)?.name ?? id;

  const confirm = async () => {
    setProblem(null);
    const result = await handOver({
      input: { fromUserId: leaver, toUserIds: successors, strategy, deactivateLeaver: deactivate, idempotencyKey: `${leaver}-${Date.now()}` },
    });
    if (result.error) return setProblem(messageFor(problemOf(result.error), translate));
    setMoved(result.data!.handOverOpportunities.assignment.byRep.flatMap((share) => share.opportunityIds));
    setStep('done');
    refetch({ requestPolicy: 'network-only' });
  };

  if (error) return <p role="alert">{messageFor(problemOf(error), translate)}</p>;
  return (
    <div className="team-page">
      <h1>{t('team.title')}</h1>
      <section className="panel" aria-labelledby="reps-title">
        <h2 id="reps-title">{t('team.reps')}</h2>
        <table data-testid="team">
          <thead>
            <tr>
              <th scope="col">{t('reports.rep')}</th>
              <th scope="col">{t('filter.team')}</th>
              <th scope="col">{t('team.openLoad')}</th>
            </tr>
          </thead>
          <tbody>
            {reps.map((rep) => (
              <tr key={rep.id}>
                <th scope="row">{rep.name}</th>
                <td>{rep.team}</td>
                <td>{load.get(rep.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel handover-wizard" aria-labelledby="handover-title">
        <h2 id="handover-title">{t('team.handover')}</h2>
        {step === 'choose' && (
          <form onSubmit={(e) => { e.preventDefault(); setStep('preview'); }}>
            <label>
              {t('team.leaver')}
              <select value={leaver} required onChange={(e) => { setLeaver(e.target.value); setSuccessors([]); }}>
                <option value="">—</option>
                {reps.map((rep) => <option key={rep.id} value={rep.id}>{rep.name}</option>)}
              </select>
            </label>
            <fieldset>
              <legend>{t('team.successors')}</legend>
              {reps.filter((rep) => rep.id !== leaver).map((rep) => (
                <label key={rep.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={successors.includes(rep.id)}
                    onChange={(e) => setSuccessors(e.target.checked ? [...successors, rep.id] : successors.filter((id) => id !== rep.id))}
                  />
                  {rep.name}
                </label>
              ))}
            </fieldset>
            <label>
              {t('import.strategy')}
              <select value={strategy} onChange={(e) => setStrategy(e.target.value as DistributionStrategy)}>
                <option value="FEWEST_OPEN">{t('import.fewestOpen')}</option>
                <option value="ROUND_ROBIN">{t('import.roundRobin')}</option>
              </select>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={deactivate} onChange={(e) => setDeactivate(e.target.checked)} />
              {t('team.deactivate')}
            </label>
            <button type="submit" className="primary" disabled={!leaver || successors.length === 0}>{t('team.preview')}</button>
          </form>
        )}
        {step === 'preview' && (
          <div>
            <p>{t('team.willMove', { count: leaving.length, leaver: nameOf(leaver), successors: successors.map(nameOf).join('、') })}</p>
            <ul data-testid="handover-preview">
              {leaving.map((o) => (
                <li key={o.id}>{o.title} · {o.customerName} · {formatMoney(o.value.amount, o.value.currency, i18n.language)}</li>
              ))}
            </ul>
            {deactivate && <p>{t('team.willDeactivate', { leaver: nameOf(leaver) })}</p>}
            {problem && <p role="alert" className="form-error">{problem}</p>}
            <div className="actions">
              <button type="button" onClick={() => setStep('choose')}>{t('team.back')}</button>
              <button type="button" className="primary" onClick={() => void confirm()}>{t('team.confirm')}</button>
            </div>
          </div>
        )}
        {step === 'done' && (
          <div>
            <p role="status">{t('team.moved', { count: moved.length })}</p>
            <ul className="briefs">{moved.map((id) => <BriefCard key={id} id={id} />)}</ul>
            <button type="button" onClick={() => { setStep('choose'); setLeaver(''); setSuccessors([]); }}>{t('team.again')}</button>
          </div>
        )}
      </section>
    </div>
  );
}
