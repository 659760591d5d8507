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

async function renderAs(roles: Role[]) {
  userStore.set({ email: 'someone@example.com', tenantId: 'acme', roles });
  await act(async () => {
    render(<AppNav />);
  });
}

describe('AppNav on-call link', () => {
  it.each([['developer'], ['sre'], ['tenant_admin'], ['super_admin'], ['viewer']] as const)(
    'links a %s, who may see who is on call, to the on-call page',
    async (role) => {
      await renderAs([role]);
      expect(screen.getByTestId('nav-oncall').getAttribute('href')).toBe('/oncall');
      expect(screen.getByTestId('nav-oncall').textContent).toBe('On call');
    },
  );

  it('hides the on-call page from an executive', async () => {
    await renderAs(['executive']);
    expect(screen.queryByTestId('nav-oncall')).toBeNull();
  });

  it('links a viewer to the on-call page but not to alerts or silences', async () => {
    await renderAs(['viewer']);
    expect(screen.getByTestId('nav-oncall').getAttribute('href')).toBe('/oncall');
    expect(screen.queryByTestId('nav-alerts')).toBeNull();
    expect(screen.queryByTestId('nav-silences')).toBeNull();
  });

  it('marks the on-call page as current and nothing else', async () => {
    pathname = '/oncall';
    await renderAs(['sre']);
    expect(screen.getByTestId('nav-oncall').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-alerts').getAttribute('aria-current')).toBeNull();
  });
});
