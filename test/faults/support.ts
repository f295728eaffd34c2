import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitFor } from '../../infra/provision/net.util';

const ROOT = join(__dirname, '..', '..');

/**
 * The fault suite runs in two sizes: `full` (`npm run test:faults`, the numbers of the issue) and
 * `ci` (`npm test` runs the specs of jest.config.js CI_FAULTS in it: the same faults, shorter and
 * smaller). See README "Fault suite".
 */
export const PROFILE: 'full' | 'ci' = process.env.FAULTS_PROFILE === 'full' ? 'full' : 'ci';
export const sized = <T>(full: T, ci: T): T => (PROFILE === 'full' ? full : ci);

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
const LEADS = ['Văn phòng Sở', 'Phòng CCHC-VTLT', 'Thanh tra Sở', 'Ban Tôn giáo', 'Phòng Công chức, viên chức', 'Trung tâm lưu trữ lịch sử tỉnh'];
const VERBS = ['Xây dựng', 'Triển khai', 'Rà soát', 'Tổng hợp', 'Kiểm tra', 'Báo cáo', 'Tuyên truyền', 'Số hóa'];
const OBJECTS = ['kế hoạch cải cách hành chính', 'hồ sơ lưu trữ', 'quy chế làm việc', 'thủ tục hành chính', 'cơ sở dữ liệu công chức', 'chỉ số hài lòng'];

/**
 * A plan in the text form the importer reads, with `rows` tasks in sections of 100, each led by one
 * unit (no group-led rows: one row is one task and one workflow) and due in a month of `year`.
 */
export function generatedPlanText(rows: number, year: number): string {
  const lines = [
    'UBND TỈNH BÌNH ĐỊNH',
    'SỞ NỘI VỤ',
    `Số: 99/KH-SNV\tBình Định, ngày 15 tháng 12 năm ${year - 1}`,
    'KẾ HOẠCH',
    `Kiểm thử chịu lỗi: ${rows} nhiệm vụ năm ${year}`,
    '',
    'PHỤ LỤC',
    `CÁC NHIỆM VỤ NĂM ${year}`,
    '',
    'STT\tNhiệm vụ cụ thể\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú',
  ];
  for (let s = 0; s * 100 < rows; s++) {
    lines.push(`<b>${ROMAN[s]}. NHÓM NHIỆM VỤ ${s + 1}</b>\t\t\t\t\t`);
    for (let i = 0; i < Math.min(100, rows - s * 100); i++) {
      const n = s * 100 + i;
      const title = `${VERBS[n % VERBS.length]} ${OBJECTS[n % OBJECTS.length]} (nhiệm vụ số ${n + 1})`;
      lines.push(`${i + 1}\t${title}\t${LEADS[n % LEADS.length]}\tVăn phòng Sở\tTháng ${(n % 12) + 1}/${year}\t`);
    }
  }
  lines.push(`<b>Tổng cộng: ${rows} nhiệm vụ</b>\t\t\t\t\t`);
  return lines.join('\n') + '\n';
}

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The real API app (apps/api/src/main.ts) as its own process on a free port: load and outages hit a real server. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', API_HOST: '127.0.0.1', API_PORT: String(port), METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `API process at ${url}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${out}`);
      try {
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).status > 0;
      } catch {
        return false;
      }
    },
    120_000,
    500,
  );
  return {
    child,
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown> | null;
  headers: Headers;
}

/** One HTTP call; a network failure is status 0 (counted by the callers, never thrown). */
export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { raw: text };
    }
    return { status: res.status, body, headers: res.headers };
  } catch {
    return { status: 0, body: null, headers: new Headers() };
  }
}

/** Logs in over HTTP (one login per username: the login rate limit counts 5 a minute). */
export async function loginOver(url: string, username: string, password: string): Promise<string> {
  const res = await call(`${url}/auth/login`, { method: 'POST', body: { username, password } });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return String(res.body!.accessToken);
}
