import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ErrorPage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="error-page" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <button type="button" className="primary" onClick={onRetry}>
        {t('error.retry')}
      </button>{' '}
      <a href="/board">{t('error.home')}</a>
    </main>
  );
}

/** An unexpected error shows a page to recover from, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('console error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) return <ErrorPage onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
