import { lazy, Suspense, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider, useQuery } from 'urql';

import { createApiClient } from './api/client';
import { onSessionChange, session, setSession, subjectOf, type ConsoleConfig } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { BoardPage } from './board/BoardPage';
import { graphql } from './gql';
import { LANGUAGES, switchLanguage, type Language, type MessageKey } from './i18n';
import { Bell } from './notifications/Bell';
import { OpportunityPage } from './opportunity/OpportunityPage';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { navigate, routeOf, usePath } from './shell/router';

// Reports (and their charting library) load only when opened.
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const ClosingPage = lazy(() => import('./closing/ClosingPage'));
const ImportPage = lazy(() => import('./imports/ImportPage'));
const TeamPage = lazy(() => import('./team/TeamPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const AccountSearchPage = lazy(() => import('./accounts/AccountSearchPage'));
const AccountPage = lazy(() => import('./accounts/AccountPage'));
const ProductsPage = lazy(() => import('./products/ProductsPage'));

const ViewerQuery = graphql(`
  query Viewer {
    viewer { userId role team name }
  }
`);

function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select
        value={i18n.language}
        onChange={(event) => void switchLanguage(event.target.value as Language)}
        data-testid="language"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language === 'zh-TW' ? 'zh-Hant-TW' : 'en'}>
            {language === 'zh-TW' ? '繁體中文' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}

function NavLink({ to, label }: { to: string; label: string }) {
  const path = usePath();
  const current = path === to || (to === '/board' && path === '/');
  return (
    <a
      href={to}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {label}
    </a>
  );
}

function Header({ config }: { config: ConsoleConfig }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const signOut = () => {
    const oidc = config.oidc;
    if (session()?.method === 'oidc' && oidc) void import('./auth/oidc').then(({ signOut: out }) => out(oidc));
    else setSession(null);
  };
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <a
        className="brand"
        href="/board"
        onClick={(event) => {
          event.preventDefault();
          navigate('/board');
        }}
      >
        {t('app.name')}
      </a>
      <nav aria-label={t('app.name')}>
        <NavLink to="/board" label={t('nav.board')} />
        <NavLink to="/closing" label={t('nav.closing')} />
        <NavLink to="/accounts" label={t('nav.accounts')} />
        {data && data.viewer.role !== 'REP' && (
          <>
            <NavLink to="/import" label={t('nav.import')} />
            <NavLink to="/team" label={t('nav.team')} />
            <NavLink to="/reports" label={t('nav.reports')} />
          </>
        )}
        {data?.viewer.role === 'ADMIN' && <NavLink to="/admin" label={t('nav.admin')} />}
        {data?.viewer.role === 'ADMIN' && <NavLink to="/products" label={t('nav.products')} />}
      </nav>
      <div className="top-bar-end">
        {data && (
          <span className="who" data-testid="viewer">
            {t('nav.signedInAs', { name: data.viewer.name ?? data.viewer.userId, role: t(`role.${data.viewer.role}` as MessageKey) })}
          </span>
        )}
        <Bell />
        <LanguagePicker />
        <button type="button" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      </div>
    </header>
  );
}

function SignedIn({ config }: { config: ConsoleConfig }) {
  const { t } = useTranslation();
  const path = usePath();
  const route = routeOf(path);
  // A client per session: a new sign-in starts with an empty cache and a new socket.
  const api = useMemo(() => createApiClient(), []);
  useEffect(() => api.close, [api]);
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return (
    <Provider value={api.client}>
      <Header config={config} />
      <ConnectionBanner onBack={refresh} />
      <main id="main" key={generation}>
        <ErrorBoundary key={path}>
          {route.name === 'board' && <BoardPage />}
          {route.name === 'opportunity' && <OpportunityPage id={route.id} />}
          <Suspense fallback={<p aria-busy="true">{t('board.loading')}</p>}>
            {route.name === 'reports' && <ReportsPage />}
            {route.name === 'closing' && <ClosingPage />}
            {route.name === 'import' && <ImportPage />}
            {route.name === 'team' && <TeamPage />}
            {route.name === 'admin' && <AdminPage />}
            {route.name === 'accounts' && <AccountSearchPage />}
            {route.name === 'account' && <AccountPage id={route.id} />}
            {route.name === 'products' && <ProductsPage />}
          </Suspense>
          {(route.name === 'notFound' || route.name === 'signIn' || route.name === 'callback') && (
            <h1>{t('notFound.title')}</h1>
          )}
        </ErrorBoundary>
      </main>
    </Provider>
  );
}

function Callback({ config }: { config: ConsoleConfig }) {
  useEffect(() => {
    const oidc = config.oidc;
    if (!oidc) return navigate('/sign-in', true);
    void import('./auth/oidc')
      .then(({ finishSignIn }) => finishSignIn(oidc))
      .then((to) => navigate(to, true), () => navigate('/sign-in', true));
  }, [config]);
  return <p aria-busy="true" />;
}

export function App({ config }: { config: ConsoleConfig }) {
  const current = useSyncExternalStore(onSessionChange, session);
  const route = routeOf(usePath());
  useEffect(() => {
    // Also with a session kept from before a reload: its token must go on being refreshed.
    if (!config.oidc || routeOf(location.pathname).name === 'callback') return;
    if (session()?.method === 'dev') return;
    void import('./auth/oidc').then(({ resume }) => resume(config.oidc!));
  }, [config]);
  if (route.name === 'callback') return <Callback config={config} />;
  if (!current) return <SignInPage config={config} />;
  return <SignedIn key={subjectOf(current.token)} config={config} />;
}
