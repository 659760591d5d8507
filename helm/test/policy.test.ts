import { chart } from './support/chart';
import type { K8sObject } from './support/parseManifests';
import { parseManifests } from './support/parseManifests';
import { tryRender } from './support/renderChart';
import { renderObjects } from './support/renderObjects';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered objects are read field by field; the models test types them. */
type Any = any;

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];
// Variables that carry secrets: they may only ever arrive as <NAME>_FILE.
const SECRET_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_CLUSTER_PASSWORD',
  'INTERNAL_TOKEN',
  'AUTH_KEY_ENCRYPTION_KEY',
  'ADMIN_PASSWORD',
  'ALERT_INTAKE_TOKEN',
  'PAGERDUTY_ROUTING_KEY',
  'PAGERDUTY_WEBHOOK_SECRETS',
  'SLACK_WEBHOOK_URL',
  'SMTP_URL',
  'COLLECTOR_API_KEYS',
  'ELASTICSEARCH_URL',
];

// Every service, the console included, is probed on /healthz and /readyz; the console has no /metrics to scrape.
const PROBE_PATHS: Record<string, [string, string]> = {};
const UNSCRAPED = ['dashboard'];

const ofKind = (objects: K8sObject[], ...kinds: string[]) => objects.filter((o) => kinds.includes(o.kind));
const podSpec = (w: K8sObject): Any => (w.spec as Any).template.spec;
const containersOf = (w: K8sObject): Any[] => [
  ...(podSpec(w).initContainers ?? []),
  ...podSpec(w).containers,
];
const podLabels = (w: K8sObject): Record<string, string> => (w.spec as Any).template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
const component = (o: K8sObject) => o.metadata.labels?.['app.kubernetes.io/component'];

