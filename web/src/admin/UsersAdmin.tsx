// Administrators: every user, active or not; create one, change their name, e-mail, role, team
// or manager, deactivate one or let one back in. The gateway decides (a user who still owns open deals is refused,
// an edit from a stale screen is refused): the screen says why in the user's language.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { AdminUserFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { AdminUsersQuery, CreateUser, DeactivateUser, ReactivateUser, UpdateUser } from './operations';
import { createInput, draftOf, EMPTY_DRAFT, updateInput, type UserDraft } from './userDraft';
import { UserForm } from './UserForm';

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUserFieldsFragment } | null;

export function UsersAdmin() {
  const { t } = useTranslation();
  const [{ data, error: loadError }, reload] = useQuery({ query: AdminUsersQuery });
  const [created, create] = useMutation(CreateUser);
  const [updated, update] = useMutation(UpdateUser);
  const [deactivated, deactivate] = useMutation(DeactivateUser);
  const [reactivated, reactivate] = useMutation(ReactivateUser);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<AdminUserFieldsFragment | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [showInactive, setShowInactive] = useState(true);

  const users = useMemo(
    () => [...(data?.users ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)),
    [data],
  );
  const nameOf = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const managers = users.filter((u) => u.active && u.role !== 'REP');

  const say = (problem: CombinedError) => {
    const found = problemOf(problem);
    // A version conflict here is about a user, not a deal: say so, and show the list as it is.
    if (found.code === 'CONFLICT') {
      reload({ requestPolicy: 'network-only' });
      return t('admin.users.conflict');
    }
    return messageFor(found, (key, values) => t(key, values));
  };

  const submit = async (draft: UserDraft) => {
    setFormError(null);
    if (editing?.mode === 'create') {
      const result = await create({ input: createInput(draft) });
      if (result.error) return setFormError(say(result.error));
      setNotice({ tone: 'ok', text: t('admin.users.created', { name: result.data?.createUser.name }) });
      reload({ requestPolicy: 'network-only' });
    } else if (editing?.mode === 'edit') {
      const input = updateInput(editing.user, draft);
      if (input) {
        const result = await update({ input });
        if (result.error) return setFormError(say(result.error));
      }
      setNotice({ tone: 'ok', text: t('admin.users.updated', { name: draft.name.trim() }) });
    }
    setEditing(null);
  };

  const confirmDeactivate = async (user: AdminUserFieldsFragment) => {
    const result = await deactivate({ id: user.id, expectedVersion: user.version });
    setConfirming(null);
    if (result.error) setNotice({ tone: 'error', text: say(result.error) });
    else setNotice({ tone: 'ok', text: t('admin.users.deactivated', { name: user.name }) });
  };

  const letBackIn = async (user: AdminUserFieldsFragment) => {
    setNotice(null);
    const result = await reactivate({ id: user.id, expectedVersion: user.version });
    if (result.error) setNotice({ tone: 'error', text: say(result.error) });
    else setNotice({ tone: 'ok', text: t('admin.users.reactivated', { name: user.name }) });
  };

  const busy = created.fetching || updated.fetching || deactivated.fetching || reactivated.fetching;
  const shown = showInactive ? users : users.filter((u) => u.active);
  return (
    <section className="panel" aria-labelledby="users-title" data-testid="users-admin">
      <div className="section-header">
        <h2 id="users-title">{t('admin.users.title')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing({ mode: 'create' });
            setFormError(null);
            setNotice(null);
          }}
        >
          {t('admin.users.add')}
        </button>
      </div>
      <p className="hint">{t('admin.users.hint')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
        {t('admin.users.showInactive')}
      </label>
      {loadError && <p role="alert" className="notice-error">{messageFor(problemOf(loadError), (k, v) => t(k, v))}</p>}
      {editing && (
        <UserForm
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          title={editing.mode === 'edit' ? t('admin.users.editTitle', { name: editing.user.name }) : t('admin.users.addTitle')}
          initial={editing.mode === 'edit' ? draftOf(editing.user) : EMPTY_DRAFT}
          managers={managers
            .filter((m) => editing.mode !== 'edit' || m.id !== editing.user.id)
            .map((m) => ({ id: m.id, name: m.name }))}
          busy={busy}
          error={formError}
          submitLabel={editing.mode === 'edit' ? t('admin.users.save') : t('admin.users.create')}
          onSubmit={(draft) => void submit(draft)}
          onCancel={() => setEditing(null)}
        />
      )}
      {notice && (
        <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>
          {notice.text}
        </p>
      )}
      <table data-testid="users">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.team')}</th>
            <th scope="col">{t('admin.users.manager')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col"><span className="visually-hidden">{t('admin.users.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((user) => (
            <tr key={user.id} data-user={user.email} className={user.active ? undefined : 'inactive'}>
              <th scope="row">{user.name}</th>
              <td>{user.email}</td>
              <td>{t(`role.${user.role}` as MessageKey)}</td>
              <td>{user.team ?? '—'}</td>
              <td>{user.managerId ? (nameOf.get(user.managerId) ?? user.managerId) : '—'}</td>
              <td>{user.active ? t('admin.users.active') : t('admin.users.inactive')}</td>
              <td className="row-actions">
                {confirming?.id === user.id ? (
                  <span role="group" aria-label={t('admin.users.confirm', { name: user.name })}>
                    <span>{t('admin.users.confirm', { name: user.name })} </span>
                    <button type="button" className="danger" disabled={busy} onClick={() => void confirmDeactivate(user)}>
                      {t('admin.users.deactivateNow')}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>{t('evidence.cancel')}</button>
                  </span>
                ) : (
                  <>
                    <button
                      type="button"
                      aria-label={t('admin.users.editTitle', { name: user.name })}
                      onClick={() => {
                        setEditing({ mode: 'edit', user });
                        setFormError(null);
                        setNotice(null);
                      }}
                    >
                      {t('admin.users.edit')}
                    </button>
                    {!user.active && (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('admin.users.reactivateUser', { name: user.name })}
                        onClick={() => void letBackIn(user)}
                      >
                        {t('admin.users.reactivate')}
                      </button>
                    )}
                    {user.active && (
                      <button
                        type="button"
                        aria-label={t('admin.users.deactivateUser', { name: user.name })}
                        onClick={() => {
                          setConfirming(user);
                          setNotice(null);
                        }}
                      >
                        {t('admin.users.deactivate')}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
