import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api.client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): Promise<void>;
}

/** Loads `fetcher()` when `key` changes; an answer for an older key is dropped. */
export function useResource<T>(fetcher: () => Promise<T>, key: unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await fetcherRef.current();
      if (mine === generation.current) {
        setData(value);
        setError(null);
      }
    } catch (err) {
      if (mine === generation.current) setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void load();
    // The caller's key says when to load again (the fetcher closes over the same values).
  }, key);

  return { data, error, loading, reload: load };
}
