import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { loadConfig } from './auth/session';
import { initI18n } from './i18n';
import { ErrorBoundary } from './shell/ErrorBoundary';
import './styles.css';

initI18n();
const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ErrorBoundary>
          <App config={config} />
        </ErrorBoundary>
      </StrictMode>,
    ),
  () =>
    root.render(
      <main className="error-page" role="alert">
        <h1>Pipewise</h1>
        <p>The gateway cannot be reached. 無法連上 Pipewise 閘道。</p>
        <a href="/">Reload · 重新載入</a>
      </main>
    ),
);
