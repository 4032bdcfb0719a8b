/**
 * Bearer-token check for the northbound, as a grpc-js server interceptor so it covers every
 * service, including ones plugins register later.
 *
 * The token arrives as `authorization: Bearer <token>` metadata (the form grpcurl -H, Python's
 * metadata tuples and Go's per-RPC credentials all produce). Comparison is constant-time over
 * SHA-256 digests so neither the token's content nor its length leaks through timing. The health
 * service is exempt: load balancers and orchestrators probe it without credentials.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ServerInterceptingCall, status, type Metadata, type ServerInterceptor } from '@grpc/grpc-js';

/** Method paths under these prefixes need no token. */
export const AUTH_EXEMPT_PREFIXES = ['/grpc.health.v1.Health/'] as const;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Checks `authorization` metadata against a fixed token. */
export function bearerTokenCheck(token: string): (metadata: Metadata) => string | undefined {
  if (token === '') throw new Error('bearer token must not be empty');
  const expected = digest(token);
  return (metadata) => {
    const values = metadata.get('authorization');
    if (values.length === 0) return 'missing "authorization: Bearer <token>" metadata';
    const m = BEARER.exec(String(values[0]));
    if (!m) return 'authorization metadata is not "Bearer <token>"';
    return timingSafeEqual(digest(m[1]!), expected) ? undefined : 'invalid bearer token';
  };
}

/** An interceptor that ends unauthenticated calls with UNAUTHENTICATED before any handler runs. */
export function bearerAuthInterceptor(token: string): ServerInterceptor {
  const check = bearerTokenCheck(token);
  return (method, call) => {
    if (AUTH_EXEMPT_PREFIXES.some((p) => method.path.startsWith(p))) return new ServerInterceptingCall(call);
    return new ServerInterceptingCall(call, {
      start: (next) => {
        next({
          onReceiveMetadata: (metadata, pass) => {
            const problem = check(metadata);
            if (problem === undefined) pass(metadata);
            else call.sendStatus({ code: status.UNAUTHENTICATED, details: problem });
          },
        });
      },
    });
  };
}
