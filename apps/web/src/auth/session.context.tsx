import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/api.client';
import type { Delegation, Me, Role } from '../api/types';

export type SessionStatus = 'loading' | 'anonymous' | 'ready';

export interface SessionValue {
  status: SessionStatus;
  me: Me | null;
  /** Whom the person may sign for now ("KT. Giám đốc", `GET /me/delegations` in force): the director who granted it, else empty. */
  delegations: Delegation[];
  /** Why the person is on the login page again ("phiên đã hết hạn"), if it was not their choice. */
  notice: string | null;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Sign "KT. Giám đốc" as the director with this username; null stops. Throws the API's refusal. */
  actOnBehalfOf(username: string | null): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(api.hasRefreshToken ? 'loading' : 'anonymous');
  const [me, setMe] = useState<Me | null>(null);
  const [delegations, setDelegations] = useState<Delegation[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    api.onSessionLost = () => {
      setMe(null);
      setStatus('anonymous');
      setNotice('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    };
    if (!api.hasRefreshToken) return;
    // A reload of the tab: the refresh token in sessionStorage gives a new access token.
    let cancelled = false;
    api
      .get('/me')
      .then((profile) => {
        if (!cancelled) {
          setMe(profile);
          setStatus('ready');
        }
      })
      .catch(() => {
        if (!cancelled) setStatus('anonymous');
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // Loaded once per person (it depends on their roles only, not on whom they sign for now).
  const userId = me?.id ?? null;
  useEffect(() => {
    setDelegations([]);
    if (!userId) return;
    let cancelled = false;
    api.get('/me/delegations').then(
      (list) => {
        // Only grants in force today can be signed under; upcoming ones are listed on the grants page.
        if (!cancelled) setDelegations(list.filter((d) => d.inForce));
      },
      () => undefined, // no choice offered: the person signs as themselves
    );
    return () => {
      cancelled = true;
    };
  }, [userId]);

  const login = useCallback(async (username: string, password: string) => {
    await api.login(username, password);
    const profile = await api.get('/me');
    setNotice(null);
    setMe(profile);
    setStatus('ready');
  }, []);

  const logout = useCallback(async () => {
    await api.logout();
    setMe(null);
    setNotice(null);
    setStatus('anonymous');
  }, []);

  const actOnBehalfOf = useCallback(async (username: string | null) => {
    const before = api.onBehalfOf;
    api.onBehalfOf = username;
    try {
      setMe(await api.get('/me'));
    } catch (err) {
      // DELEGATION_NOT_GRANTED (no grant in force from that director): back to signing as oneself.
      api.onBehalfOf = before;
      throw err;
    }
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      me,
      delegations,
      notice,
      login,
      logout,
      actOnBehalfOf,
      hasRole: (...roles: Role[]) => !!me && roles.some((r) => me.roles.includes(r)),
    }),
    [status, me, delegations, notice, login, logout, actOnBehalfOf],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
