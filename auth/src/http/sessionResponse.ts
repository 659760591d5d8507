import type { AuthServices } from '../AuthServices';
import type { SessionResponse } from '@sightline/contracts';
import type { IssuedRefreshToken } from '../refresh/RefreshTokenStore';
import { issueAccessToken } from '../tokens/issueAccessToken';
import type { AuthenticatedUser } from '../users/authenticateUser';

/** sessionResponse signs an access token for the user and packs it with the refresh token. */
export async function sessionResponse(
  services: AuthServices,
  user: AuthenticatedUser,
  refresh: IssuedRefreshToken,
): Promise<SessionResponse> {
  const accessToken = await issueAccessToken(services.keys, user, {
    issuer: services.issuer,
    ttlSeconds: services.accessTtlSeconds,
  });
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: services.accessTtlSeconds,
    refreshToken: refresh.token,
    refreshExpiresIn: refresh.expiresIn,
    user: { id: user.id, email: user.email, tenantId: user.tenantId, roles: user.roles },
  };
}
