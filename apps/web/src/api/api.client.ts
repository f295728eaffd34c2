import createClient, { type Client, type ClientPathsWithMethod, type MaybeOptionalInit, type MethodResponse, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { ActionResult, AuthSession } from './types';

/**
 * The one way the app talks to the API: openapi-fetch's `createClient<paths>()` over the types
 * generated from the API's OpenAPI document (`npm run -s api:types` writes ./schema.d.ts), so a
 * route, a parameter or an answer the API does not have fails the web app's typecheck.
 *
 * Tokens: the access token (15 min) lives in memory only, so a script injected into the page after
 * a reload finds nothing to steal from storage; the refresh token lives in sessionStorage, so a
 * reload of the tab keeps the person logged in, closing the tab ends it, and two tabs never share
 * (and never race to rotate) one refresh token. The API spends a refresh token at each use and
 * revokes the whole session when a spent one comes back, so refreshing is single-flight.
 * An httpOnly cookie would hide the refresh token from scripts too, but the API takes it in the
 * body (`POST /auth/refresh`); a cookie would be a change of the API's contract.
 *
 * The session (bearer token, "KT." header, one refresh and retry on 401) and the errors (a refusal
 * or a lost connection becomes an {@link ApiError}) are openapi-fetch middleware.
 */

const REFRESH_KEY = 'planflow.refreshToken';
const ON_BEHALF_KEY = 'planflow.onBehalfOf';
const ON_BEHALF_HEADER = 'X-On-Behalf-Of';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

type Paths = paths;
type ApiFetch = Client<Paths>;
type PathOf<M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = ClientPathsWithMethod<ApiFetch, M>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The options of a call (`params: { path, query }`, `body`, `headers`): required when the route has path parameters or a required body. */
type InitOf<M extends Method, P extends PathOf<M>> = undefined extends MaybeOptionalInit<Paths[P], M> ? [init?: MaybeOptionalInit<Paths[P], M>] : [init: MaybeOptionalInit<Paths[P], M>];
/** What a call answers (its 2xx JSON; undefined for 204). */
type AnswerOf<M extends Method, P extends PathOf<M>> = MethodResponse<ApiFetch, M, P>;

/** A key the API accepts (`A–Z a–z 0–9 - …`); crypto.getRandomValues also works on plain http. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Empty values (undefined, null, '') are left out, as the API reads a missing parameter. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const networkError = () => new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.');

/** A refusal as an {@link ApiError}; a lost connection as one with code NETWORK. */
const errors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await errorOf(response);
    return undefined;
  },
  onError({ error }) {
    return error instanceof ApiError ? error : networkError();
  },
};

function newFetchClient(): ApiFetch {
  const client = createClient<Paths>({
    querySerializer: (query) => toQueryString(query as Query).slice(1),
    headers: { Accept: 'application/json' },
  });
  client.use(errors);
  return client;
}

