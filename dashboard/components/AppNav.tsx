'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { canReadAlerts, canReadLogs, canReadOnCall, canReadReports } from '../lib/roles';
import { userStore, type SessionUser } from '../lib/userStore';

/** AppNav links the console's pages; the explorer, alerts, silences, on-call and reports appear only for roles that may use them. */
export function AppNav() {
  const pathname = usePathname() ?? '/';
  const [user, setUser] = useState<SessionUser | null>(null);
  // sessionStorage is browser-only; the pathname dependency re-reads it right after sign-in.
  useEffect(() => setUser(userStore.get()), [pathname]);
  if (user === null || pathname === '/login') return <nav className="app-nav" aria-label="Main" />;
  const links = [
    {
      href: '/',
      label: 'SLA board',
      testId: 'nav-board',
      current: pathname === '/' || pathname.startsWith('/tenants'),
    },
    ...(canReadLogs(user.roles)
      ? [
          {
            href: '/explore',
            label: 'Explorer',
            testId: 'nav-explore',
            current: pathname.startsWith('/explore') || pathname.startsWith('/traces'),
          },
        ]
      : []),
    ...(canReadAlerts(user.roles)
      ? [
          {
            href: '/alerts',
            label: 'Alerts',
            testId: 'nav-alerts',
            current: pathname.startsWith('/alerts'),
          },
          {
            href: '/silences',
            label: 'Silences',
            testId: 'nav-silences',
            current: pathname.startsWith('/silences'),
          },
        ]
      : []),
    // Viewers may see who is on call, read only, though not the alerts themselves.
    ...(canReadOnCall(user.roles)
      ? [
          {
            href: '/oncall',
            label: 'On call',
            testId: 'nav-oncall',
            current: pathname.startsWith('/oncall'),
          },
        ]
      : []),
    ...(canReadReports(user.roles)
      ? [
          {
            href: '/reports',
            label: 'Reports',
            testId: 'nav-reports',
            current: pathname.startsWith('/reports'),
          },
        ]
      : []),
  ];
  return (
    <nav className="app-nav" aria-label="Main" data-testid="nav">
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} data-testid={l.testId} aria-current={l.current ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
