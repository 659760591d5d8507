export { sloRuleGroups, ABSENT_ALERT_NAME, ABSENT_FOR } from './render/sloRuleGroups';
export { recordNames } from './render/recordNames';
export { renderRulesYaml } from './render/renderRulesYaml';
export { RUNBOOK_BASE_URL, runbookUrl } from './render/runbookUrl';
export type { PrometheusRule, PrometheusRuleGroup } from './render/PrometheusRule';
export { buildRuleFiles, generateRules } from './generateRules';
export type { GeneratedRuleFile } from './generateRules';
