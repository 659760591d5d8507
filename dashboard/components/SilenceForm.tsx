'use client';

import type { Tenant } from '@sightline/contracts';
import { useState, type FormEvent } from 'react';
import { apiSend } from '../lib/apiSend';
import {
  buildSilenceRequest,
  silenceProblemField,
  WEEKDAYS,
  type MatcherRow,
  type SilenceField,
  type SilenceFormValues,
} from '../lib/buildSilenceRequest';
import { isoToLocalInput } from '../lib/logQuery';
import { isSilence, MATCH_TYPES, type MatchType, type Silence } from '../lib/silenceApiShapes';
import { timeZones, viewerTimeZone } from '../lib/timeZones';

/** SilenceFormProps carry where and as whom to create silences, and what to do with a new one. */
export interface SilenceFormProps {
  apiUrl: string;
  token: string;
  /** tenants lists the tenants a platform user may pick; a tenant user's silence always carries its own. */
  tenants: Tenant[];
  /** ownTenant is the signed-in user's tenant, or null for a platform user. */
  ownTenant: string | null;
  onCreated: (silence: Silence) => void;
  onUnauthorized: () => void;
}

/** initialSilenceValues is an empty form: a one-off silence from now for two hours, or Saturdays 02:00 for two hours. */
function initialSilenceValues(now: number, timeZone: string): SilenceFormValues {
  return {
    mode: 'once',
    tenant: '',
    service: '',
    matchers: [{ name: 'alertname', type: '=', value: '' }],
    startsAt: isoToLocalInput(new Date(now).toISOString()).slice(0, 16),
    endsAt: isoToLocalInput(new Date(now + 2 * 3_600_000).toISOString()).slice(0, 16),
    weekday: '6',
    startTime: '02:00',
    durationMinutes: '120',
    timeZone,
    comment: '',
  };
}

type Problem = { field: SilenceField | null; message: string };

/**
 * SilenceForm creates a one-off silence (local start and end) or a weekly maintenance window (day, time, length, time
 * zone) for a tenant, a service and label matchers. What the api refuses is shown next to the form with its reason,
 * and on the field it names.
 */