export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<AuthSession | null> | null = null;
  /** Called when the session is gone for good (refresh refused): the app shows the login page. */
  onSessionLost: (() => void) | null = null;
  /** Calls without the session (login, refresh, logout): a 401 there is an answer, not an expired token. */
  private readonly anonymous = newFetchClient();
  /** Every other call: with the bearer token and "KT." header, refreshed and retried once on 401. */
  readonly client = newFetchClient();
  /** Copies of requests in flight, for the one retry after a refresh (a sent body cannot be sent again). */
  private readonly retries = new Map<string, Request>();

  constructor() {
    this.client.use(this.session);
  }

  get hasRefreshToken(): boolean {
    return !!storage()?.getItem(REFRESH_KEY);
  }

  /** Username of the director a deputy signs for ("KT."), sent as X-On-Behalf-Of. */
  get onBehalfOf(): string | null {
    return storage()?.getItem(ON_BEHALF_KEY) ?? null;
  }

  set onBehalfOf(username: string | null) {
    if (username) storage()?.setItem(ON_BEHALF_KEY, username);
    else storage()?.removeItem(ON_BEHALF_KEY);
  }

  private keep(session: AuthSession): AuthSession {
    this.accessToken = session.accessToken;
    storage()?.setItem(REFRESH_KEY, session.refreshToken);
    return session;
  }

  private forget(): void {
    this.accessToken = null;
    storage()?.removeItem(REFRESH_KEY);
    storage()?.removeItem(ON_BEHALF_KEY);
  }

  /** Bearer token and "KT." header; an X-On-Behalf-Of the call set itself wins ('' sends none). */
  private authorize(request: Request): void {
    if (this.accessToken) request.headers.set('Authorization', `Bearer ${this.accessToken}`);
    const own = request.headers.get(ON_BEHALF_HEADER);
    if (own === '' || (own === null && !this.onBehalfOf)) request.headers.delete(ON_BEHALF_HEADER);
    else if (own === null) request.headers.set(ON_BEHALF_HEADER, this.onBehalfOf!);
  }

  private readonly session: Middleware = {
    onRequest: async ({ request, id }) => {
      if (!this.accessToken && this.hasRefreshToken) await this.refresh().catch(() => null);
      this.authorize(request);
      if (this.hasRefreshToken) this.retries.set(id, request.clone());
      return request;
    },
    onResponse: async ({ response, id }) => {
      const retry = this.retries.get(id);
      this.retries.delete(id);
      if (response.status !== 401) return undefined;
      // TOKEN_EXPIRED, or UNAUTHENTICATED after an API restart with a fresh signing key: refresh once.
      const session = retry && this.hasRefreshToken ? await this.refresh().catch(() => null) : null;
      if (!session || !retry) {
        this.onSessionLost?.();
        return undefined;
      }
      retry.headers.set('Authorization', `Bearer ${session.accessToken}`);
      try {
        return await fetch(retry);
      } catch {
        throw networkError();
      }
    },
    onError: ({ id }) => {
      this.retries.delete(id);
    },
  };

  async login(username: string, password: string): Promise<AuthSession> {
    this.forget();
    const { data } = await this.anonymous.POST('/auth/login', { body: { username, password } });
    return this.keep(data!);
  }

  /** A new token pair from the stored refresh token; null when there is none or the API refuses it. */
  refresh(): Promise<AuthSession | null> {
    if (!this.refreshing) {
      const token = storage()?.getItem(REFRESH_KEY);
      this.refreshing = (async () => {
        if (!token) return null;
        try {
          const { data } = await this.anonymous.POST('/auth/refresh', { body: { refreshToken: token } });
          return this.keep(data!);
        } catch (err) {
          // Only a refusal ends the session; a network failure leaves the token for the next try.
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) this.forget();
          throw err;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  async logout(): Promise<void> {
    const token = storage()?.getItem(REFRESH_KEY);
    this.forget();
    if (token) await this.anonymous.POST('/auth/logout', { body: { refreshToken: token } }).catch(() => undefined);
  }

  /** One call of a route of the API document: its answer, or an {@link ApiError} (the middleware throws). */
  private async call<M extends Method, P extends PathOf<M>>(method: M, path: P, init: object | undefined): Promise<AnswerOf<M, P>> {
    const send = this.client[method.toUpperCase() as Uppercase<M>] as unknown as (p: P, i?: object) => Promise<{ data?: unknown }>;
    const { data } = await send(path, init);
    return data as AnswerOf<M, P>;
  }

  get<P extends PathOf<'get'>>(path: P, ...init: InitOf<'get', P>): Promise<AnswerOf<'get', P>> {
    return this.call('get', path, init[0]);
  }

  post<P extends PathOf<'post'>>(path: P, ...init: InitOf<'post', P>): Promise<AnswerOf<'post', P>> {
    return this.call('post', path, init[0]);
  }

  put<P extends PathOf<'put'>>(path: P, ...init: InitOf<'put', P>): Promise<AnswerOf<'put', P>> {
    return this.call('put', path, init[0]);
  }

  patch<P extends PathOf<'patch'>>(path: P, ...init: InitOf<'patch', P>): Promise<AnswerOf<'patch', P>> {
    return this.call('patch', path, init[0]);
  }

  delete<P extends PathOf<'delete'>>(path: P, ...init: InitOf<'delete', P>): Promise<AnswerOf<'delete', P>> {
    return this.call('delete', path, init[0]);
  }

  /**
   * One task action (`POST /tasks/:id/<route>`, the route an available action names): `If-Match` with
   * the version the person saw (a task moved meanwhile answers 409 STALE_VERSION instead of acting on
   * something unseen) and an Idempotency-Key, reused when the request is retried after a refresh or a
   * lost answer. The body is the action form's; the API validates it against the action's DTO.
   */
  async action(
    taskId: string,
    action: string,
    body: Record<string, unknown>,
    opts: { version?: number; key?: string; onBehalfOf?: string | null } = {},
  ): Promise<ActionResult> {
    const headers: Record<string, string> = { 'Idempotency-Key': opts.key ?? newIdempotencyKey() };
    if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
    if (opts.onBehalfOf !== undefined) headers[ON_BEHALF_HEADER] = opts.onBehalfOf ?? '';
    // Every action route answers TaskActionResultDto: `save-draft` stands for them in the types.
    const path = `/tasks/{id}/${action}` as '/tasks/{id}/save-draft';
    const send = () => this.client.POST(path, { params: { path: { id: taskId } }, body: body as never, headers });
    try {
      return (await send()).data!;
    } catch (err) {
      // The answer was lost on the way: the same key makes the retry apply at most once.
      if (err instanceof ApiError && err.code === 'NETWORK') return (await send()).data!;
      throw err;
    }
  }

  /** A file upload (multipart `file`): the browser sets the boundary. */
  async upload<P extends PathOf<'post'>>(path: P, form: FormData, pathParams?: Record<string, string>): Promise<AnswerOf<'post', P>> {
    const post = this.client.POST as (p: P, i: object) => Promise<{ data?: unknown }>;
    const { data } = await post(path, { params: { path: pathParams }, body: form });
    return data as AnswerOf<'post', P>;
  }

  /**
   * Downloads a file the API serves behind the token and hands it to the browser as a file. `url` is
   * the file's address as a link would name it (ids and query filled in, e.g. lib/exports.ts).
   */
  async download(url: string, fallbackName: string): Promise<void> {
    const get = this.client.GET as (p: string, i: object) => Promise<{ data?: unknown; response: Response }>;
    const { data, response } = await get(url, { parseAs: 'blob' });
    const href = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let payload: { code?: string; message?: string; details?: unknown } = {};
  try {
    payload = await res.clone().json();
  } catch {
    // Not the API's error shape (a proxy's page): fall back to the status.
  }
  const fallback =
    res.status === 404
      ? 'Không tìm thấy nội dung yêu cầu.'
      : res.status === 429
        ? 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.'
        : res.status >= 500
          ? 'Máy chủ đang bận hoặc gặp sự cố. Vui lòng thử lại sau.'
          : 'Yêu cầu không thực hiện được.';
  return new ApiError(res.status, payload.code ?? `HTTP_${res.status}`, payload.message ?? fallback, payload.details);
}

/** The name of `Content-Disposition`, preferring the RFC 5987 UTF-8 form (Vietnamese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain form
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

export const api = new ApiClient();
