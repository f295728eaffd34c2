import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Keys are made by the API (`<organization>/<task>/<attachment id>`),
 * never from a name a person typed. The disk implementation is the default; an S3-compatible one
 * would implement the same three calls.
 */
export abstract class AttachmentStorage {
  /** Stores the bytes under `key`, all or nothing (a reader never sees half a file). */
  abstract put(key: string, content: Buffer): Promise<void>;
  /** The bytes under `key`; throws `AttachmentContentMissing` when there are none. */
  abstract open(key: string): Promise<Readable>;
  /** Removes the bytes; nothing happens when there are none. */
  abstract remove(key: string): Promise<void>;
}

export class AttachmentContentMissing extends Error {
  constructor(readonly key: string) {
    super(`attachment content missing: ${key}`);
    this.name = 'AttachmentContentMissing';
  }
}

const KEY = /^[0-9a-f-]{36}(\/[0-9a-f-]{36}){2}$/;

/** Storage keys are three uuids: nothing a path could escape with. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid attachment storage key: ${key}`);
}
