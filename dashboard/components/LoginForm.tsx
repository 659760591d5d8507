'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { login } from '../lib/login';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';

/** LoginFormProps carry the api base URL, read on the server at request time. */
export interface LoginFormProps {
  apiUrl: string;
}

/** LoginForm signs in against the api, keeps the token for this tab and opens the board. */
export function LoginForm({ apiUrl }: LoginFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await login(apiUrl, String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    if (result.kind === 'ok') {
      tokenStore.set(result.response.accessToken);
      const user = result.response.user as typeof result.response.user | undefined;
      if (user !== undefined && Array.isArray(user.roles))
        userStore.set({ email: user.email, tenantId: user.tenantId ?? null, roles: user.roles });
      else userStore.clear();
      router.replace('/');
      return;
    }
    setError(result.message);
    setPending(false);
  }

  return (
    <form
      className="login-form"
      onSubmit={onSubmit}
      aria-describedby={error === null ? undefined : 'login-error'}
    >
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
        />
      </div>
      {error !== null ? (
        <p id="login-error" className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