describe.each(chart.environments)('policy over the values-%s.yaml render', (env) => {
  const objects = () => renderObjects(env);
  const workloads = () => ofKind(objects(), ...WORKLOAD_KINDS);
  const policyFor = (service: string): Any =>
    ofKind(objects(), 'NetworkPolicy').find((p) => p.metadata.name === `sightline-${service}`)!.spec;

  it('renders a workload for each of the seven services', () => {
    expect(workloads().map(component).sort()).toEqual(
      ['alerting', 'api', 'auth', 'collector', 'dashboard', 'gateway', 'reports'].sort(),
    );
  });

  it('gives every container cpu and memory requests and limits', () => {
    for (const w of workloads())
      for (const c of containersOf(w))
        for (const side of ['requests', 'limits'])
          for (const r of ['cpu', 'memory'])
            expect([w.metadata.name, side, r, c.resources?.[side]?.[r] !== undefined]).toEqual([
              w.metadata.name,
              side,
              r,
              true,
            ]);
  });

  it('probes every container for start-up and liveness on /healthz and for readiness on /readyz', () => {
    for (const w of workloads())
      for (const c of containersOf(w)) {
        const [live, ready] = PROBE_PATHS[component(w)!] ?? ['/healthz', '/readyz'];
        expect([c.name, c.startupProbe?.httpGet?.path]).toEqual([c.name, live]);
        expect([c.name, c.livenessProbe?.httpGet?.path]).toEqual([c.name, live]);
        expect([c.name, c.readinessProbe?.httpGet?.path]).toEqual([c.name, ready]);
        expect(c.ports.map((p: Any) => p.name)).toContain(c.readinessProbe.httpGet.port);
      }
  });

  it('runs every container as user 10001, non-root, read-only, unprivileged, with all capabilities dropped and RuntimeDefault seccomp', () => {
    for (const w of workloads()) {
      const pod = podSpec(w).securityContext;
      for (const c of containersOf(w)) {
        const sc = c.securityContext;
        const label = `${w.metadata.name}/${c.name}`;
        expect([label, sc.runAsNonRoot ?? pod.runAsNonRoot]).toEqual([label, true]);
        expect([label, sc.runAsUser ?? pod.runAsUser]).toEqual([label, 10001]);
        expect([label, sc.allowPrivilegeEscalation]).toEqual([label, false]);
        expect([label, sc.privileged ?? false]).toEqual([label, false]);
        expect([label, sc.readOnlyRootFilesystem]).toEqual([label, true]);
        expect([label, sc.capabilities?.drop]).toEqual([label, ['ALL']]);
        expect([label, sc.capabilities?.add ?? []]).toEqual([label, []]);
        expect([label, (sc.seccompProfile ?? pod.seccompProfile)?.type]).toEqual([label, 'RuntimeDefault']);
      }
    }
  });

  it('gives every container a writable /tmp on an emptyDir, since the root filesystem is read-only', () => {
    for (const w of workloads()) {
      const volumes = new Map<string, Any>(podSpec(w).volumes.map((v: Any) => [v.name, v]));
      for (const c of containersOf(w)) {
        const tmp = c.volumeMounts.find((m: Any) => m.mountPath === '/tmp');
        expect(volumes.get(tmp?.name)?.emptyDir).toBeDefined();
      }
    }
  });

  it('mounts no service account token and binds no RBAC role', () => {
    for (const w of workloads()) expect(podSpec(w).automountServiceAccountToken).toBe(false);
    for (const sa of ofKind(objects(), 'ServiceAccount')) expect(sa.automountServiceAccountToken).toBe(false);
    expect(ofKind(objects(), 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding')).toEqual([]);
  });

  it('rolls every Deployment out with maxUnavailable 0 and a surge of at least 25 % or one pod', () => {
    for (const d of ofKind(objects(), 'Deployment')) {
      const ru = (d.spec as Any).strategy.rollingUpdate;
      expect(ru.maxUnavailable).toBe(0);
      const surge = String(ru.maxSurge);
      const ok = surge.endsWith('%') ? Number(surge.slice(0, -1)) >= 25 : Number(surge) >= 1;
      expect([d.metadata.name, surge, ok]).toEqual([d.metadata.name, surge, true]);
    }
  });

  it('covers every workload with a PodDisruptionBudget selecting its pods and an HPA on cpu and memory scaling it', () => {
    const pdbs = ofKind(objects(), 'PodDisruptionBudget');
    const hpas = ofKind(objects(), 'HorizontalPodAutoscaler');
    for (const w of workloads()) {
      const pdb = pdbs.filter((p) => matches((p.spec as Any).selector.matchLabels, podLabels(w)));
      expect([w.metadata.name, pdb.length]).toEqual([w.metadata.name, 1]);
      const hpa = hpas.filter(
        (h) =>
          (h.spec as Any).scaleTargetRef.kind === w.kind &&
          (h.spec as Any).scaleTargetRef.name === w.metadata.name,
      );
      expect([w.metadata.name, hpa.length]).toEqual([w.metadata.name, 1]);
      expect((hpa[0]!.spec as Any).metrics.map((m: Any) => m.resource.name).sort()).toEqual([
        'cpu',
        'memory',
      ]);
      // An HPA-managed Deployment must not also pin replicas, or every upgrade resets the HPA's choice.
      expect((w.spec as Any).replicas).toBeUndefined();
    }
  });

  it('puts a default-deny NetworkPolicy for ingress and egress in every namespace it renders into', () => {
    const namespaces = new Set(objects().map((o) => o.metadata.namespace ?? chart.namespace));
    const denies = ofKind(objects(), 'NetworkPolicy').filter((p) => {
      const s = p.spec as Any;
      return (
        Object.keys(s.podSelector).length === 0 &&
        [...s.policyTypes].sort().join() === 'Egress,Ingress' &&
        !s.ingress?.length &&
        !s.egress?.length
      );
    });
    expect([...namespaces]).toEqual([chart.namespace]);
    for (const ns of namespaces) expect(denies.filter((p) => p.metadata.namespace === ns)).toHaveLength(1);
  });

  it('renders no Secret object at all (secrets are referenced, never carried) and passes no secret as plain env', () => {
    const secrets = ofKind(objects(), 'Secret');
    expect(secrets.filter((s) => s.data !== undefined || s.stringData !== undefined)).toEqual([]);
    expect(secrets).toEqual([]);
    for (const w of workloads())
      for (const c of containersOf(w))
        for (const e of c.env ?? [])
          expect([c.name, SECRET_VARIABLES.includes(e.name)]).toEqual([c.name, false]);
  });

  it('points every <NAME>_FILE variable at a file that a mounted Secret projects', () => {
    for (const w of workloads()) {
      const volumes = new Map<string, Any>(podSpec(w).volumes.map((v: Any) => [v.name, v]));
      for (const c of containersOf(w)) {
        const files = (c.env ?? []).filter((e: Any) => e.name.endsWith('_FILE'));
        for (const f of files) {
          const mount = c.volumeMounts.find((m: Any) => f.value.startsWith(`${m.mountPath}/`));
          const projected = volumes.get(mount?.name)?.projected?.sources ?? [];
          const paths = projected.flatMap((s: Any) =>
            s.secret.items.map((i: Any) => `${mount.mountPath}/${i.path}`),
          );
          expect([f.name, paths.includes(f.value)]).toEqual([f.name, true]);
        }
      }
    }
  });

  it('admits every internal call in both policies: egress at the caller and ingress at the callee', () => {
    const services = workloads().map((w) => component(w)!);
    for (const w of workloads()) {
      const caller = component(w)!;
      for (const c of containersOf(w))
        for (const e of c.env ?? []) {
          const m = /^http:\/\/sightline-([a-z]+):([0-9]+)$/.exec(e.value ?? '');
          if (m === null || !services.includes(m[1]!)) continue;
          const [callee, port] = [m[1]!, Number(m[2])];
          const allows = (rules: Any[] | undefined, peerKey: 'to' | 'from', service: string) =>
            (rules ?? []).some(
              (r) =>
                r[peerKey].some(
                  (p: Any) => p.podSelector?.matchLabels?.['app.kubernetes.io/component'] === service,
                ) && r.ports.some((p: Any) => p.port === port),
            );
          expect([`${caller} -> ${callee}:${port}`, allows(policyFor(caller).egress, 'to', callee)]).toEqual([
            `${caller} -> ${callee}:${port}`,
            true,
          ]);
          expect([
            `${callee} <- ${caller}:${port}`,
            allows(policyFor(callee).ingress, 'from', caller),
          ]).toEqual([`${callee} <- ${caller}:${port}`, true]);
        }
    }
  });

  it('lets only the ingress controller in on the public ports of gateway, api and dashboard', () => {
    const fromIngress = (service: string) =>
      (policyFor(service).ingress as Any[])
        .filter((r) =>
          r.from.some(
            (p: Any) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'traefik',
          ),
        )
        .flatMap((r) => r.ports.map((p: Any) => p.port));
    expect(fromIngress('gateway')).toEqual([8080]);
    expect(fromIngress('api')).toEqual([4000]);
    expect(fromIngress('dashboard')).toEqual([3000]);
    for (const s of ['auth', 'collector', 'alerting', 'reports']) expect(fromIngress(s)).toEqual([]);
  });

  it('lets the dashboard reach nothing but the api', () => {
    const egress = policyFor('dashboard').egress as Any[];
    expect(egress).toHaveLength(1);
    expect(egress[0].to).toEqual([
      { podSelector: { matchLabels: expect.objectContaining({ 'app.kubernetes.io/component': 'api' }) } },
    ]);
    expect(egress[0].ports).toEqual([{ port: 4000, protocol: 'TCP' }]);
  });

  it('opens no egress rule to every destination and allows DNS to kube-dns only', () => {
    for (const p of ofKind(objects(), 'NetworkPolicy'))
      for (const r of (p.spec as Any).egress ?? [])
        expect([p.metadata.name, (r.to ?? []).length > 0]).toEqual([p.metadata.name, true]);
    const dns = ofKind(objects(), 'NetworkPolicy').find((p) => p.metadata.name.endsWith('-allow-dns'))!
      .spec as Any;
    expect(dns.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
  });

  it('lets the monitoring namespace scrape each service on the port its ServiceMonitor names', () => {
    const scraped = workloads().filter((w) => !UNSCRAPED.includes(component(w)!));
    expect(scraped.length).toBeGreaterThan(0);
    for (const w of scraped) {
      const service = component(w)!;
      const main = containersOf(w)[0];
      const metricsPort = main.ports.find(
        (p: Any) => p.name === main.readinessProbe.httpGet.port,
      ).containerPort;
      const monitored = (policyFor(service).ingress as Any[]).some(
        (r) =>
          r.from.some(
            (p: Any) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring',
          ) && r.ports.some((p: Any) => p.port === metricsPort),
      );
      expect([service, monitored]).toEqual([service, true]);
    }
    const monitors = ofKind(objects(), 'ServiceMonitor');
    // Either monitoring is off for this environment, or every scraped service has exactly one ServiceMonitor.
    if (monitors.length > 0) expect(monitors.map(component).sort()).toEqual(scraped.map(component).sort());
    for (const sm of monitors)
      expect((sm.spec as Any).endpoints.map((e: Any) => [e.port, e.path])).toEqual([
        [component(sm) === 'gateway' ? 'admin' : 'http', '/metrics'],
      ]);
  });
});

describe('a disabled service', () => {
  it('leaves no object behind and no NetworkPolicy rule that admits or reaches it', () => {
    const r = tryRender([chart.valuesFile('prod')], ['reports.enabled=false']);
    expect(r.stderr).toBe('');
    const objects = parseManifests(r.stdout);
    expect(objects.filter((o) => component(o) === 'reports').map((o) => o.kind)).toEqual([]);
    const peers = ofKind(objects, 'NetworkPolicy').flatMap((p) => [
      ...((p.spec as Any).ingress ?? []).flatMap((rule: Any) => rule.from),
      ...((p.spec as Any).egress ?? []).flatMap((rule: Any) => rule.to),
    ]);
    expect(peers.length).toBeGreaterThan(0);
    expect(
      peers.filter(
        (peer: Any) => peer.podSelector?.matchLabels?.['app.kubernetes.io/component'] === 'reports',
      ),
    ).toEqual([]);
  });
});
