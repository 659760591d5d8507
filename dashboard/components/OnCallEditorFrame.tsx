'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { OnCallEditor } from '../lib/useOnCallEditor';
import { ConfirmDelete } from './ConfirmDelete';
import { OnCallFrame } from './OnCallFrame';

/** OnCallEditorFrameProps carry the editor's state, what is edited in words, and how to show it. */
export interface OnCallEditorFrameProps<T extends { id: string; name: string }> {
  editor: OnCallEditor<T>;
  /** noun is what is edited, lower case: 'escalation policy'. */
  noun: string;
  testId: string;
  /** form renders the edit form for the object (null: a new one). */
  form: (item: T | null) => ReactNode;
  /** details renders the read-only view tenant users get. */
  details: (item: T) => ReactNode;
}

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * OnCallEditorFrame is an on-call editor page: a breadcrumb back to the on-call page, the title, then loading, failure
 * and not-found states in a fixed-height frame, and the form with its delete section for those who may edit, or a
 * read-only view (no edit or delete controls) for those who may not.
 */
export function OnCallEditorFrame<T extends { id: string; name: string }>({
  editor,
  noun,
  testId,
  form,
  details,
}: OnCallEditorFrameProps<T>) {
  const { item, canEdit } = editor;
  const creating = item.kind === 'ok' && item.body === null;
  const title = creating
    ? `New ${noun}`
    : item.kind === 'ok' && item.body !== null
      ? `${capital(noun)} ${item.body.name}`
      : capital(noun);

  const body = (): ReactNode => {
    if (!editor.allowed)
      return (
        <p className="alert" role="alert">
          Your role cannot see on-call configuration.
        </p>
      );
    if (item.kind !== 'ok')
      return (
        <OnCallFrame
          testId={`${testId}-frame`}
          state={item.kind === 'loading' ? 'loading' : 'error'}
          message={item.kind === 'loading' ? `Loading the ${noun}…` : item.message}
        />
      );
    if (!canEdit)
      return item.body === null ? (
        <p className="alert" role="alert" data-testid={`${testId}-readonly`}>
          Only the platform&apos;s SREs can create {/^[aeiou]/.test(noun) ? 'an' : 'a'} {noun}.
        </p>
      ) : (
        <>
          <p className="board-note" data-testid={`${testId}-readonly`}>
            Read only: the platform&apos;s SREs decide who is paged and when, and only they can change this{' '}
            {noun}.
          </p>
          {details(item.body)}
        </>
      );
    return (
      <>
        {/* Keyed by id: a created object is edited from its saved state on. */}
        <div key={item.body?.id ?? 'new'}>{form(item.body)}</div>
        {item.body !== null ? (
          <ConfirmDelete
            testId={`${testId}-delete`}
            what={`${noun} “${item.body.name}”`}
            onDelete={editor.remove}
          />
        ) : null}
      </>
    );
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/oncall">On call</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{title}</span>
      </nav>
      <div className="page-bar">
        <h1 className="page-title" data-testid={`${testId}-title`}>
          {title}
        </h1>
      </div>
      <p className="board-note" role="status" data-testid={`${testId}-saved`}>
        {editor.saved ?? ''}
      </p>
      <div data-testid={testId}>{body()}</div>
    </>
  );
}
