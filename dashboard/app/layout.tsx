import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppNav } from '../components/AppNav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sightline', template: '%s · Sightline' },
  description: 'Live SLA console for Sightline tenants.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** RootLayout is the console's page frame: skip link, banner and one main landmark. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <span className="brand">Sightline</span>
          <span className="brand-sub">SRE console</span>
          <AppNav />
        </header>
        <main id="main" className="app-main">
          {children}
        </main>
      </body>
    </html>
  );
}
