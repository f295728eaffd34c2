import type { ActionResult, AuthSession } from './types';

/**
 * The one way the app talks to the API.
 *
 * Tokens: the access token (15 min) lives in memory only, so a script injected into the page after
 * a reload finds nothing to steal from storage; the refresh token lives in sessionStorage, so a
 * reload of the tab keeps the person logged in, closing the tab ends it, and two tabs never share
 * (and never race to rotate) one refresh token. The API spends a refresh token at each use and
 * revokes the whole session when a spent one comes back, so refreshing is single-flight.
 * An httpOnly cookie would hide the refresh token from scripts too, but the API takes it in the
 * body (`POST /auth/refresh`); a cookie would be a change of the API's contract.
 */

const REFRESH_KEY = 'planflow.refreshToken';
const ON_BEHALF_KEY = 'planflow.onBehalfOf';

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

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** Answer as a Blob (downloads). */
  blob?: boolean;
  /** X-On-Behalf-Of of this request: a username, or null for none; absent: the session's ({@link ApiClient.onBehalfOf}). */
  onBehalfOf?: string | null;
}

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

export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<AuthSession | null> | null = null;
  /** Called when the session is gone for good (refresh refused): the app shows the login page. */
  onSessionLost: (() => void) | null = null;

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

  async login(username: string, password: string): Promise<AuthSession> {
    this.forget();
    const session = await this.send<AuthSession>('POST', '/auth/login', { body: { username, password } }, false);
    return this.keep(session);
  }

  /** A new token pair from the stored refresh token; null when there is none or the API refuses it. */
  refresh(): Promise<AuthSession | null> {
    if (!this.refreshing) {
      const token = storage()?.getItem(REFRESH_KEY);
      this.refreshing = (async () => {
        if (!token) return null;
        try {
          return this.keep(await this.send<AuthSession>('POST', '/auth/refresh', { body: { refreshToken: token } }, false));
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
    if (token) await this.send('POST', '/auth/logout', { body: { refreshToken: token } }, false).catch(() => undefined);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {}, headers });
  }

  upload<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, { form });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path, {});
  }

  /**
   * One task action (`POST /tasks/:id/<action>`): `If-Match` with the version the person saw (a
   * task moved meanwhile answers 409 STALE_VERSION instead of acting on something unseen) and an
   * Idempotency-Key, reused when the request is retried after a refresh or a lost answer.
   */
  async action(
    taskId: string,
    action: string,
    body: Record<string, unknown>,
    opts: { version?: number; key?: string; onBehalfOf?: string | null } = {},
  ): Promise<ActionResult> {
    const headers: Record<string, string> = { 'Idempotency-Key': opts.key ?? newIdempotencyKey() };
    if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
    const path = `/tasks/${encodeURIComponent(taskId)}/${action}`;
    const request: RequestOptions = { body, headers, ...(opts.onBehalfOf !== undefined ? { onBehalfOf: opts.onBehalfOf } : {}) };
    try {
      return await this.request<ActionResult>('POST', path, request);
    } catch (err) {
      // The answer was lost on the way: the same key makes the retry apply at most once.
      if (err instanceof ApiError && err.code === 'NETWORK') return this.request<ActionResult>('POST', path, request);
      throw err;
    }
  }

  /** Downloads a file the API serves behind the token and hands it to the browser as a file. */
  async download(path: string, fallbackName: string): Promise<void> {
    const blob = await this.request<{ blob: Blob; name: string | null }>('GET', path, { blob: true });
    const url = URL.createObjectURL(blob.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = blob.name ?? fallbackName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async request<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
    if (!this.accessToken && this.hasRefreshToken) await this.refresh().catch(() => null);
    try {
      return await this.send<T>(method, path, opts, true);
    } catch (err) {
      // TOKEN_EXPIRED, or UNAUTHENTICATED after an API restart with a fresh signing key: refresh once.
      if (err instanceof ApiError && err.status === 401 && this.hasRefreshToken) {
        const session = await this.refresh().catch(() => null);
        if (session) return this.send<T>(method, path, opts, true);
        this.onSessionLost?.();
      } else if (err instanceof ApiError && err.status === 401) {
        this.onSessionLost?.();
      }
      throw err;
    }
  }

  private async send<T>(method: string, path: string, opts: RequestOptions, authorized: boolean): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (authorized && this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    const onBehalfOf = opts.onBehalfOf !== undefined ? opts.onBehalfOf : this.onBehalfOf;
    if (authorized && onBehalfOf) headers['X-On-Behalf-Of'] = onBehalfOf;
    let body: BodyInit | undefined;
    if (opts.form) body = opts.form;
    else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res: Response;
    try {
      res = await fetch(path + toQueryString(opts.query), { method, headers, body });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.');
    }
    if (!res.ok) throw await errorOf(res);
    if (opts.blob) return { blob: await res.blob(), name: fileNameOf(res.headers.get('Content-Disposition')) } as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let payload: { code?: string; message?: string; details?: unknown } = {};
  try {
    payload = await res.json();
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
