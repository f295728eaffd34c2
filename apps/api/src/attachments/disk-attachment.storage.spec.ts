import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentContentMissing } from './attachment-storage';
import { DiskAttachmentStorage } from './disk-attachment.storage';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('DiskAttachmentStorage', () => {
  let root: string;
  let sut: DiskAttachmentStorage;
  const key = () => `${randomUUID()}/${randomUUID()}/${randomUUID()}`;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'planflow-attachments-'));
    sut = new DiskAttachmentStorage(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores, reads back and removes the bytes under the key, leaving no partial file', async () => {
    const k = key();
    await sut.put(k, Buffer.from('Báo cáo kết quả'));
    expect((await readAll(await sut.open(k))).toString()).toBe('Báo cáo kết quả');
    const [org, task] = k.split('/');
    expect(await readdir(join(root, org, task))).toEqual([k.split('/')[2]]);
    await sut.remove(k);
    await expect(sut.open(k)).rejects.toBeInstanceOf(AttachmentContentMissing);
    await sut.remove(k); // twice: nothing to do
  });

  it('refuses keys that are not its own (no path can escape the folder)', async () => {
    await expect(sut.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid attachment storage key/);
    await expect(sut.open(`${randomUUID()}/../${randomUUID()}`)).rejects.toThrow(/invalid attachment storage key/);
  });
});
