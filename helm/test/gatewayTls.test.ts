import { chart } from './support/chart';
import { checkCustomResource } from './support/checkCustomResource';
import type { K8sObject } from './support/parseManifests';
import { parseManifests } from './support/parseManifests';
import { tryRender } from './support/renderChart';
import { renderObjects } from './support/renderObjects';
import { runHelm } from './support/runHelm';
import { hasKubernetesModel, validateWithKubernetesModels } from './support/validateWithKubernetesModels';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered objects are read field by field; the models test types them. */
type Any = any;

const TLS_VALUES = chart.testValuesFile('gateway-tls');
const SECRET = 'sightline-gateway-tls';
const TLS_DIR = '/var/run/secrets/sightline-tls';

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const gatewayContainer = (objects: K8sObject[]): Any => {
  const d = find(objects, 'Deployment', 'sightline-gateway')!;
  return (d.spec as Any).template.spec.containers[0];
};
const gatewayVolumes = (objects: K8sObject[]): Any[] =>
  (find(objects, 'Deployment', 'sightline-gateway')!.spec as Any).template.spec.volumes;
const envOf = (c: Any): Record<string, string> =>
  Object.fromEntries((c.env as Any[]).map((e) => [e.name, e.value]));

describe('gateway.tls over the prod values: the gateway terminates TLS itself', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    const r = tryRender([chart.valuesFile('prod'), TLS_VALUES]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    objects = parseManifests(r.stdout);
  });

  it('points GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE at tls.crt and tls.key of the mounted Secret, with minVersion and checkMs', () => {
    const c = gatewayContainer(objects);
    const env = envOf(c);
    expect(env).toMatchObject({
      GATEWAY_TLS_CERT_FILE: `${TLS_DIR}/tls.crt`,
      GATEWAY_TLS_KEY_FILE: `${TLS_DIR}/tls.key`,
      GATEWAY_TLS_MIN_VERSION: 'TLSv1.3',
      GATEWAY_TLS_CHECK_MS: '30000',
    });
    const mount = (c.volumeMounts as Any[]).find((m) => m.mountPath === TLS_DIR);
    const volume = gatewayVolumes(objects).find((v) => v.name === mount?.name);
    const sources = volume.projected.sources as Any[];
    expect(sources).toEqual([
      {
        secret: {
          name: SECRET,
          items: [
            { key: 'tls.crt', path: 'tls.crt' },
            { key: 'tls.key', path: 'tls.key' },
          ],
        },
      },
    ]);
  });

  it('mounts the Secret read-only as a whole directory, never by subPath, so a renewed Secret reaches the running pod', () => {
    const mounts = (gatewayContainer(objects).volumeMounts as Any[]).filter((m) => m.mountPath === TLS_DIR);
    expect(mounts).toEqual([{ name: 'tls', mountPath: TLS_DIR, readOnly: true }]);
    const subPathMounts = (gatewayContainer(objects).volumeMounts as Any[]).filter(
      (m) => m.subPath !== undefined,
    );
    expect(subPathMounts).toEqual([]);
  });

  it('keeps every probe and the ServiceMonitor on the plain-HTTP admin port', () => {
    const c = gatewayContainer(objects);
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probe.httpGet.port).toBe('admin');
      expect(probe.httpGet.scheme ?? 'HTTP').toBe('HTTP');
    }
    expect(c.ports).toEqual([
      { name: 'https', containerPort: 8080, protocol: 'TCP' },
      { name: 'admin', containerPort: 8090, protocol: 'TCP' },
    ]);
    const monitor = find(objects, 'ServiceMonitor', 'sightline-gateway')!;
    expect((monitor.spec as Any).endpoints.map((e: Any) => [e.port, e.scheme])).toEqual([['admin', 'http']]);
  });

  it('names the proxy port https in the Service, with appProtocol https, while admin stays http', () => {
    const ports = (find(objects, 'Service', 'sightline-gateway')!.spec as Any).ports;
    expect(ports).toEqual([
      { name: 'https', port: 8080, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' },
      { name: 'admin', port: 8090, targetPort: 'admin', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  it('routes the gateway host through Traefik by SNI with TLS passthrough, and the console hosts as before', () => {
    const http = find(objects, 'IngressRoute', 'sightline')!;
    const matches = (http.spec as Any).routes.map((r: Any) => r.match);
    expect(matches.some((m: string) => m.includes('gateway.sightline.example.com'))).toBe(false);
    expect(matches.filter((m: string) => m.includes('console.sightline.example.com'))).toHaveLength(2);
    const tcp = find(objects, 'IngressRouteTCP', 'sightline-gateway')!;
    expect(tcp.spec).toEqual({
      entryPoints: ['websecure'],
      routes: [
        {
          match: 'HostSNI(`gateway.sightline.example.com`)',
          services: [{ name: 'sightline-gateway', port: 'https' }],
        },
      ],
      tls: { passthrough: true },
    });
  });

  it('still lets only the ingress controller reach the proxy port', () => {
    const policy = find(objects, 'NetworkPolicy', 'sightline-gateway')!.spec as Any;
    const fromTraefik = (policy.ingress as Any[]).filter((r) =>
      r.from.some(
        (p: Any) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'traefik',
      ),
    );
    expect(fromTraefik.flatMap((r) => r.ports)).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it('leaves the TLS Secret to its owner: no ExternalSecret is made for it', () => {
    const externalSecrets = objects.filter((o) => o.kind === 'ExternalSecret').map((o) => o.metadata.name);
    expect(externalSecrets.length).toBeGreaterThan(0);
    expect(externalSecrets).not.toContain(SECRET);
  });

  it('renders only valid objects', () => {
    for (const o of objects.filter(hasKubernetesModel))
      expect(() => validateWithKubernetesModels(o)).not.toThrow();
    expect(objects.filter((o) => !hasKubernetesModel(o)).flatMap(checkCustomResource)).toEqual([]);
  });

  it('passes helm lint --strict', () => {
    const r = runHelm([
      'lint',
      '--strict',
      '--kube-version',
      chart.kubeVersion,
      chart.dir,
      '--values',
      chart.valuesFile('prod'),
      '--values',
      TLS_VALUES,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('0 chart(s) failed');
    expect(r.status).toBe(0);
  });

  it('lists the TLS Secret in NOTES, since the gateway pods wait for it', () => {
    const r = runHelm([
      'install',
      chart.release,
      chart.dir,
      '--namespace',
      chart.namespace,
      '--dry-run=client',
      '--values',
      chart.valuesFile('prod'),
      '--values',
      TLS_VALUES,
    ]);
    expect(r.status).toBe(0);
    const notes = r.stdout.slice(r.stdout.indexOf('NOTES:'));
    expect(notes).toContain(`  - Secret ${SECRET}, keys: tls.crt, tls.key`);
    expect(notes).toContain('Traefik passes gateway.sightline.example.com through by SNI');
  });
});

describe('gateway.tls off (every environment)', () => {
  it.each(chart.environments)(
    'values-%s.yaml: the proxy port is plain http, routed by the IngressRoute',
    (env) => {
      const objects = renderObjects(env);
      const c = gatewayContainer(objects);
      expect(Object.keys(envOf(c)).filter((n) => n.startsWith('GATEWAY_TLS_'))).toEqual([]);
      expect((c.volumeMounts as Any[]).map((m) => m.mountPath)).not.toContain(TLS_DIR);
      expect(c.ports[0]).toEqual({ name: 'http', containerPort: 8080, protocol: 'TCP' });
      expect(objects.filter((o) => o.kind === 'IngressRouteTCP')).toEqual([]);
      const http = find(objects, 'IngressRoute', 'sightline')!;
      const gatewayRoute = (http.spec as Any).routes.find((r: Any) => r.match.includes('Host(`gateway.'));
      expect(gatewayRoute.services).toEqual([{ name: 'sightline-gateway', port: 'http' }]);
    },
  );
});
