import { loadEnv } from './env.schema';

describe('loadEnv: uploads', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/planflow', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('has defaults for the attachment folder, limits and types', () => {
    expect(loadEnv(valid)).toMatchObject({
      ATTACHMENTS_DIR: '.data/attachments',
      ATTACHMENT_MAX_BYTES: 20 * 1024 * 1024,
      PLAN_IMPORT_MAX_BYTES: 10 * 1024 * 1024,
      ATTACHMENT_TYPES: expect.arrayContaining(['pdf', 'docx', 'xlsx', 'png', 'jpg']),
    });
    expect(loadEnv({ ...valid, ATTACHMENT_MAX_BYTES: '', PLAN_IMPORT_MAX_BYTES: '' })).toMatchObject({
      ATTACHMENT_MAX_BYTES: 20 * 1024 * 1024,
      PLAN_IMPORT_MAX_BYTES: 10 * 1024 * 1024,
    });
  });

  it('reads a type list and sizes, and refuses unknown types and absurd sizes', () => {
    expect(loadEnv({ ...valid, ATTACHMENT_TYPES: ' PDF, .docx ,png', ATTACHMENT_MAX_BYTES: '1048576' })).toMatchObject({
      ATTACHMENT_TYPES: ['pdf', 'docx', 'png'],
      ATTACHMENT_MAX_BYTES: 1048576,
    });
    expect(() => loadEnv({ ...valid, ATTACHMENT_TYPES: 'pdf,exe' })).toThrow(/ATTACHMENT_TYPES: each type must be one of/);
    expect(() => loadEnv({ ...valid, ATTACHMENT_MAX_BYTES: '0' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(() => loadEnv({ ...valid, PLAN_IMPORT_MAX_BYTES: 'ten' })).toThrow(/PLAN_IMPORT_MAX_BYTES/);
  });
});
