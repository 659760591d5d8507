import { expectProblem, requestApi } from './support/requestApi';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);
let sre: string;

beforeAll(async () => {
  f = await startApiWithStubs();
  sre = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'sre-ops' });
});

afterAll(async () => {
  await f?.close();
});

// Found by the fuzz drill: a schedule's free-form spec nested 10,000 deep passed validation, and forwarding it to
// alerting (JSON.stringify) overflowed the stack, a 500.
describe('JSON bodies nested too deeply', () => {
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('refuses a schedule whose spec is nested 10,000 levels deep with 400 and a reason, before calling alerting', async () => {
    const body = `{"name":"deep","spec":{"timeZone":"UTC","x":${nested(10_000)}}}`;
    const res = await call('POST', '/v1/alerting/schedules', sre, body, {
      'content-type': 'application/json',
    });
    expect((await expectProblem(res, 400)).detail).toMatch(/nested deeper than 64 levels/);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });

  it('refuses a silence window nested too deeply the same way, and keeps serving afterwards', async () => {
    const body = `{"comment":"c","window":{"kind":"once","x":${nested(2_000)}}}`;
    const res = await call('POST', '/v1/silences', sre, body, { 'content-type': 'application/json' });
    await expectProblem(res, 400);
    expect((await call('GET', '/v1/silences', sre)).status).toBe(200);
  });
});
