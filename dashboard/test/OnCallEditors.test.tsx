/** @jest-environment jsdom */
import type { Role } from '@sightline/contracts';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { EscalationPolicyEditor } from '../components/EscalationPolicyEditor';
import { ScheduleEditor } from '../components/ScheduleEditor';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { fakeApiSession } from './support/fakeApiSession';
import { nodeFetch } from './support/nodeFetch';

const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

const session = fakeApiSession({ router });

interface Write {
  method: string;
  resource: string;
  id: string | null;
  body: Record<string, unknown>;
}

function signInAs(token: string, tenantId: string | null, roles: Role[]) {
  tokenStore.set(token);
  userStore.set({ email: 'someone@example.com', tenantId, roles });
}

async function writes(): Promise<Write[]> {
  return (await (await nodeFetch(`${session.api.url}/test/alerting-writes`)).json()) as Write[];
}

async function configure(body: object) {
  await nodeFetch(`${session.api.url}/test/alerting-config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const renderPolicy = (id: string | null) =>
  render(<EscalationPolicyEditor apiUrl={session.api.url} policyId={id} />);
const renderSchedule = (id: string | null) =>
  render(<ScheduleEditor apiUrl={session.api.url} scheduleId={id} />);
const change = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
async function submit(testId: string) {
  await act(async () => {
    fireEvent.submit(screen.getByTestId(testId));
  });
}

// The form is there once the pickers have their choices (the users list has loaded).
async function formReady(label: string) {
  await waitFor(() =>
    expect(within(screen.getByLabelText(label)).queryByRole('option', { name: 'Alice Wong' })).not.toBeNull(),
  );
}

describe('EscalationPolicyEditor', () => {
  it('creates a two-step policy as a platform sre, then edits it in place at its own address', async () => {
    renderPolicy(null);
    expect(screen.getByTestId('policy-editor-title').textContent).toBe('New escalation policy');
    await formReady('Step 1 target 1');
    change('Name', 'Checkout escalation');
    change('Id (optional)', 'checkout');
    change('Step 1 target 1', 'schedule:primary');
    fireEvent.click(screen.getByTestId('policy-step-0-targets-add'));
    change('Step 1 target 2', 'channel:slack-oncall');
    change('Wait for an acknowledgement (minutes, step 1)', '10');
    fireEvent.click(screen.getByTestId('policy-add-step'));
    change('Step 2 target 1', 'user:carol');
    change('Start over', '2');
    await submit('policy-form');

    await waitFor(() =>
      expect(screen.getByTestId('policy-editor-saved').textContent).toBe(
        'Created escalation policy “Checkout escalation” (checkout).',
      ),
    );
    expect((await writes()).map((w) => [w.method, w.body])).toEqual([
      [
        'POST',
        {
          id: 'checkout',
          name: 'Checkout escalation',
          repeat: 2,
          steps: [
            {
              targets: [
                { type: 'schedule', id: 'primary' },
                { type: 'channel', id: 'slack-oncall' },
              ],
              waitMinutes: 10,
            },
            { targets: [{ type: 'user', id: 'carol' }], waitMinutes: 15 },
          ],
        },
      ],
    ]);
    expect(window.location.pathname).toBe('/oncall/policies/checkout');
    expect(screen.getByTestId('policy-editor-title').textContent).toBe(
      'Escalation policy Checkout escalation',
    );
    expect(screen.queryByLabelText('Id (optional)')).toBeNull();
    // Saving again replaces the policy it created.
    change('Start over', '0');
    await submit('policy-form');
    await waitFor(async () =>
      expect((await writes()).map((w) => [w.method, w.id])).toEqual([
        ['POST', null],
        ['PUT', 'checkout'],
      ]),
    );
  });

  it("shows the api's reason next to the wait it names, marks that field invalid and moves the focus to it", async () => {
    renderPolicy('default');
    await formReady('Step 1 target 1');
    change('Wait for an acknowledgement (minutes, step 2)', '0');
    await submit('policy-form');

    const wait = screen.getByLabelText('Wait for an acknowledgement (minutes, step 2)');
    await waitFor(() => expect(wait.getAttribute('aria-invalid')).toBe('true'));
    const problem = document.getElementById(wait.getAttribute('aria-describedby')!)!;
    expect(problem.textContent).toBe('steps.1.waitMinutes: under 0.01');
    expect(problem.parentElement).toBe(wait.parentElement);
    expect(document.activeElement).toBe(wait);
    expect(screen.getByTestId('policy-problem').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('policy-problem').textContent).toBe(
      'Not saved: steps.1.waitMinutes: under 0.01',
    );
    expect(
      screen.getByLabelText('Wait for an acknowledgement (minutes, step 1)').getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it("puts alerting's reason for a target that does not exist on that step's targets", async () => {
    renderPolicy('database');
    await formReady('Step 1 target 1');
    // ghost is kept as it is, though no user has that id, and alerting refuses it.
    expect((screen.getByLabelText('Step 2 target 2') as HTMLSelectElement).value).toBe('user:ghost');
    await submit('policy-form');
    const targets = await screen.findByTestId('policy-step-1-targets');
    await waitFor(() => expect(targets.getAttribute('aria-invalid')).toBe('true'));
    expect(within(targets).getByTestId('field-problem').textContent).toBe(
      'steps.1.targets: user ghost does not exist',
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Step 2 target 1'));
  });

  it('puts a taken id on the id field when creating', async () => {
    renderPolicy(null);
    await formReady('Step 1 target 1');
    change('Name', 'Again');
    change('Id (optional)', 'default');
    change('Step 1 target 1', 'user:alice');
    await submit('policy-form');
    const id = screen.getByLabelText('Id (optional)');
    await waitFor(() => expect(id.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByTestId('field-problem').textContent).toBe('escalation policy default already exists');
  });

  it('deletes a policy only after the second, explicit yes, and goes back to the on-call page', async () => {
    await nodeFetch(`${session.api.url}/v1/alerting/policies`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'spare', name: 'Spare', steps: [] }),
    });
    renderPolicy('spare');
    fireEvent.click(await screen.findByTestId('policy-editor-delete-ask'));
    expect(screen.getByTestId('policy-editor-delete-question').textContent).toBe(
      'Delete escalation policy “Spare”? This cannot be undone.',
    );
    expect(document.activeElement).toBe(screen.getByTestId('policy-editor-delete-question'));
    fireEvent.click(screen.getByTestId('policy-editor-delete-cancel'));
    expect(screen.queryByTestId('policy-editor-delete-question')).toBeNull();
    expect(router.push).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('policy-editor-delete-ask'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('policy-editor-delete-confirm'));
    });
    await waitFor(() => expect(router.push).toHaveBeenCalledWith('/oncall'));
    const left = (await (await nodeFetch(`${session.api.url}/test/alerting-config`)).json()) as {
      policies: { id: string }[];
    };
    expect(left.policies.map((p) => p.id)).toEqual(['default', 'database']);
  });

  it('keeps a policy a route still uses, and says why', async () => {
    renderPolicy('default');
    fireEvent.click(await screen.findByTestId('policy-editor-delete-ask'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('policy-editor-delete-confirm'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('policy-editor-delete-problem').textContent).toBe(
        'Not deleted: escalation policy default is still referenced',
      ),
    );
    expect(router.push).not.toHaveBeenCalled();
  });

  it.each([
    ['viewer', 'viewer-token'],
    ['developer', 'developer-token'],
    ['tenant_admin', 'tenant-admin-token'],
  ] as const)(
    'shows an acme %s the policy in words, read only, with nothing to edit or delete',
    async (role, token) => {
      signInAs(token, 'acme', [role]);
      renderPolicy('default');
      await waitFor(() =>
        expect(screen.getByTestId('policy-details-steps').textContent).toBe(
          'Step 1: page PagerDuty (primary) and notify Alice Wong, wait 15 min; ' +
            'then step 2: notify whoever is on call on Primary on-call and post to #oncall on Slack, ' +
            'wait 30 min; repeats 1 time',
        ),
      );
      expect(screen.getByTestId('policy-editor-readonly').textContent).toMatch(
        /only they can change this escalation policy\.$/,
      );
      expect(screen.queryByTestId('policy-form')).toBeNull();
      expect(screen.queryByTestId('policy-editor-delete')).toBeNull();
      expect(screen.queryAllByRole('button')).toEqual([]);
    },
  );

  it("tells an acme developer that a policy acme's routes do not use is not there", async () => {
    signInAs('developer-token', 'acme', ['developer']);
    renderPolicy('database');
    await waitFor(() =>
      expect(screen.getByTestId('policy-editor-frame-message').textContent).toBe(
        'no escalation policy database',
      ),
    );
    expect(screen.getByTestId('policy-editor-frame').getAttribute('data-state')).toBe('error');
  });

  it('refuses a tenant user a new policy without showing a form', async () => {
    signInAs('tenant-admin-token', 'acme', ['tenant_admin']);
    renderPolicy(null);
    expect((await screen.findByTestId('policy-editor-readonly')).textContent).toBe(
      "Only the platform's SREs can create an escalation policy.",
    );
    expect(screen.queryByTestId('policy-form')).toBeNull();
  });

  it('shows a loading frame, then the reason when alerting cannot be reached', async () => {
    await configure({ down: true });
    renderPolicy('default');
    expect(screen.getByTestId('policy-editor-frame').getAttribute('aria-busy')).toBe('true');
    await waitFor(() =>
      expect(screen.getByTestId('policy-editor-frame-message').textContent).toBe('alerting is unavailable'),
    );
    expect(screen.getByTestId('policy-editor-frame-message').getAttribute('role')).toBe('alert');
  });
});

describe('ScheduleEditor', () => {
  it("edits a layer's rotation, hand-off and participants, and saves the schedule", async () => {
    renderSchedule('primary');
    await formReady('Layer 1 participant 1');
    change('Layer 1 rotation', 'weekly');
    change('Layer 1 hand-off day', '1');
    change('Layer 1 first hand-off', '2026-03-02');
    change('Layer 1 hand-off time', '08:30');
    change('Layer 1 shift length (weeks)', '2');
    change('Layer 1 participant 3', 'bob');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Layer 1 participant 2' }));
    await submit('schedule-form');

    await waitFor(() =>
      expect(screen.getByTestId('schedule-editor-saved').textContent).toBe(
        'Saved on-call schedule “Primary on-call” (primary).',
      ),
    );
    const [put] = await writes();
    expect(put!.method).toBe('PUT');
    expect(put!.body.spec).toMatchObject({
      timeZone: 'UTC',
      layers: [
        {
          name: 'Weekdays',
          rotation: 'weekly',
          handoffWeekday: 1,
          handoffTime: '08:30',
          startDate: '2026-03-02',
          shiftLength: 2,
          participants: ['alice', 'bob'],
        },
      ],
    });
    // The override was sent back as the same instants it came with.
    const before = (put!.body.spec as { overrides: { user: string; start: string }[] }).overrides;
    expect(before).toHaveLength(1);
    expect(before[0]!.user).toBe('bob');
  });

  it("shows alerting's reason on the first hand-off of a weekly layer that does not start on its day", async () => {
    renderSchedule('primary');
    await formReady('Layer 1 participant 1');
    change('Layer 1 rotation', 'weekly');
    change('Layer 1 hand-off day', '3');
    change('Layer 1 first hand-off', '2026-03-02');
    await submit('schedule-form');
    const start = screen.getByLabelText('Layer 1 first hand-off');
    await waitFor(() => expect(start.getAttribute('aria-invalid')).toBe('true'));
    expect(start.getAttribute('aria-describedby')).toBe(
      'schedule-layer-0-start-hint schedule-layer-0-start-problem',
    );
    expect(document.getElementById('schedule-layer-0-start-problem')!.textContent).toBe(
      'spec.layers.0.startDate: startDate 2026-03-02 is a Monday, but handoffWeekday 3 is Wednesday: the first handoff must fall on handoffWeekday',
    );
    expect(document.activeElement).toBe(start);
  });

  it('creates a daily schedule with an override in the viewer’s local time', async () => {
    renderSchedule(null);
    await formReady('Layer 1 participant 1');
    change('Name', 'Weekend');
    change('Id (optional)', 'weekend');
    change('Time zone of hand-offs', 'Europe/Berlin');
    change('Layer 1 rotation', 'daily');
    change('Layer 1 first hand-off', '2026-03-07');
    change('Layer 1 participant 1', 'carol');
    fireEvent.click(screen.getByTestId('schedule-add-override'));
    change('Override 1: who', 'alice');
    change('Override 1: from', '2026-03-07T10:00');
    change('Override 1: until', '2026-03-07T18:00');
    await submit('schedule-form');
    await waitFor(() =>
      expect(screen.getByTestId('schedule-editor-saved').textContent).toBe(
        'Created on-call schedule “Weekend” (weekend).',
      ),
    );
    const [post] = await writes();
    expect(post!.body).toEqual({
      id: 'weekend',
      name: 'Weekend',
      spec: {
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Layer 1',
            rotation: 'daily',
            handoffTime: '09:00',
            startDate: '2026-03-07',
            participants: ['carol'],
            shiftLength: 1,
          },
        ],
        overrides: [
          {
            user: 'alice',
            start: new Date('2026-03-07T10:00').toISOString(),
            end: new Date('2026-03-07T18:00').toISOString(),
          },
        ],
      },
    });
  });

  it('stops an override without an end before sending it, on that field', async () => {
    renderSchedule('database');
    await formReady('Layer 1 participant 1');
    fireEvent.click(screen.getByTestId('schedule-add-override'));
    change('Override 1: who', 'alice');
    change('Override 1: from', '2026-03-07T10:00');
    await submit('schedule-form');
    expect(screen.getByLabelText('Override 1: until').getAttribute('aria-invalid')).toBe('true');
    expect(await writes()).toEqual([]);
  });

  it('keeps a schedule a policy still pages, and says why', async () => {
    renderSchedule('database');
    fireEvent.click(await screen.findByTestId('schedule-editor-delete-ask'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('schedule-editor-delete-confirm'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('schedule-editor-delete-problem').textContent).toBe(
        'Not deleted: schedule database is still referenced',
      ),
    );
  });

  it('shows an acme viewer the rotations and overrides by name, read only, without contact details', async () => {
    signInAs('viewer-token', 'acme', ['viewer']);
    renderSchedule('primary');
    const layers = await screen.findByTestId('schedule-details-layers');
    await waitFor(() =>
      expect(layers.textContent).toMatch(
        /^Daily rotation Weekdays: Alice Wong, Bob Marsh and Carol Diaz take turns/,
      ),
    );
    expect(screen.getByTestId('schedule-details-overrides').textContent).toMatch(/^Bob Marsh from /);
    expect(document.body.textContent).not.toContain('@example.com');
    expect(screen.queryByTestId('schedule-form')).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
