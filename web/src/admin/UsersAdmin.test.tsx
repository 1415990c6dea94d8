import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';

import { initI18n } from '../i18n';
import { clientAnswering, type Handler } from './testServer';
import { UsersAdmin } from './UsersAdmin';

const user = (id: string, name: string, role: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'User', id, name, email: `${id}@example.test`, role, team: 'north', managerId: null, active: true, version: 1, ...extra,
});
const USERS = [
  user('mgr', 'Mei Lin', 'MANAGER'),
  user('rep', 'Chen Wei', 'REP', { managerId: 'mgr' }),
  user('old', 'Old Timer', 'REP', { active: false, version: 3 }),
];

afterEach(cleanup);

function show(language: 'en' | 'zh-TW', handler: Handler) {
  const { client, sent } = clientAnswering(handler);
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <Provider value={client}>
        <UsersAdmin />
      </Provider>
    </I18nextProvider>,
  );
  return sent;
}

const refusal = (code: string) => ({ errors: [{ message: code, extensions: { code } }] });

describe('users and roles', () => {
  it('lists every user with role, team, manager and status', async () => {
    show('en', () => ({ data: { users: USERS } }));
    const row = await screen.findByRole('row', { name: /Chen Wei/ });
    expect(within(row).getByText('Rep')).toBeTruthy();
    expect(within(row).getByText('Mei Lin')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Old Timer/ })).getByText('Deactivated')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Deactivate Old Timer' })).toBeNull();
  });

  it('sends only what an edit changes, with the version shown', async () => {
    const sent = show('en', (operation) =>
      operation === 'UpdateUser'
        ? { data: { updateUser: { ...USERS[1], role: 'MANAGER', version: 2 } } }
        : { data: { users: USERS } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Chen Wei' }));
    const form = screen.getByTestId('user-form');
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'MANAGER' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Chen Wei was saved.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'UpdateUser')?.variables).toEqual({
      input: { id: 'rep', expectedVersion: 1, role: 'MANAGER' },
    });
  });

  it('checks the e-mail before asking, and creates a user', async () => {
    const sent = show('en', (operation) =>
      operation === 'CreateUser'
        ? { data: { createUser: user('new', 'Lin Hsu', 'REP') } }
        : { data: { users: USERS } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    const form = screen.getByTestId('user-form');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Lin Hsu' } });
    fireEvent.change(within(form).getByLabelText('E-mail'), { target: { value: 'not an address' } });
    fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toBe('Enter a valid e-mail address.');
    expect(sent.some((c) => c.operation === 'CreateUser')).toBe(false);
    fireEvent.change(within(form).getByLabelText('E-mail'), { target: { value: 'lin@example.test' } });
    fireEvent.change(within(form).getByLabelText('Manager'), { target: { value: 'mgr' } });
    fireEvent.submit(form);
    expect(await screen.findByText('Lin Hsu was added.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'CreateUser')?.variables).toEqual({
      input: { name: 'Lin Hsu', email: 'lin@example.test', role: 'REP', team: null, managerId: 'mgr' },
    });
  });

  it("says in Traditional Chinese why the gateway refused a deactivation", async () => {
    show('zh-TW', (operation) =>
      operation === 'DeactivateUser' ? refusal('OWNS_OPEN_OPPORTUNITIES') : { data: { users: USERS } },
    );
    fireEvent.click(await screen.findByRole('button', { name: '停用 Chen Wei' }));
    fireEvent.click(screen.getByRole('button', { name: '確定停用' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('交接');
    expect(within(screen.getByRole('row', { name: /Chen Wei/ })).getByText('啟用中')).toBeTruthy();
  });

  it('explains a stale edit as a change to the user', async () => {
    show('en', (operation) => (operation === 'UpdateUser' ? refusal('CONFLICT') : { data: { users: USERS } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Chen Wei' }));
    const form = screen.getByTestId('user-form');
    fireEvent.change(within(form).getByLabelText('Team'), { target: { value: 'south' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toMatch(/changed this user meanwhile/);
  });

  it('lets a deactivated user back in', async () => {
    const sent = show('en', (operation) =>
      operation === 'ReactivateUser'
        ? { data: { reactivateUser: { ...USERS[2], active: true, version: 4 } } }
        : { data: { users: USERS } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Reactivate Old Timer' }));
    expect(await screen.findByText('Old Timer may sign in again.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'ReactivateUser')?.variables).toEqual({ id: 'old', expectedVersion: 3 });
  });
});
