import { randomBytes, scrypt } from 'node:crypto';
import { PasswordHashLimiter } from './PasswordHashLimiter';

/** ScryptParams are the cost parameters stored inside every password hash. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** DEFAULT_SCRYPT_PARAMS are the parameters new hashes use (about 16 MiB and tens of ms per hash). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1, keyLength: 64 };

// Two hashes at once keep the machine's other two libuv threads for DNS, files and zlib; 64 queued is about a second
// of logins. startAuth sets both from PASSWORD_HASH_CONCURRENCY and PASSWORD_HASH_QUEUE.
let limiter = new PasswordHashLimiter(2, 64);

/** configurePasswordHashing replaces the process's hash limiter (startAuth calls it once, from the config). */
export function configurePasswordHashing(next: PasswordHashLimiter): void {
  limiter = next;
}

/** passwordHashLimiter is the process's hash limiter, for metrics. */
export function passwordHashLimiter(): PasswordHashLimiter {
  return limiter;
}

/**
 * scryptAsync derives a key with node:crypto scrypt, sizing maxmem to the parameters, through the process's hash
 * limiter (PasswordHashBusyError when it is full).
 */
export function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return limiter.run(() => scryptUnlimited(password, salt, params));
}

function scryptUnlimited(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      params.keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/**
 * hashPassword returns `scrypt$N$r$p$<salt b64url>$<hash b64url>` with a fresh 16-byte salt,
 * so parameters can be raised later without invalidating stored hashes.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}
