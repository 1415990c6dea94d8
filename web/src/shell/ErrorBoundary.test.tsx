import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

let broken = true;
function Fragile() {
  if (broken) throw new Error('a bug');
  return <p>Board</p>;
}

describe('an unexpected error', () => {
  it('shows a page to recover from, not a blank screen, and trying again recovers', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const i18n = initI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <ErrorBoundary>
          <Fragile />
        </ErrorBoundary>
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(screen.getByRole('link', { name: 'Go to the board' })).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Board')).toBeTruthy();
  });
});
