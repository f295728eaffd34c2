import { ArgumentsHost, Logger } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { isDependencyOutage } from './dependency-outage';

/** A Postgres error as node-postgres builds it from the server's message. */
function pgError(code: string, message: string): DatabaseError {
  const err = new DatabaseError(message, message.length, 'error');
  err.code = code;
  return err;
}

function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno: -111, syscall: 'connect' });
}

/** What the filter answers for `exception`: status, headers, body. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const out = { status: 0, headers: {} as Record<string, string>, body: {} as Record<string, unknown> };
  const res = {
    setHeader: (k: string, v: string) => (out.headers[k] = v),
    status: (s: number) => {
      out.status = s;
      return res;
    },
    json: (b: Record<string, unknown>) => (out.body = b),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return out;
}

describe('dependency outages answer 503 with Retry-After, never 500', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const outages: Array<[string, unknown]> = [
    ['Postgres stopped: connect refused (pool)', netError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:54329')],
    ['Postgres stopped: localhost resolves to two addresses, both refused', Object.assign(new AggregateError([netError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), netError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')]), { code: 'ECONNREFUSED' })],
    ['Postgres being stopped: 57P01 admin shutdown inside a query', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['Postgres starting up: 57P03', new QueryFailedError('SELECT 1', [], pgError('57P03', 'the database system is starting up'))],
    ['Postgres shutting down: 57P03', pgError('57P03', 'the database system is shutting down')],
    ['connection lost mid-query (no code)', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    ['pool connection timeout', new Error('timeout exceeded when trying to connect')],
    ['client connection timeout', new Error('Connection terminated due to connection timeout')],
    ['a client reused after its connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ['too many connections: 53300', pgError('53300', 'sorry, too many clients already')],
    ['connection failure SQLSTATE 08006', pgError('08006', 'connection failure')],
    ['Temporal unreachable', new ServiceError('Failed to start Workflow Update', { cause: netError('ECONNREFUSED', 'connect ECONNREFUSED') })],
    ['an update no worker answered in time', Object.assign(new Error('Workflow update call timeout or cancelled'), { name: 'WorkflowUpdateRPCTimeoutOrCancelledError' })],
    ['an outage wrapped by another error', new Error('loading the actor failed', { cause: netError('ECONNRESET', 'read ECONNRESET') })],
  ];

  it.each(outages)('%s', (_, exception) => {
    expect(isDependencyOutage(exception)).toBe(true);
    const { status, headers, body } = answer(exception);
    expect(status).toBe(503);
    expect(headers['Retry-After']).toBe('5');
    expect(body).toEqual({ code: 'DEPENDENCY_UNAVAILABLE', message: 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.', requestId: 'req-1' });
  });

  const bugs: Array<[string, unknown]> = [
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation (23505) is not an outage', new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value violates unique constraint "x"'))],
    ['a syntax error (42601)', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a thrown string', 'boom'],
    ['null', null],
  ];

  it.each(bugs)('%s stays 500 without internals or Retry-After', (_, exception) => {
    expect(isDependencyOutage(exception)).toBe(false);
    const { status, headers, body } = answer(exception);
    expect(status).toBe(500);
    expect(headers['Retry-After']).toBeUndefined();
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-1' });
    expect(JSON.stringify(body)).not.toMatch(/duplicate|SELEC|Cannot read/);
  });
});
