import { BadRequestError, requireInternalToken, UnauthorizedError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { AlertingMetrics } from '../alertingMetrics';
import { withTransaction } from '@sightline/db';
import { acknowledgeGroup } from '../escalation/acknowledgeGroup';
import { resolveGroup } from '../escalation/resolveGroup';
import type { AlertIntake } from '../intake/AlertIntake';
import { AlertmanagerWebhook, fromAlertmanagerWebhook } from '../intake/alertmanagerWebhook';
import { parsePagerDutyWebhook } from '../intake/pagerduty/parsePagerDutyWebhook';
import { verifyPagerDutySignature } from '../intake/pagerduty/verifyPagerDutySignature';
import { fromPostableAlerts, PostableAlerts } from '../intake/prometheusAlerts';

/** IntakeRoutesOptions wire the intake endpoints. */
export interface IntakeRoutesOptions {
  intake: AlertIntake;
  pool: pg.Pool;
  intakeToken: string;
  pagerDutySecrets: string[];
  consoleBaseUrl: string;
  maxBodyBytes: number;
  resolveTimeoutMs: number;
  logger: Logger;
  metrics: AlertingMetrics;
  now: () => Date;
  onAccepted: () => void;
}

/**
 * intakeRoutes serves the alert intakes: Prometheus' `POST /api/v2/alerts`, Alertmanager's webhook (version 4) and
 * PagerDuty's v3 webhooks (signature-verified), which acknowledge and resolve groups from PagerDuty.
 */
export function intakeRoutes(o: IntakeRoutesOptions): Router {
  const router = express.Router();
  const json = express.json({ limit: o.maxBodyBytes, type: () => true });
  const token = requireInternalToken(o.intakeToken);

  router.post('/api/v2/alerts', token, json, async (req, res) => {
    const parsed = PostableAlerts.safeParse(req.body);
    if (!parsed.success) {
      o.metrics.rejected.inc({ source: 'prometheus', reason: 'invalid' });
      throw parsed.error;
    }
    const alerts = fromPostableAlerts(parsed.data, o.now(), o.resolveTimeoutMs);
    await o.intake.receive(alerts, 'prometheus');
    o.metrics.received.inc({ source: 'prometheus' }, alerts.length);
    o.onAccepted();
    res.status(200).json({});
  });

  router.post('/api/v1/alertmanager', token, json, async (req, res) => {
    const parsed = AlertmanagerWebhook.safeParse(req.body);
    if (!parsed.success) {
      o.metrics.rejected.inc({ source: 'alertmanager', reason: 'invalid' });
      throw parsed.error;
    }
    const alerts = fromAlertmanagerWebhook(parsed.data, o.now());
    const result = await o.intake.receive(alerts, 'alertmanager');
    o.metrics.received.inc({ source: 'alertmanager' }, alerts.length);
    o.onAccepted();
    res.status(200).json(result);
  });

  router.post(
    '/api/v1/pagerduty',
    express.raw({ limit: o.maxBodyBytes, type: () => true }),
    async (req, res) => {
      if (o.pagerDutySecrets.length === 0)
        throw new UnauthorizedError('PagerDuty webhooks are not configured');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifyPagerDutySignature(raw, req.get('x-pagerduty-signature'), o.pagerDutySecrets)) {
        o.metrics.rejected.inc({ source: 'pagerduty', reason: 'unauthorized' });
        throw new UnauthorizedError('X-PagerDuty-Signature does not match the body');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new BadRequestError('malformed JSON body');
      }
      const parsed = parsePagerDutyWebhook(body);
      if (!parsed.ok) {
        o.metrics.rejected.inc({ source: 'pagerduty', reason: 'invalid' });
        throw new BadRequestError(parsed.reason);
      }
      const ev = parsed.event;
      if (ev.type === 'ignored' || !ev.dedupKey) {
        res
          .status(202)
          .json({ applied: false, reason: ev.type === 'ignored' ? 'event type not used' : 'no dedup key' });
        return;
      }
      const actor = `pagerduty:${ev.actor ?? 'unknown'}`;
      const outcome = await withTransaction(o.pool, async (client) => {
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM alerting.alert_groups WHERE dedup_key = $1`,
          [ev.dedupKey],
        );
        if (!rows[0]) return { ok: false as const, reason: 'not-found' as const };
        const ctx = { now: o.now(), consoleBaseUrl: o.consoleBaseUrl };
        return ev.type === 'acknowledged'
          ? acknowledgeGroup(client, Number(rows[0].id), actor, ctx, 'pagerduty')
          : resolveGroup(client, Number(rows[0].id), actor, ctx, 'pagerduty');
      });
      o.metrics.received.inc({ source: 'pagerduty' });
      o.onAccepted();
      // PagerDuty retries anything but 2xx; an incident we do not know is answered 202 so it stops retrying.
      res.status(202).json({ applied: outcome.ok, ...(outcome.ok ? {} : { reason: outcome.reason }) });
    },
  );
  return router;
}
