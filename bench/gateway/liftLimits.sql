-- The bench tenant (acme) must never be rate limited: every limit of its plan stays in force (the limiter
-- does all its work) but sits far above what the machine can serve.
INSERT INTO gateway.tenant_overrides (tenant_id, per_second, per_minute, class_limits, reason)
VALUES ('acme', 1000000000, 2000000000,
        '{"data": {"perSecond": 1000000000, "perMinute": 2000000000}, "auth": {"perSecond": 1000000000, "perMinute": 2000000000}}',
        'benchmark')
ON CONFLICT (tenant_id) DO UPDATE
  SET per_second = excluded.per_second, per_minute = excluded.per_minute,
      class_limits = excluded.class_limits, reason = excluded.reason;
