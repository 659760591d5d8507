'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { apiGet } from './apiGet';
import { apiSend } from './apiSend';
import { onCallConfigAccess } from './onCallConfigAccess';
import { isOnCallChannelList, isOnCallUserList, isScheduleList } from './onCallApiShapes';
import type { OnCallLists } from './onCallPickOptions';
import { canReadOnCall } from './roles';
import type { SaveProblem } from './useOnCallForm';
import { useSession } from './useSession';

/** OnCallEditable names the on-call objects the console edits, by their api collection. */
export type OnCallEditable = 'policies' | 'schedules';

/** EditorItem is the object being edited: loading, failed, not there (or not the viewer's to see), or there (null when new). */
export type EditorItem<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'notfound'; message: string }
  | { kind: 'ok'; body: T | null };

/** OnCallEditor is what an on-call editor page shows and does. */
export interface OnCallEditor<T> {
  /** allowed is false for a role that may not see on-call configuration at all (executive). */
  allowed: boolean;
  /** canEdit is false for tenant users: they read, the platform's SREs change. */
  canEdit: boolean;
  item: EditorItem<T>;
  lists: OnCallLists;
  /** saved says what the last save did, for a status line. */
  saved: string | null;
  save: (body: object) => Promise<SaveProblem | null>;
  remove: () => Promise<SaveProblem | null>;
}

const isNothing = (body: unknown): body is undefined => body === undefined;
const NO_LISTS: OnCallLists = { users: null, channels: null, schedules: null };

function refusal(
  r: { kind: 'refused'; status: number; message: string } | { kind: 'error'; message: string },
): SaveProblem {
  return { status: r.kind === 'refused' ? r.status : null, message: r.message };
}

/**
 * useOnCallEditor loads one escalation policy or schedule (none when `id` is null: a new one) with the users, channels
 * and schedules its pickers offer, and saves or deletes it. A created object is then edited in place, its address
 * updated; a deleted one sends the viewer back to the on-call page.
 */
export function useOnCallEditor<T extends { id: string; name: string }>(
  apiUrl: string,
  resource: OnCallEditable,
  id: string | null,
  isItem: (body: unknown) => body is T,
  noun: string,
): OnCallEditor<T> {
  const router = useRouter();
  const { session, signOut } = useSession();
  const [current, setCurrent] = useState(id);
  const [item, setItem] = useState<EditorItem<T>>(
    id === null ? { kind: 'ok', body: null } : { kind: 'loading' },
  );
  const [lists, setLists] = useState<OnCallLists>(NO_LISTS);
  const [saved, setSaved] = useState<string | null>(null);
  const allowed = session === null || session.user === null || canReadOnCall(session.user.roles);
  const canEdit = onCallConfigAccess(session?.user ?? null) !== 'tenant';
  const token = session?.token ?? null;

  useEffect(() => {
    if (token === null || !allowed) return;
    const abort = new AbortController();
    const get = <B>(path: string, isBody: (b: unknown) => b is B) =>
      apiGet(apiUrl, path, token, isBody, abort.signal);
    const path = `/v1/alerting/${resource}`;
    void Promise.all([
      id === null ? null : get(`${path}/${encodeURIComponent(id)}`, isItem),
      get('/v1/alerting/users', isOnCallUserList),
      get('/v1/alerting/channels', isOnCallChannelList),
      get('/v1/alerting/schedules', isScheduleList),
    ]).then(
      ([one, users, channels, schedules]) => {
        if ([one, users, channels, schedules].some((r) => r?.kind === 'unauthorized')) return signOut();
        setLists({
          users: users.kind === 'ok' ? users.body.users : null,
          channels: channels.kind === 'ok' ? channels.body.channels : null,
          schedules: schedules.kind === 'ok' ? schedules.body.schedules : null,
        });
        if (one === null) return;
        if (one.kind === 'ok') setItem({ kind: 'ok', body: one.body });
        else if (one.kind === 'notfound') setItem({ kind: 'notfound', message: one.message });
        else if (one.kind !== 'unauthorized') setItem({ kind: 'error', message: one.message });
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, token, allowed, resource, id, isItem, signOut]);

  const save = useCallback(
    async (body: object): Promise<SaveProblem | null> => {
      if (token === null) return null;
      const path = `/v1/alerting/${resource}`;
      const r =
        current === null
          ? await apiSend(apiUrl, 'POST', path, token, body, isItem)
          : await apiSend(apiUrl, 'PUT', `${path}/${encodeURIComponent(current)}`, token, body, isItem);
      if (r.kind === 'unauthorized') {
        signOut();
        return null;
      }
      if (r.kind !== 'ok') return refusal(r);
      if (current === null) {
        // Edited in place from now on; the address names it, so a reload or a shared link opens it again.
        window.history.replaceState(null, '', `/oncall/${resource}/${encodeURIComponent(r.body.id)}`);
        setCurrent(r.body.id);
      }
      setItem({ kind: 'ok', body: r.body });
      setSaved(`${current === null ? 'Created' : 'Saved'} ${noun} “${r.body.name}” (${r.body.id}).`);
      return null;
    },
    [apiUrl, token, resource, current, isItem, noun, signOut],
  );

  const remove = useCallback(async (): Promise<SaveProblem | null> => {
    if (token === null || current === null) return null;
    const path = `/v1/alerting/${resource}/${encodeURIComponent(current)}`;
    const r = await apiSend(apiUrl, 'DELETE', path, token, undefined, isNothing);
    if (r.kind === 'unauthorized') {
      signOut();
      return null;
    }
    if (r.kind !== 'ok') return refusal(r);
    router.push('/oncall');
    return null;
  }, [apiUrl, token, resource, current, router, signOut]);

  return { allowed, canEdit, item, lists, saved, save, remove };
}
