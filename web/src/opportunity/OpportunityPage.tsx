import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { ATTACH_FILES, uploadFiles } from '../api/upload';
import { stageName } from '../board/columns';
import { LostDialog, type LostChoice } from '../board/LostDialog';
import { MoveCardMutation } from '../board/operations';
import type { ActivityKind } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatDate, formatDateTime, formatMoney } from '../lib/format';
import { navigate } from '../shell/router';
import { People } from './People';
import { AttachmentLink } from './Attachments';
import { describeEntry } from './timeline';
import { ChangeCloseDateMutation, LogActivityMutation, OpportunityPageQuery, UpdateAmountMutation } from './operations';

// Line items and linking people load with the first deal page opened, not with the board.
const LineItems = lazy(() => import('./LineItems').then((m) => ({ default: m.LineItems })));
const LinkPeople = lazy(() => import('./LinkPeople').then((m) => ({ default: m.LinkPeople })));

const KINDS: ActivityKind[] = ['NOTE', 'CALL', 'MEETING', 'EMAIL', 'OTHER'];

function duration(seconds: number, t: (key: MessageKey, values?: Record<string, unknown>) => string): string {
  const days = Math.floor(seconds / 86400);
  return days >= 1 ? t('duration.days', { days }) : t('duration.hours', { hours: Math.floor(seconds / 3600) });
}

