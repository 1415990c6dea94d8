import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { MessageKey } from '../i18n/en';
import { problemOf, ROLES, type UserDraft } from './userDraft';

export interface ManagerChoice {
  id: string;
  name: string;
}

/** Name, e-mail, role, team and manager of a new or an existing user. */
export function UserForm({
  title,
  initial,
  managers,
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: UserDraft;
  managers: readonly ManagerChoice[];
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSubmit: (draft: UserDraft) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [shown, setShown] = useState<string | null>(null);
  const set = (patch: Partial<UserDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () => {
    const problem = problemOf(draft);
    if (problem) setShown(t(`admin.users.invalid.${problem}` as MessageKey));
    else {
      setShown(null);
      onSubmit(draft);
    }
  };
  const message = shown ?? error;
  return (
    <form
      className="panel user-form"
      aria-labelledby={`${id}-title`}
      data-testid="user-form"
      noValidate // the form's own checks say what is wrong in the chosen language
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="inline-form">
        <label>
          <span id={`${id}-name`}>{t('admin.users.name')}</span>
          <input value={draft.name} aria-labelledby={`${id}-name`} required maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          <span id={`${id}-email`}>{t('admin.users.email')}</span>
          <input type="email" aria-labelledby={`${id}-email`} value={draft.email} required onChange={(e) => set({ email: e.target.value })} />
        </label>
        <label>
          <span id={`${id}-role`}>{t('admin.users.role')}</span>
          <select value={draft.role} aria-labelledby={`${id}-role`} onChange={(e) => set({ role: e.target.value as UserDraft['role'] })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{t(`role.${role}` as MessageKey)}</option>
            ))}
          </select>
        </label>
        <label>
          <span id={`${id}-team`}>{t('admin.users.team')}</span>
          <input value={draft.team} aria-labelledby={`${id}-team`} maxLength={60} onChange={(e) => set({ team: e.target.value })} />
        </label>
        <label>
          <span id={`${id}-manager`}>{t('admin.users.manager')}</span>
          <select value={draft.managerId} aria-labelledby={`${id}-manager`} onChange={(e) => set({ managerId: e.target.value })}>
            <option value="">{t('admin.users.noManager')}</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>{t('evidence.cancel')}</button>
        <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
      </div>
      {message && <p role="alert" className="notice-error">{message}</p>}
    </form>
  );
}
