import type { Metadata } from 'next';
import { LoginForm } from '../../components/LoginForm';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

/** LoginPage is the sign-in form. */
export default function LoginPage() {
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="login-lead">Use your Sightline account to open the live SLA board.</p>
      <LoginForm apiUrl={readApiUrl()} />
    </section>
  );
}
