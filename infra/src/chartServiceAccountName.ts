/** CHART_NAME is the Helm chart's name (helm/sightline/Chart.yaml), the default middle part of its object names. */
const CHART_NAME = 'sightline';

/**
 * chartServiceAccountName is the name the Helm chart gives one service's ServiceAccount for a release, so the IRSA
 * trust policies name exactly the accounts the chart creates. It mirrors `sightline.fullname` and
 * `sightline.componentName` in helm/sightline/templates/_helpers.tpl (without nameOverride or fullnameOverride):
 * `<release>-sightline-<service>`, where a release whose name already contains "sightline" is not repeated, each
 * part cut to 63 characters with a trailing "-" dropped, as Helm's `trunc 63 | trimSuffix "-"` does.
 */
export function chartServiceAccountName(releaseName: string, service: string): string {
  const fullname = releaseName.includes(CHART_NAME) ? releaseName : `${releaseName}-${CHART_NAME}`;
  return helmTrunc(`${helmTrunc(fullname)}-${service}`);
}

// trimSuffix removes one trailing "-" only, like Go's strings.TrimSuffix.
function helmTrunc(name: string): string {
  const cut = name.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}
