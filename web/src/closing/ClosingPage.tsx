import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { FilterOptionsQuery } from '../board/operations';
import type { BoardCardFragment } from '../gql/graphql';
import { graphql } from '../gql';
import type { MessageKey } from '../i18n/en';
import { daysUntil, formatDate, formatMoney } from '../lib/format';
import { navigate } from '../shell/router';

const ClosingQuery = graphql(`
  query Closing($days: Int!) {
    viewer { userId role }
    closing: opportunities(first: 50, filter: { closingWithinDays: $days, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {
      nodes { ...BoardCard }
    }
    overdue: opportunities(first: 50, filter: { overdue: true, status: OPEN }, orderBy: EXPECTED_CLOSE_DATE_ASC) {
      nodes { ...BoardCard }
    }
  }
`);

const ReassignMutation = graphql(`
  mutation Reassign($input: AssignOpportunitiesInput!) {
    assignOpportunities(input: $input) { assignedCount failedCount failures { opportunityId code message } }
  }
`);

const MoveCloseDate = graphql(`
  mutation MoveCloseDate($input: ChangeExpectedCloseDateInput!) {
    changeExpectedCloseDate(input: $input) { id version expectedCloseDate overdue }
  }
`);

type Row = BoardCardFragment;

function byOwner(rows: readonly Row[]): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const name = row.owner?.name ?? row.ownerId;
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return [...groups];
}

function List({ title, rows, selected, toggle, perRep }: {
  title: string; rows: readonly Row[]; selected: Set<string>; toggle: (ids: string[], on: boolean) => void; perRep: boolean;
}) {
  const { t, i18n } = useTranslation();
  const groups = perRep ? byOwner(rows) : [['', [...rows]] as [string, Row[]]];
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <section className="panel" aria-label={title}>
      <div className="section-header">
        <h2>{title} ({rows.length})</h2>
        <label className="checkbox">
          <input type="checkbox" checked={all} onChange={(e) => toggle(rows.map((r) => r.id), e.target.checked)} />
          {t('closing.selectAll')}
        </label>
      </div>
      {rows.length === 0 && <p>{t('board.empty')}</p>}
      {groups.map(([owner, group]) => (
        <div key={owner}>
          {perRep && <h3>{owner}</h3>}
          <ul className="closing-list">
            {group.map((row) => {
              const left = daysUntil(row.expectedCloseDate);
              return (
                <li key={row.id} data-testid="closing-row">
                  <label className="checkbox">
                    <input type="checkbox" checked={selected.has(row.id)} onChange={(e) => toggle([row.id], e.target.checked)} />
                    <span className="visually-hidden">{row.title}</span>
                  </label>
                  <a href={`/opportunities/${row.id}`} onClick={(e) => { e.preventDefault(); navigate(`/opportunities/${row.id}`); }}>
                    {row.title}
                  </a>
                  <span>{row.customerName}</span>
                  <span>{formatMoney(row.value.amount, row.value.currency, i18n.language)}</span>
                  <span>{formatDate(row.expectedCloseDate, i18n.language)}</span>
                  <span className={left < 0 ? 'badge badge-overdue' : 'badge badge-soon'}>
                    {left < 0 ? t('closing.daysLate', { days: -left }) : t('closing.daysLeft', { days: left })}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Deals closing soon and those past their date, with batch actions on a selection. */
export default function ClosingPage() {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [days, setDays] = useState(14);
  const [{ data, error }, refetch] = useQuery({ query: ClosingQuery, variables: { days }, requestPolicy: 'cache-and-network' });
  const [{ data: options }] = useQuery({ query: FilterOptionsQuery });
  const [, reassign] = useMutation(ReassignMutation);
  const [, moveDate] = useMutation(MoveCloseDate);
  const client = useClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [to, setTo] = useState('');
  const [newDate, setNewDate] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const rows = useMemo(() => [...(data?.closing.nodes ?? []), ...(data?.overdue.nodes ?? [])], [data]);
  const manager = data?.viewer.role !== 'REP';

  const toggle = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });
  const chosen = rows.filter((r, index) => selected.has(r.id) && rows.findIndex((x) => x.id === r.id) === index);
  const done = (failed: number, count: number) => {
    setNotice(failed ? { tone: 'error', text: t('closing.partly', { failed, count }) } : { tone: 'ok', text: t('closing.done', { count }) });
    setSelected(new Set());
    refetch({ requestPolicy: 'network-only' });
  };

  const doReassign = async () => {
    const result = await reassign({
      input: { toUserId: to, reason: 'BULK', targets: chosen.map((r) => ({ id: r.id, expectedVersion: r.version })) },
    });
    if (result.error) return setNotice({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
    done(result.data!.assignOpportunities.failedCount, chosen.length);
  };

  const doMoveDate = async () => {
    let failed = 0;
    let last = null;
    for (const row of chosen) {
      const result = await moveDate({ input: { id: row.id, expectedVersion: row.version, expectedCloseDate: newDate, reason: reason || undefined } });
      if (result.error) {
        failed += 1;
        last = result.error;
      }
    }
    if (last && failed === chosen.length) return setNotice({ tone: 'error', text: messageFor(problemOf(last), translate) });
    await client.query(ClosingQuery, { days }, { requestPolicy: 'network-only' }).toPromise();
    done(failed, chosen.length);
  };

  if (error) return <p role="alert">{messageFor(problemOf(error), translate)}</p>;
  return (
    <div className="closing-page">
      <h1>{t('closing.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filter.closingWithin')}
          <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))} />
        </label>
      </form>
      {notice && <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>{notice.text}</p>}
      <div className="batch-bar" aria-label={t('closing.batch')} role="group">
        <span>{t('closing.selected', { count: chosen.length })}</span>
        {manager && (
          <>
            <label>
              {t('closing.reassignTo')}
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">—</option>
                {(options?.users ?? []).filter((u) => u.role === 'REP').map((u) => (
                  <option key={u.id} value={u.id}>{u.name}</option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!chosen.length || !to} onClick={() => void doReassign()}>{t('closing.reassign')}</button>
          </>
        )}
        <label>
          {t('opportunity.newCloseDate')}
          <input type="date" value={newDate} onChange={(e) => setNewDate(e.target.value)} />
        </label>
        <label>
          {t('opportunity.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" disabled={!chosen.length || !newDate} onClick={() => void doMoveDate()}>{t('closing.moveDate')}</button>
      </div>
      <div className="report-grid">
        <List title={t('closing.soon', { days })} rows={data?.closing.nodes ?? []} selected={selected} toggle={toggle} perRep={manager} />
        <List title={t('closing.overdue')} rows={data?.overdue.nodes ?? []} selected={selected} toggle={toggle} perRep={manager} />
      </div>
    </div>
  );
}
