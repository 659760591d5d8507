/** @jest-environment jsdom */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LoginForm } from '../components/LoginForm';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { startFakeApi, type FakeApi } from './support/startFakeApi';

// The App Router is not mounted in a component test; only navigation is faked.
const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

let api: FakeApi;

beforeAll(async () => {
  globalThis.fetch = nodeFetch as typeof fetch;
  api = await startFakeApi();
});

afterAll(async () => {
  await api.stop();
});

afterEach(() => {
  cleanup();
  tokenStore.clear();
  router.replace.mockClear();
});

async function signIn(apiUrl: string, email: string, password: string) {
  render(<LoginForm apiUrl={apiUrl} />);
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  });
}

describe('LoginForm', () => {
  it('keeps the token for this tab and opens the board after a successful sign-in', async () => {
    await signIn(api.url, 'sre@example.com', 'correct horse');

    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/'));
    expect(tokenStore.get()).toBe('test-token');
    // The roles travel beside the token so navigation can hide what the role may not use.
    expect(userStore.get()).toEqual({ email: 'sre@example.com', tenantId: null, roles: ['sre'] });
  });

  it("shows the api's problem detail when the password is wrong", async () => {
    await signIn(api.url, 'sre@example.com', 'wrong');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Email or password is wrong.');
    expect(tokenStore.get()).toBeNull();
    expect(router.replace).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says the api cannot be reached when nothing listens at API_URL', async () => {
    await signIn('http://127.0.0.1:1', 'sre@example.com', 'correct horse');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Cannot reach the Sightline api/);
  });

  it('labels both fields so they can be filled by name', () => {
    render(<LoginForm apiUrl={api.url} />);
    expect(screen.getByLabelText('Email').getAttribute('type')).toBe('email');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
  });
});
