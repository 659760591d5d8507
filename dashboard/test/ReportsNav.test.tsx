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

async function renderAs(roles: Role[], tenantId: string | null = 'acme') {
  userStore.set({ email: 'someone@example.com', tenantId, roles });
  await act(async () => {
    render(<AppNav />);
  });
}

describe('AppNav reports link', () => {
  it.each([
    ['super_admin', null],
    ['sre', null],
    ['executive', null],
    ['executive', 'acme'],
    ['tenant_admin', 'acme'],
  ] as const)('links a %s (tenant %s), who may read reports, to the reports page', async (role, tenant) => {
    await renderAs([role], tenant);
    expect(screen.getByTestId('nav-reports').getAttribute('href')).toBe('/reports');
    expect(screen.getByTestId('nav-reports').textContent).toBe('Reports');
  });

  it.each([['viewer'], ['developer']] as const)('hides the reports page from a %s', async (role) => {
    await renderAs([role]);
    expect(screen.getByTestId('nav-board')).toBeTruthy();
    expect(screen.queryByTestId('nav-reports')).toBeNull();
  });

  it('shows the reports page to an executive, who sees no other page but the board', async () => {
    await renderAs(['executive']);
    expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual(['SLA board', 'Reports']);
  });

  it('marks the reports page as current', async () => {
    pathname = '/reports';
    await renderAs(['tenant_admin']);
    expect(screen.getByTestId('nav-reports').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-board').getAttribute('aria-current')).toBeNull();
  });
});
