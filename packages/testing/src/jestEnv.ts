// Jest setup: point tests at the machine's real PostgreSQL and Redis unless the caller says otherwise.
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.OTEL_SDK_DISABLED ??= 'true';
