import type { TokenPair } from '@msched/contracts';
import { apiBaseUrl } from '../api-url';

export type RefreshOutcome = { kind: 'renewed'; pair: TokenPair } | { kind: 'rejected' } | { kind: 'unreachable' };

/**
 * `POST /auth/refresh`: exchanges a refresh token for a new pair. Called with plain fetch, not
 * through the api slice, because the slice's own re-authentication depends on it.
 */
export async function refreshSession(refreshToken: string): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl()}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return { kind: 'unreachable' };
  }
  // 400/401: the token is spent, expired or revoked; anything else is the server's trouble.
  if (response.status === 400 || response.status === 401) return { kind: 'rejected' };
  if (!response.ok) return { kind: 'unreachable' };
  return { kind: 'renewed', pair: (await response.json()) as TokenPair };
}
