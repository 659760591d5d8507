-- The bench tenant (acme) must never be rate limited during the throughput benchmark.
UPDATE gateway.tenants SET rps_override = 100000000 WHERE id = 'acme';
