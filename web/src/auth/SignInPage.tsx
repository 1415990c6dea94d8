import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { MessageKey } from '../i18n/en';
import { navigate } from '../shell/router';
import { seededUsers, signInAs, takeRefusal, type ConsoleConfig, type SeededUser } from './session';

export function SignInPage({ config }: { config: ConsoleConfig }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<SeededUser[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [refused] = useState(takeRefusal);

  useEffect(() => {
    if (config.devSignIn) seededUsers().then(setUsers, () => setFailed(t('code.SERVICE_UNAVAILABLE')));
  }, [config.devSignIn, t]);

  const pick = async (user: SeededUser) => {
    setWorking(true);
    try {
      await signInAs(user.id);
      navigate('/board', true);
    } catch {
      setFailed(t('code.SERVICE_UNAVAILABLE'));
      setWorking(false);
    }
  };

  const oidc = config.oidc;
  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {refused && <p role="status" className="notice-error">{t('signIn.refused')}</p>}
      {oidc && (
        <button
          type="button"
          className="primary"
          onClick={() => void import('./oidc').then(({ startSignIn }) => startSignIn(oidc))}
        >
          {t('signIn.oidc')}
        </button>
      )}
      {config.devSignIn && (
        <section aria-labelledby="dev-sign-in">
          <p id="dev-sign-in">{t('signIn.devIntro')}</p>
          {users?.length === 0 && <p>{t('signIn.noUsers')}</p>}
          <ul className="user-list">
            {users?.map((user) => (
              <li key={user.id}>
                <button type="button" disabled={working} onClick={() => void pick(user)}>
                  <strong>{t('signIn.as', { name: user.name })}</strong>
                  <span>
                    {t(`role.${user.role}` as MessageKey)}
                    {user.team ? ` · ${user.team}` : ''} · {user.email}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!oidc && !config.devSignIn && <p>{t('signIn.none')}</p>}
      {working && <p aria-live="polite">{t('signIn.working')}</p>}
      {failed && <p role="alert">{failed}</p>}
    </main>
  );
}
