/** Seconds a client should wait before retrying after a 503 `DEPENDENCY_UNAVAILABLE`. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * Network error codes of Node (net, dns) and SQLSTATEs of Postgres that mean "the dependency is not
 * reachable right now", not "the request is wrong": class 08 (connection exception), 57P01
 * (admin shutdown: Postgres is being stopped), 57P02 (crash shutdown), 57P03 (cannot connect now:
 * starting up or shutting down), 53300 (too many connections).
 */
const OUTAGE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * Messages of node-postgres (client and pool) and TypeORM when the connection to Postgres is lost or
 * cannot be made in time; these errors carry no code.
 */
const OUTAGE_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/**
 * Connection-level failures of Postgres or Temporal: the request may succeed if retried later (with
 * the same Idempotency-Key for an action), so the API answers 503 with `Retry-After`, never 500.
 * Looks through the wrappers TypeORM (`driverError`), Node (`AggregateError.errors`) and the
 * Temporal client (`cause`) put around the original error.
 */
export function isDependencyOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as ErrorLike;
  if (typeof e.code === 'string' && OUTAGE_CODES.has(e.code)) return true;
  // The Temporal client: the server is unreachable or failed the call.
  if (e.name === 'ServiceError') return true;
  // An update no worker answered in time (workers down): its outcome is unknown, and retrying
  // with the same Idempotency-Key is safe (the workflow applies a key once).
  if (e.name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true;
  if (typeof e.message === 'string' && OUTAGE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDependencyOutage(inner, depth + 1))) return true;
  return isDependencyOutage(e.driverError, depth + 1) || isDependencyOutage(e.cause, depth + 1);
}
