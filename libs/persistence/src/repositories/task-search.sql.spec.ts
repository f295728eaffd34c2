import { DomainError, encodeCursor } from '@app/domain';
import { SqlParams } from './sql-params';
import { decodeTaskCursor, filterSql, nextCursorOf, pageSql, searchTokens, sentBackSql } from './task-search.sql';

const ID = '7d0f8a9e-1111-4a4a-8a8a-000000000000';

describe('task listing SQL', () => {
  it('folds the search like tasks.search_text: any case, with or without diacritics', () => {
    expect(searchTokens('Cải  CÁCH')).toEqual(['cai', 'cach']);
    expect(searchTokens('cai cach')).toEqual(['cai', 'cach']);
    expect(searchTokens('Đề án đề án')).toEqual(['de', 'an']);
    expect(searchTokens('   ')).toEqual([]);
    expect(searchTokens(undefined)).toEqual([]);
  });

  it('turns every filter into a parameter, never into SQL text', () => {
    const p = new SqlParams();
    const today = p.add('2026-05-01');
    const where = filterSql(
      { state: 'DRAFTING', planId: ID, sectionId: ID, unitId: ID, statusWord: 'OPEN_OVERDUE', dueBefore: '2026-12-31', dueAfter: '2026-01-01', q: "cải cách'; DROP TABLE tasks; --" },
      p,
      today,
    );
    expect(where.join(' ')).not.toMatch(/DROP|cải|cai/);
    expect(where).toHaveLength(7 + searchTokens("cải cách'; DROP TABLE tasks; --").length);
    expect(p.values).toContain('%cai%');
    expect(p.values).toContain('%drop%');
  });

  it('escapes LIKE wildcards in the search', () => {
    const p = new SqlParams();
    filterSql({ q: '50% a_b' }, p, '$0');
    expect(p.values).toEqual(['%50\\%%', '%a\\_b%']);
  });

  it('pages by keyset: the cursor holds the sort, the key and the id; another sort refuses it', () => {
    const row = { id: ID, due_key: '2026-02-28', activity_key: '2026-05-01T01:02:03.123456Z', created_key: '2026-01-01T00:00:00.000001Z' };
    const cursor = nextCursorOf('dueOn', row, true)!;
    expect(decodeTaskCursor(cursor, 'dueOn')).toEqual({ s: 'dueOn', k: '2026-02-28', id: ID });
    expect(nextCursorOf('dueOn', row, false)).toBeNull();

    const p = new SqlParams();
    const due = pageSql('dueOn', cursor, p);
    expect(due.orderBy).toMatch(/ASC, t\.id ASC$/);
    expect(due.where[0]).toMatch(/> \(\$1::date, \$2::uuid\)/);
    const activity = pageSql('lastActivity', nextCursorOf('lastActivity', row, true)!, new SqlParams());
    expect(activity.orderBy).toBe('t.last_activity_at DESC, t.id DESC');
    expect(activity.where[0]).toMatch(/< \(\$1::timestamptz, \$2::uuid\)/);

    for (const bad of [nextCursorOf('created', row, true)!, 'not-base64-json', encodeCursor({ s: 'dueOn', k: 'x', id: ID }), encodeCursor({ s: 'dueOn', k: '2026-01-01', id: "1' OR '1'='1" })]) {
      expect(() => pageSql('dueOn', bad, new SqlParams())).toThrow(DomainError);
    }
  });

  it('reads sentBack from the snapshot only while the task is being drafted again', () => {
    const sql = sentBackSql('t');
    expect(sql).toContain(`t.state <> 'DRAFTING' THEN NULL`);
    expect(sql).toContain(`jsonb_typeof(t.detail->'instruction') = 'object' THEN 'returned'`);
    expect(sql).toContain(`t.detail->'lastReview'->>'outcome' = 'disagreed' THEN 'disagreed'`);
  });
});
