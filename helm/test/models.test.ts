import { chart } from './support/chart';
import { checkCustomResource, customResourceKinds } from './support/checkCustomResource';
import { renderObjects } from './support/renderObjects';
import { hasKubernetesModel, validateWithKubernetesModels } from './support/validateWithKubernetesModels';

describe('every rendered object is a valid Kubernetes object', () => {
  describe.each(chart.environments)('values-%s.yaml', (env) => {
    const objects = () => renderObjects(env);

    it('renders only kinds that kubernetes-models or a structural check covers', () => {
      const unknown = objects()
        .filter((o) => !hasKubernetesModel(o) && !customResourceKinds.includes(`${o.apiVersion}/${o.kind}`))
        .map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`);
      expect(unknown).toEqual([]);
    });

    it('passes kubernetes-models validation for every built-in object', () => {
      const builtIn = objects().filter(hasKubernetesModel);
      expect(builtIn.length).toBeGreaterThan(20);
      for (const o of builtIn) expect(() => validateWithKubernetesModels(o)).not.toThrow();
    });

    it('gives every custom resource the fields its CRD requires', () => {
      const custom = objects().filter((o) => !hasKubernetesModel(o));
      expect(custom.length).toBeGreaterThan(0);
      expect(custom.flatMap(checkCustomResource)).toEqual([]);
    });

    it('names every object uniquely within its kind', () => {
      const keys = objects().map((o) => `${o.kind}/${o.metadata.name}`);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });
  });

  it('rejects a Deployment whose replicas is not an integer, so validation is not vacuous', () => {
    const deployment = renderObjects('prod').find((o) => o.kind === 'Deployment')!;
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two' } };
    expect(() => validateWithKubernetesModels(broken)).toThrow(/replicas must be integer/);
  });

  it('reports a Certificate without secretName and a PrometheusRule rule without expr', () => {
    const objects = renderObjects('prod');
    const cert = objects.find((o) => o.kind === 'Certificate')!;
    const rule = objects.find((o) => o.kind === 'PrometheusRule')!;
    const noSecret = { ...cert, spec: { ...cert.spec, secretName: undefined } };
    const noExpr = { ...rule, spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] } };
    expect(checkCustomResource(noSecret)).toEqual([
      `Certificate/${cert.metadata.name}: spec.secretName is required`,
    ]);
    expect(checkCustomResource(noExpr)).toEqual([
      `PrometheusRule/${rule.metadata.name}: spec.groups[0].rules[0].expr is required`,
    ]);
  });
});
