/** @jest-environment jsdom */
import type { Role } from '@sightline/contracts';
import { act, cleanup, render, screen } from '@testing-library/react';
import { AppNav } from '../components/AppNav';
import { userStore } from '../lib/userStore';

let pathname = '/';
jest.mock('next/navigation', () => ({ usePathname: () => pathname }));

afterEach(() => {
  cleanup();
  userStore.clear();
  pathname = '/';
});

async function renderAs(roles: Role[] | null) {
  if (roles !== null) userStore.set({ email: 'someone@example.com', tenantId: 'acme', roles });
  await act(async () => {
    render(<AppNav />);
  });
}

describe('AppNav', () => {
  it.each([['developer'], ['sre'], ['tenant_admin'], ['super_admin']] as const)(
    'shows the board and the explorer to a %s',
    async (role) => {
      await renderAs([role]);
      expect(screen.getByTestId('nav-board').getAttribute('href')).toBe('/');
      expect(screen.getByTestId('nav-explore').getAttribute('href')).toBe('/explore');
    },
  );

  it.each([['viewer'], ['executive']] as const)('hides the explorer from a %s', async (role) => {
    await renderAs([role]);
    expect(screen.getByTestId('nav-board')).toBeTruthy();
    expect(screen.queryByTestId('nav-explore')).toBeNull();
  });

  it('shows the explorer when any one of several roles may read logs', async () => {
    await renderAs(['viewer', 'developer']);
    expect(screen.getByTestId('nav-explore')).toBeTruthy();
  });

  it('shows no links before anyone signed in, but keeps the landmark so the header does not jump', async () => {
    await renderAs(null);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it.each([['developer'], ['sre'], ['tenant_admin'], ['super_admin']] as const)(
    'shows alerts and silences to a %s, who may read alerts',
    async (role) => {
      await renderAs([role]);
      expect(screen.getByTestId('nav-alerts').getAttribute('href')).toBe('/alerts');
      expect(screen.getByTestId('nav-silences').getAttribute('href')).toBe('/silences');
    },
  );

  it.each([['viewer'], ['executive']] as const)('hides alerts and silences from a %s', async (role) => {
    await renderAs([role]);
    expect(screen.queryByTestId('nav-alerts')).toBeNull();
    expect(screen.queryByTestId('nav-silences')).toBeNull();
  });

  it('marks an alert group page as within Alerts', async () => {
    pathname = '/alerts/42';
    await renderAs(['sre']);
    expect(screen.getByTestId('nav-alerts').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-silences').getAttribute('aria-current')).toBeNull();
  });

  it('marks the current page for screen readers', async () => {
    pathname = '/traces/4bf92f3577b34da6a3ce929d0e0e4736';
    await renderAs(['developer']);
    expect(screen.getByTestId('nav-explore').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-board').getAttribute('aria-current')).toBeNull();
  });

  it('ignores a tampered user entry instead of trusting it', async () => {
    window.sessionStorage.setItem('sightline.user', '{"roles":"super_admin"}');
    await renderAs(null);
    expect(screen.queryByTestId('nav-explore')).toBeNull();
  });
});
