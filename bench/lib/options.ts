/**
 * Options of a benchmark from `npm run bench -- <name> --key=value…` (or `--key value`), with typed
 * defaults; an unknown option is refused so a typo does not silently run the default.
 */
export function benchOptions<T extends Record<string, number | string | boolean>>(defaults: T, argv = process.argv.slice(2)): T {
  const out: Record<string, number | string | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}" (options are --${Object.keys(defaults).join(', --')})`);
    const key = m[1].replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${m[1]} (options are --${Object.keys(defaults).join(', --')})`);
    const raw = m[2] ?? (typeof defaults[key] === 'boolean' ? 'true' : argv[++i]);
    const d = defaults[key];
    out[key] = typeof d === 'number' ? Number(raw) : typeof d === 'boolean' ? raw === 'true' || raw === '1' : raw;
    if (typeof d === 'number' && !Number.isFinite(out[key])) throw new Error(`--${m[1]} needs a number, got "${raw}"`);
  }
  return out as T;
}

/** Runs `fn` over `items` with at most `concurrency` in flight; resolves with results in input order. */
export async function pool<I, O>(items: readonly I[], concurrency: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export const log = (line: string) => console.log(`[bench] ${line}`);
