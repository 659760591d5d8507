'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { tokenStore } from './tokenStore';
import { userStore, type SessionUser } from './userStore';

/** Session is the signed-in tab's token and, when the login response was kept, its user. */
export interface Session {
  token: string;
  user: SessionUser | null;
}

/** useSession reads the session after mount (sessionStorage is browser-only) and sends a visitor without one to /login. */
export function useSession(): { session: Session | null; signOut: () => void } {
  const router = useRouter();
  const [session, setSession] = useState<Session | null>(null);
  const signOut = useCallback(() => {
    tokenStore.clear();
    userStore.clear();
    router.replace('/login');
  }, [router]);
  useEffect(() => {
    const token = tokenStore.get();
    if (token === null || token === '') router.replace('/login');
    else setSession({ token, user: userStore.get() });
  }, [router]);
  return { session, signOut };
}
