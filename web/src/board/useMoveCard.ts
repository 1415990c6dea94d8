// Moving a card: sent with the version the board holds; a stage asking for evidence gets it
// through a dialog first, a lost deal its reason; a refusal is said plainly and the card stays
// (or goes back) where the server has it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';

import { messageFor, problemOf, type ApiProblem } from '../api/errors';
import { ATTACH_FILES, uploadFiles } from '../api/upload';
import type { MessageKey } from '../i18n/en';
import { stageName, type BoardStage, type Card } from './columns';
import type { EvidenceEntry } from './EvidenceDialog';
import { gatedStageFrom, missingFrom, type MissingEvidence } from './evidence';
import type { LostChoice } from './LostDialog';
import { CurrentVersionQuery, LogEvidenceMutation, MoveCardMutation } from './operations';

// Refusals the lost dialog can mend: it stays open and says what to change.
const LOST_DIALOG_CODES = new Set([
  'LOST_REASON_REQUIRED', 'LOST_REASON_NOT_FOUND', 'LOST_REASON_RETIRED', 'BAD_USER_INPUT', 'STRING_TOO_LONG',
]);

export type PendingMove =
  | { kind: 'evidence'; card: Card; target: BoardStage; missing: MissingEvidence[]; gatedStage: string }
  | { kind: 'lost'; card: Card; target: BoardStage };

export interface Notice {
  tone: 'ok' | 'error';
  text: string;
}

export function useMoveCard() {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const client = useClient();
  const [, move] = useMutation(MoveCardMutation);
  const [, log] = useMutation(LogEvidenceMutation);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function currentVersion(id: string): Promise<number | null> {
    // network-only: the answer also rewrites the cached card, putting it back where it really is.
    const result = await client.query(CurrentVersionQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    return result.data?.opportunity.version ?? null;
  }

  async function send(card: Card, target: BoardStage, lost?: LostChoice): Promise<ApiProblem | null> {
    const result = await move({
      input: { id: card.id, expectedVersion: card.version, stageKey: target.key, ...lost },
    });
    if (!result.error) {
      setNotice({ tone: 'ok', text: t('board.moved', { title: card.title, stage: stageName(target, i18n.language) }) });
      return null;
    }
    const problem = problemOf(result.error);
    if (problem.code === 'CONFLICT') await currentVersion(card.id);
    return problem;
  }

  function refuse(problem: ApiProblem): void {
    setNotice({ tone: 'error', text: messageFor(problem, translate) });
  }

  async function drop(card: Card, target: BoardStage): Promise<void> {
    if (target.key === card.stage.key) return;
    setNotice(null);
    if (target.kind === 'LOST') {
      setPending({ kind: 'lost', card, target });
      return;
    }
    const problem = await send(card, target);
    if (problem?.code === 'EVIDENCE_REQUIRED') {
      const gatedStage = gatedStageFrom(problem.details, card.stage.key);
      setPending({ kind: 'evidence', card, target, missing: missingFrom(problem.details), gatedStage });
    } else if (problem) refuse(problem);
  }

  async function submitEvidence(entries: EvidenceEntry[]): Promise<void> {
    if (pending?.kind !== 'evidence') return;
    setBusy(true);
    setDialogError(null);
    try {
      for (const entry of entries) {
        const logged = await log({
          input: {
            opportunityId: pending.card.id,
            kind: entry.requirement.kind,
            text: entry.text,
            stageKey: pending.gatedStage,
            details: entry.details,
          },
        });
        if (logged.error || !logged.data) {
          setDialogError(messageFor(problemOf(logged.error!), translate));
          return;
        }
        if (entry.file) {
          const uploaded = await uploadFiles(ATTACH_FILES, { activityId: logged.data.logActivity.id, files: [null] }, {
            'variables.files.0': entry.file,
          });
          const failure = uploaded.errors?.[0];
          if (failure) {
            const code = failure.extensions?.code ?? 'UNKNOWN';
            setDialogError(messageFor({ code, message: failure.message, details: undefined }, translate));
            return;
          }
        }
      }
      const version = await currentVersion(pending.card.id);
      const problem = await send({ ...pending.card, version: version ?? pending.card.version }, pending.target);
      if (problem?.code === 'EVIDENCE_REQUIRED') {
        // Still short: of this stage's evidence, or of the next gated stage's on the way.
        const card = { ...pending.card, version: version ?? pending.card.version };
        const gatedStage = gatedStageFrom(problem.details, card.stage.key);
        setPending({ ...pending, card, missing: missingFrom(problem.details), gatedStage });
        setDialogError(messageFor(problem, translate));
        return;
      }
      setPending(null);
      if (problem) refuse(problem);
    } finally {
      setBusy(false);
    }
  }

  async function submitLost(choice: LostChoice): Promise<void> {
    if (pending?.kind !== 'lost') return;
    setBusy(true);
    setDialogError(null);
    try {
      const problem = await send(pending.card, pending.target, choice);
      if (problem && LOST_DIALOG_CODES.has(problem.code)) {
        setDialogError(messageFor(problem, translate));
        return;
      }
      setPending(null);
      if (problem) refuse(problem);
    } finally {
      setBusy(false);
    }
  }

  function cancel(): void {
    setPending(null);
    setDialogError(null);
  }

  return { pending, busy, dialogError, notice, drop, submitEvidence, submitLost, cancel };
}
