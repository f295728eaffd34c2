import JSZip from 'jszip';
import { AppendixReadError } from './appendix.types';

interface ZipStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): ZipStream;
  on(event: 'error', listener: (err: Error) => void): ZipStream;
  on(event: 'end', listener: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}

/**
 * Most bytes the parts of a .docx or .xlsx may inflate to, all parts together. A plan's
 * document.xml is a few megabytes; images barely compress, and uploads are capped at
 * PLAN_IMPORT_MAX_BYTES, so a real file stays far below this, while a zip bomb (a few hundred
 * kilobytes inflating to gigabytes) is stopped before it costs memory.
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * Inflates every part of the zip as a stream, counting bytes and keeping none, and refuses the
 * file as soon as the total passes `limit`. The declared sizes of a zip can lie; the count cannot.
 */
export async function assertZipInflatesWithin(content: Buffer | Uint8Array | ArrayBuffer, limit = MAX_INFLATED_BYTES): Promise<void> {
  const zip = await JSZip.loadAsync(content); // the central directory only: nothing is inflated yet
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      let done = false;
      // internalStream is JSZip's streaming reader (documented, missing from its type declarations).
      const stream = (entry as unknown as { internalStream(type: 'uint8array'): ZipStream }).internalStream('uint8array');
      stream
        .on('data', (chunk: Uint8Array) => {
          if (done) return;
          total += chunk.length;
          if (total > limit) {
            done = true;
            stream.pause();
            reject(
              new AppendixReadError(
                'UNREADABLE_FILE',
                `Tệp nén giải ra hơn ${Math.round(limit / 1024 / 1024)} MB: không phải tài liệu kế hoạch thông thường (có thể là tệp độc hại).`,
              ),
            );
          }
        })
        .on('error', (err: Error) => {
          if (done) return;
          done = true;
          reject(err);
        })
        .on('end', () => {
          if (done) return;
          done = true;
          resolve();
        })
        .resume();
    });
  }
}
