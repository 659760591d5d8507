import type { K8sObject } from './parseManifests';

type Check = (spec: Record<string, unknown>, problem: (msg: string) => void) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const durationPattern = /^([0-9]+(ms|s|m|h))+$/;

// Traefik's IngressRoute and IngressRouteTCP share their routes' shape: a match and named services with a port;
// an HTTP route also names its kind.
function checkTraefikRoutes(
  spec: Record<string, unknown>,
  problem: (msg: string) => void,
  kind?: string,
): void {
  const routes = list(spec.routes);
  if (!routes?.length) return problem('spec.routes must be a non-empty list');
  routes.forEach((r, i) => {
    if (!isObject(r)) return problem(`spec.routes[${i}] must be an object`);
    if (!isText(r.match)) problem(`spec.routes[${i}].match is required`);
    if (kind !== undefined && r.kind !== kind) problem(`spec.routes[${i}].kind must be ${kind}`);
    const services = list(r.services);
    if (!services?.length) return problem(`spec.routes[${i}].services must be a non-empty list`);
    services.forEach((s, j) => {
      if (!isObject(s) || !isText(s.name)) problem(`spec.routes[${i}].services[${j}].name is required`);
      else if (typeof s.port !== 'number' && !isText(s.port))
        problem(`spec.routes[${i}].services[${j}].port is required`);
    });
  });
}

// The required fields of each CRD the chart renders, from each project's published CRD schema.
const CHECKS: Record<string, Check> = {
  'traefik.io/v1alpha1/IngressRoute': (spec, problem) => {
    checkTraefikRoutes(spec, problem, 'Rule');
    if (spec.tls !== undefined && (!isObject(spec.tls) || !isText(spec.tls.secretName)))
      problem('spec.tls.secretName is required when tls is set');
  },
  'traefik.io/v1alpha1/IngressRouteTCP': (spec, problem) => {
    checkTraefikRoutes(spec, problem);
    if (spec.tls !== undefined && !isObject(spec.tls)) problem('spec.tls must be an object');
  },
  'cert-manager.io/v1/Certificate': (spec, problem) => {
    if (!isText(spec.secretName)) problem('spec.secretName is required');
    if (!isObject(spec.issuerRef) || !isText(spec.issuerRef.name)) problem('spec.issuerRef.name is required');
    else if (!['Issuer', 'ClusterIssuer', undefined].includes(spec.issuerRef.kind as string | undefined))
      problem('spec.issuerRef.kind must be Issuer or ClusterIssuer');
    const names = list(spec.dnsNames);
    if (!names?.length || !names.every(isText)) problem('spec.dnsNames must be a non-empty list of names');
  },
  'monitoring.coreos.com/v1/ServiceMonitor': (spec, problem) => {
    if (!isObject(spec.selector)) problem('spec.selector is required');
    const endpoints = list(spec.endpoints);
    if (!endpoints?.length) return problem('spec.endpoints must be a non-empty list');
    endpoints.forEach((e, i) => {
      if (!isObject(e) || (!isText(e.port) && e.targetPort === undefined))
        return problem(`spec.endpoints[${i}] needs a port or targetPort`);
      for (const f of ['interval', 'scrapeTimeout'])
        if (e[f] !== undefined && !durationPattern.test(String(e[f])))
          problem(`spec.endpoints[${i}].${f} is not a duration`);
    });
  },
  'monitoring.coreos.com/v1/PrometheusRule': (spec, problem) => {
    const groups = list(spec.groups);
    if (!groups?.length) return problem('spec.groups must be a non-empty list');
    const names = new Set<string>();
    groups.forEach((g, i) => {
      if (!isObject(g) || !isText(g.name)) return problem(`spec.groups[${i}].name is required`);
      if (names.has(g.name)) problem(`spec.groups[${i}].name ${g.name} is repeated`);
      names.add(g.name);
      const rules = list(g.rules);
      if (!rules?.length) return problem(`spec.groups[${i}].rules must be a non-empty list`);
      rules.forEach((r, j) => {
        const at = `spec.groups[${i}].rules[${j}]`;
        if (!isObject(r)) return problem(`${at} must be an object`);
        if (isText(r.alert) === isText(r.record)) problem(`${at} needs exactly one of alert or record`);
        if (!isText(r.expr)) problem(`${at}.expr is required`);
      });
    });
  },
  'external-secrets.io/v1/ExternalSecret': (spec, problem) => {
    const store = spec.secretStoreRef;
    if (!isObject(store) || !isText(store.name)) problem('spec.secretStoreRef.name is required');
    else if (!['SecretStore', 'ClusterSecretStore'].includes(store.kind as string))
      problem('spec.secretStoreRef.kind must be SecretStore or ClusterSecretStore');
    if (!isObject(spec.target) || !isText(spec.target.name)) problem('spec.target.name is required');
    const data = list(spec.data);
    if (!data?.length) return problem('spec.data must be a non-empty list');
    data.forEach((d, i) => {
      if (!isObject(d) || !isText(d.secretKey)) return problem(`spec.data[${i}].secretKey is required`);
      if (!isObject(d.remoteRef) || !isText(d.remoteRef.key))
        problem(`spec.data[${i}].remoteRef.key is required`);
    });
  },
};

/** customResourceKinds lists the CRD kinds (apiVersion/kind) that checkCustomResource knows. */
export const customResourceKinds: readonly string[] = Object.keys(CHECKS);

/**
 * checkCustomResource returns what is missing or malformed in a custom resource that kubernetes-models cannot
 * validate; an empty list means its required fields are all there.
 */
export function checkCustomResource(o: K8sObject): string[] {
  const check = CHECKS[`${o.apiVersion}/${o.kind}`];
  if (check === undefined) return [`no structural check for ${o.apiVersion} ${o.kind}`];
  const problems: string[] = [];
  if (!isObject(o.spec)) return [`${o.kind}/${o.metadata.name}: spec is required`];
  check(o.spec, (msg) => problems.push(`${o.kind}/${o.metadata.name}: ${msg}`));
  return problems;
}
