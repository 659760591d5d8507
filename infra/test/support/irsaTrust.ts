import type { CdkTemplate } from './synthStage';

/** IrsaTrust is what one IRSA role's trust policy admits, with the deploy-time OIDC issuer shown as `<issuer>`. */
export interface IrsaTrust {
  /** The Federated principal: the cluster's OIDC provider. */
  readonly federated: unknown;
  /** The StringEquals conditions, keyed `<issuer>:aud` and `<issuer>:sub`. */
  readonly conditions: Record<string, string>;
}

/**
 * irsaTrust reads the trust policy of the role whose logical id starts with rolePrefix. Its conditions live in a
 * CfnJson custom resource (the issuer is only known at deploy time), whose Fn::Join is put back together here with
 * every issuer reference replaced by `<issuer>`; a reference to anything but the principal's provider fails.
 */
export function irsaTrust(json: CdkTemplate, rolePrefix: string): IrsaTrust {
  const roles = Object.entries(json.Resources).filter(
    ([id, r]) => id.startsWith(rolePrefix) && r.Type === 'AWS::IAM::Role',
  );
  if (roles.length !== 1) throw new Error(`expected one role ${rolePrefix}*, found ${roles.length}`);
  const document = roles[0]![1].Properties!.AssumeRolePolicyDocument as {
    Statement: { Action: string; Principal: { Federated: unknown }; Condition: { StringEquals: unknown } }[];
  };
  if (document.Statement.length !== 1) throw new Error(`${rolePrefix} has more than one trust statement`);
  const statement = document.Statement[0]!;
  if (statement.Action !== 'sts:AssumeRoleWithWebIdentity') throw new Error(`${rolePrefix} is not IRSA`);
  const federated = statement.Principal.Federated;
  const getAtt = (statement.Condition.StringEquals as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  const cfnJson = json.Resources[getAtt[0]]!;
  if (cfnJson.Type !== 'Custom::AWSCDKCfnJson' || getAtt[1] !== 'Value') {
    throw new Error(`${rolePrefix}'s conditions are not a CfnJson value`);
  }
  const issuer = JSON.stringify({ 'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', federated] }] });
  const parts = ((cfnJson.Properties!.Value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? []).map(
    (part) => {
      if (typeof part === 'string') return part;
      if (JSON.stringify(part) !== issuer) throw new Error(`unexpected token ${JSON.stringify(part)}`);
      return '<issuer>';
    },
  );
  return { federated, conditions: JSON.parse(parts.join('')) as Record<string, string> };
}
