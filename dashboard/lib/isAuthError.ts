/** isAuthError says whether a socket connect_error means the token was refused rather than the network failed. */
export function isAuthError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const data = (error as Error & { data?: unknown }).data;
  const status =
    typeof data === 'object' && data !== null ? (data as { status?: unknown }).status : undefined;
  return status === 401 || /unauthori[sz]ed|401|invalid token|jwt|token expired/i.test(error.message);
}