export function OpportunityPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data, error }, refetch] = useQuery({ query: OpportunityPageQuery, variables: { id } });
  const [, move] = useMutation(MoveCardMutation);
  const [, update] = useMutation(UpdateAmountMutation);
  const [, changeDate] = useMutation(ChangeCloseDateMutation);
  const [, log] = useMutation(LogActivityMutation);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [losing, setLosing] = useState(false);
  const [linking, setLinking] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (error) return <p role="alert">{messageFor(problemOf(error), translate)}</p>;
  if (!data) return <p aria-busy="true">{t('opportunity.loading')}</p>;
  const o = data.opportunity;
  const stages = o.pipeline?.stages ?? [];
  const wonStage = stages.find((s) => s.kind === 'WON' && !s.retired);
  const lostStage = stages.find((s) => s.kind === 'LOST' && !s.retired);
  // An activity's evidence (courier and tracking number, quote number) beside its summary.
  const detailsOf = (activityId: string | null | undefined): string => {
    const activity = o.activities.find((a) => a.id === activityId);
    if (!activity) return '';
    const d = activity.current.details;
    return [d.courier, d.trackingNumber, d.quoteNumber, d.amount && d.currency ? formatMoney(d.amount, d.currency, i18n.language) : null]
      .filter(Boolean)
      .join(' · ');
  };
  const attachmentsOf = (activityId: string | null | undefined) =>
    data.attachments.filter((a) => a.activityId === activityId);

  const report = (result: { error?: Parameters<typeof problemOf>[0] }) => {
    if (result.error) setMessage({ tone: 'error', text: messageFor(problemOf(result.error), translate) });
    else setMessage({ tone: 'ok', text: t('opportunity.saved') });
    return !result.error;
  };

  const close = async (stageKey: string, lost?: LostChoice) => {
    const result = await move({ input: { id: o.id, expectedVersion: o.version, stageKey, ...lost } });
    if (report(result)) reload();
    setLosing(false);
  };

  const saveAmount = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    report(
      await update({
        input: { id: o.id, expectedVersion: o.version, amount: String(form.get('amount')), currency: String(form.get('currency')) },
      }),
    );
  };

  const saveDate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    if (report(
      await changeDate({
        input: { id: o.id, expectedVersion: o.version, expectedCloseDate: String(form.get('date')), reason: reason || undefined },
      }),
    )) reload();
  };

  const logActivity = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const file = form.get('file');
    const logged = await log({
      input: { opportunityId: o.id, kind: String(form.get('kind')) as ActivityKind, text: String(form.get('text')) },
    });
    if (!report(logged) || !logged.data) return;
    if (file instanceof File && file.size > 0) {
      setProgress(0);
      const uploaded = await uploadFiles(ATTACH_FILES, { activityId: logged.data.logActivity.id, files: [null] },
        { 'variables.files.0': file }, setProgress);
      setProgress(null);
      const failure = uploaded.errors?.[0];
      if (failure) {
        setMessage({ tone: 'error', text: messageFor({ code: failure.extensions?.code ?? 'UNKNOWN', message: failure.message, details: undefined }, translate) });
      }
    }
    formElement.reset();
    reload();
  };

  return (
    <article className="opportunity-page">
      <a href="/board" onClick={(event) => { event.preventDefault(); navigate('/board'); }}>
        ← {t('opportunity.back')}
      </a>
      <h1 id="opportunity-title">{o.title}</h1>
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'notice-error' : 'notice-ok'}>
          {message.text}
        </p>
      )}
      <div className="opportunity-grid">
        <section aria-labelledby="opportunity-title" className="panel">
          <dl className="details">
            <dt>{t('opportunity.customer')}</dt>
            <dd data-testid="customer">
              {o.account ? (
                <a href={`/accounts/${o.account.id}`} onClick={(event) => { event.preventDefault(); navigate(`/accounts/${o.account!.id}`); }}>
                  {o.account.name}
                </a>
              ) : (
                o.customerName
              )}
            </dd>
            <dt>{t('opportunity.owner')}</dt>
            <dd>{o.owner?.name ?? o.ownerId}</dd>
            <dt>{t('opportunity.stage')}</dt>
            <dd>{stageName(o.stage, i18n.language)}</dd>
            <dt>{t('opportunity.status')}</dt>
            <dd data-testid="status">{t(`status.${o.status}` as MessageKey)}</dd>
            <dt>{t('opportunity.amount')}</dt>
            <dd>{formatMoney(o.value.amount, o.value.currency, i18n.language)}</dd>
            <dt>{t('opportunity.closeDate')}</dt>
            <dd>{formatDate(o.expectedCloseDate, i18n.language)}{o.overdue && <span className="badge badge-overdue">{t('card.overdue')}</span>}</dd>
            <dt>{t('opportunity.probability')}</dt>
            <dd>
              {o.probability.overridden
                ? t('opportunity.override', { value: o.probability.effective, stageDefault: o.probability.stageDefault })
                : t('opportunity.stageDefault', { value: o.probability.effective })}
            </dd>
            {o.source && (
              <>
                <dt>{t('opportunity.source')}</dt>
                <dd>{o.source.name}</dd>
              </>
            )}
          </dl>
          {o.status === 'OPEN' && (
            <>
              {o.lineItems.length > 0 ? (
                <p className="hint" data-testid="amount-from-lines">{t('lines.amountIsSum')}</p>
              ) : (
                <form className="inline-form" onSubmit={(event) => void saveAmount(event)}>
                  <label>
                    {t('field.amount')}
                    <input name="amount" inputMode="decimal" required defaultValue={o.value.amount} pattern="\d+(\.\d+)?" />
                  </label>
                  <label>
                    {t('field.currency')}
                    <input name="currency" required defaultValue={o.value.currency} maxLength={3} size={4} />
                  </label>
                  <button type="submit">{t('opportunity.save')}</button>
                </form>
              )}
              <form className="inline-form" onSubmit={(event) => void saveDate(event)}>
                <label>
                  {t('opportunity.newCloseDate')}
                  <input name="date" type="date" required defaultValue={o.expectedCloseDate} />
                </label>
                <label>
                  {t('opportunity.reason')}
                  <input name="reason" />
                </label>
                <button type="submit">{t('opportunity.changeCloseDate')}</button>
              </form>
              <div className="actions">
                {wonStage && (
                  <button type="button" className="primary" onClick={() => void close(wonStage.key)}>
                    {t('opportunity.win')}
                  </button>
                )}
                {lostStage && (
                  <button type="button" onClick={() => setLosing(true)}>
                    {t('opportunity.lose')}
                  </button>
                )}
              </div>
            </>
          )}
          {o.handoverBrief.previousOwnerId && (
            <section className="handover" aria-labelledby="handover-title">
              <h2 id="handover-title">{t('opportunity.handover')}</h2>
              <p>{t('opportunity.inStage', { stage: o.handoverBrief.stageName, duration: t('duration.days', { days: o.handoverBrief.daysInStage }) })}</p>
              {o.handoverBrief.lastContactText && <p>{o.handoverBrief.lastContactText}</p>}
              {o.handoverBrief.nextStep && <p>{t('opportunity.nextStep', { step: o.handoverBrief.nextStep })}</p>}
              {o.handoverBrief.missingEvidence.length > 0 && (
                <p>{t('opportunity.missingEvidence', { list: o.handoverBrief.missingEvidence.join(', ') })}</p>
              )}
            </section>
          )}
          <Suspense fallback={<p aria-busy="true">{t('opportunity.loading')}</p>}>
            <LineItems
              key={o.version}
              opportunityId={o.id}
              version={o.version}
              currency={o.value.currency}
              lines={o.lineItems}
              editable={o.status === 'OPEN'}
              onSaved={() => {
                setMessage({ tone: 'ok', text: t('opportunity.saved') });
                reload();
              }}
            />
            {o.accountId && o.contacts.length > 0 && <People accountId={o.accountId} links={o.contacts} />}
            {linking ? (
              <LinkPeople
                opportunityId={o.id}
                version={o.version}
                account={o.account ? { id: o.account.id, name: o.account.name } : null}
                links={o.contacts}
                onDone={(saved) => {
                  setLinking(false);
                  if (saved) {
                    setMessage({ tone: 'ok', text: t('opportunity.saved') });
                    reload();
                  }
                }}
              />
            ) : (
              <button type="button" onClick={() => setLinking(true)}>
                {o.accountId ? t('people.change') : t('people.link')}
              </button>
            )}
          </Suspense>
        </section>
        <section aria-labelledby="timeline-title" className="panel">
          <h2 id="stages-title">{t('opportunity.stages')}</h2>
          <ol className="stage-visits">
            {o.stageHistory.map((visit) => (
              <li key={visit.enteredAt}>
                {t('opportunity.inStage', { stage: stageName(visit.stage, i18n.language), duration: duration(visit.durationSeconds, translate) })}
              </li>
            ))}
          </ol>
          <h2 id="timeline-title">{t('opportunity.timeline')}</h2>
          <ol className="timeline" data-testid="timeline">
            {o.timeline.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                <span className="timeline-kind">{t(`timeline.${entry.kind}` as MessageKey)}</span>
                <span>
                  {describeEntry(
                    entry,
                    stages,
                    entry.activityId ? [o.activities.find((a) => a.id === entry.activityId)?.current.text ?? null] : null,
                    translate,
                    i18n.language,
                  )}
                </span>
                {detailsOf(entry.activityId) && <span className="timeline-details">{detailsOf(entry.activityId)}</span>}
                {attachmentsOf(entry.activityId).map((file) => (
                  <AttachmentLink key={file.id} file={file} />
                ))}
              </li>
            ))}
          </ol>
          <form className="log-activity" onSubmit={(event) => void logActivity(event)}>
            <h2>{t('opportunity.logActivity')}</h2>
            <label>
              {t('opportunity.kind')}
              <select name="kind" defaultValue="NOTE">
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>{t(`activity.${kind}` as MessageKey)}</option>
                ))}
              </select>
            </label>
            <label>
              {t('opportunity.text')}
              <textarea name="text" required />
            </label>
            <label className="drop-zone">
              {t('evidence.file')}
              <input type="file" name="file" />
            </label>
            {progress !== null && <progress value={progress} max={1} aria-label={t('evidence.saving')} />}
            <button type="submit" className="primary">{t('opportunity.save')}</button>
          </form>
        </section>
      </div>
      {losing && lostStage && (
        <LostDialog
          title={o.title}
          reasons={o.pipeline?.lostReasons ?? []}
          busy={false}
          error={null}
          onSubmit={(choice) => void close(lostStage.key, choice)}
          onCancel={() => setLosing(false)}
        />
      )}
    </article>
  );
}