export function SilenceForm({
  apiUrl,
  token,
  tenants,
  ownTenant,
  onCreated,
  onUnauthorized,
}: SilenceFormProps) {
  const [zone] = useState(viewerTimeZone);
  // Some 400 zones: listed once, not on every keystroke.
  const [zones] = useState(() => timeZones(zone));
  const [values, setValues] = useState<SilenceFormValues>(() => initialSilenceValues(Date.now(), zone));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const set = <K extends keyof SilenceFormValues>(key: K, value: SilenceFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setMatcher = (i: number, patch: Partial<MatcherRow>) =>
    setValues((v) => ({ ...v, matchers: v.matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const built = buildSilenceRequest(ownTenant === null ? values : { ...values, tenant: ownTenant });
    if (!built.ok) {
      setProblem({ field: built.field, message: built.message });
      return;
    }
    setSending(true);
    setProblem(null);
    const r = await apiSend(apiUrl, 'POST', '/v1/silences', token, built.body, isSilence);
    setSending(false);
    if (r.kind === 'unauthorized') return onUnauthorized();
    if (r.kind === 'ok') {
      setCreated(`Created ${r.body.kind} ${r.body.id}.`);
      setValues((v) => ({ ...initialSilenceValues(Date.now(), zone), mode: v.mode, timeZone: v.timeZone }));
      onCreated(r.body);
      return;
    }
    setProblem({
      field: r.kind === 'refused' ? silenceProblemField(r.message) : null,
      message: r.message,
    });
  }

  // Each field names the problem when it is the one the api (or the form) complained about.
  const invalid = (field: SilenceField) =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'silence-problem' } : {};
  const weekly = values.mode === 'weekly';

  return (
    <form
      className="silence-form"
      data-testid="silence-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby="silence-form-title"
      noValidate
    >
      <h2 id="silence-form-title">New silence</h2>
      <fieldset className="silence-mode">
        <legend>What</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="once"
            checked={!weekly}
            onChange={() => set('mode', 'once')}
            data-testid="silence-mode-once"
          />{' '}
          One-off silence
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="weekly"
            checked={weekly}
            onChange={() => set('mode', 'weekly')}
            data-testid="silence-mode-weekly"
          />{' '}
          Weekly maintenance window
        </label>
      </fieldset>

      <div className="silence-grid">
        <div className="field">
          <label htmlFor="silence-tenant">Tenant</label>
          {ownTenant === null ? (
            <select
              id="silence-tenant"
              data-testid="silence-tenant"
              value={values.tenant}
              onChange={(e) => set('tenant', e.target.value)}
              {...invalid('tenant')}
            >
              <option value="">Any tenant (use matchers)</option>
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          ) : (
            <input id="silence-tenant" data-testid="silence-tenant" value={ownTenant} readOnly />
          )}
        </div>
        <div className="field">
          <label htmlFor="silence-service">Service</label>
          <input
            id="silence-service"
            data-testid="silence-service"
            value={values.service}
            maxLength={256}
            onChange={(e) => set('service', e.target.value)}
            {...invalid('service')}
          />
        </div>
      </div>

      <fieldset className="matchers" data-testid="silence-matchers" {...invalid('matchers')}>
        <legend>Label matchers</legend>
        <p className="field-hint" id="matchers-hint">
          Every matcher must hold. =~ and !~ take a regular expression matched against the whole value.
        </p>
        {values.matchers.map((m, i) => (
          <div className="matcher-row" key={i} data-testid="matcher-row">
            <div className="field">
              <label htmlFor={`matcher-name-${i}`}>Label {i + 1}</label>
              <input
                id={`matcher-name-${i}`}
                value={m.name}
                maxLength={128}
                spellCheck={false}
                onChange={(e) => setMatcher(i, { name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`matcher-type-${i}`}>Operator {i + 1}</label>
              <select
                id={`matcher-type-${i}`}
                value={m.type}
                onChange={(e) => setMatcher(i, { type: e.target.value as MatchType })}
              >
                {MATCH_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`matcher-value-${i}`}>Value {i + 1}</label>
              <input
                id={`matcher-value-${i}`}
                value={m.value}
                maxLength={1024}
                spellCheck={false}
                onChange={(e) => setMatcher(i, { value: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="button-quiet"
              onClick={() => setValues((v) => ({ ...v, matchers: v.matchers.filter((_, j) => j !== i) }))}
            >
              Remove<span className="visually-hidden"> matcher {i + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button-quiet"
          data-testid="add-matcher"
          disabled={values.matchers.length >= 32}
          onClick={() =>
            setValues((v) => ({ ...v, matchers: [...v.matchers, { name: '', type: '=', value: '' }] }))
          }
        >
          Add matcher
        </button>
      </fieldset>

      {weekly ? (
        <fieldset className="silence-grid" data-testid="silence-weekly">
          <legend>Every week</legend>
          <div className="field">
            <label htmlFor="silence-weekday">Day</label>
            <select
              id="silence-weekday"
              data-testid="silence-weekday"
              value={values.weekday}
              onChange={(e) => set('weekday', e.target.value)}
              {...invalid('weekday')}
            >
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={String(i)}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="silence-start-time">Starts at</label>
            <input
              id="silence-start-time"
              type="time"
              data-testid="silence-start-time"
              value={values.startTime}
              onChange={(e) => set('startTime', e.target.value)}
              {...invalid('startTime')}
            />
          </div>
          <div className="field">
            <label htmlFor="silence-duration">Lasts (minutes)</label>
            <input
              id="silence-duration"
              type="number"
              min={1}
              max={10080}
              step={1}
              data-testid="silence-duration"
              value={values.durationMinutes}
              onChange={(e) => set('durationMinutes', e.target.value)}
              {...invalid('durationMinutes')}
            />
          </div>
          <div className="field">
            <label htmlFor="silence-zone">Time zone</label>
            <select
              id="silence-zone"
              data-testid="silence-zone"
              value={values.timeZone}
              onChange={(e) => set('timeZone', e.target.value)}
              {...invalid('timeZone')}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      ) : (
        <fieldset className="silence-grid" data-testid="silence-once">
          <legend>When (your local time, {zone})</legend>
          <div className="field">
            <label htmlFor="silence-starts">Starts</label>
            <input
              id="silence-starts"
              type="datetime-local"
              data-testid="silence-starts"
              value={values.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
              {...invalid('startsAt')}
            />
          </div>
          <div className="field">
            <label htmlFor="silence-ends">Ends</label>
            <input
              id="silence-ends"
              type="datetime-local"
              data-testid="silence-ends"
              value={values.endsAt}
              onChange={(e) => set('endsAt', e.target.value)}
              {...invalid('endsAt')}
            />
          </div>
        </fieldset>
      )}

      <div className="field">
        <label htmlFor="silence-comment">Why</label>
        <input
          id="silence-comment"
          data-testid="silence-comment"
          value={values.comment}
          maxLength={1024}
          onChange={(e) => set('comment', e.target.value)}
          {...invalid('comment')}
        />
      </div>

      <div
        id="silence-problem"
        className={problem !== null ? 'alert' : undefined}
        role="alert"
        data-testid="silence-problem"
      >
        {problem?.message ?? ''}
      </div>
      <p className="board-note" role="status" data-testid="silence-created">
        {created ?? ''}
      </p>
      <button type="submit" className="button-primary" data-testid="silence-submit" disabled={sending}>
        {sending ? 'Creating…' : weekly ? 'Create maintenance window' : 'Create silence'}
      </button>
    </form>
  );
}
