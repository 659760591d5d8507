// `npm run rules:generate`: SLO specs in rules/slos → Prometheus rules in rules/generated.
import { SpecValidationError } from '@sightline/slo';
import { generateRules } from './generateRules';

try {
  const files = generateRules(process.cwd());
  for (const f of files) process.stdout.write(`wrote ${f.path} (${f.slos} SLOs)\n`);
} catch (err) {
  if (!(err instanceof SpecValidationError)) throw err;
  process.stderr.write(`rejected spec: ${err.message}\n`);
  process.exitCode = 1;
}
