import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { InboxQuery, Page, TaskListQuery, TaskState, TaskSummary } from '../api/types';
import { useSession } from '../auth/session.context';
import { filterQuery, isFiltered, TaskFilters, useTaskFilters, type TaskFilterValues } from '../components/task-filters';
import { overdueFirst, TaskTable } from '../components/task-table';
import { Empty, ErrorAlert, Loading, PageTitle } from '../components/ui';
import { CHANGED_EVENT } from '../lib/events';
import { formatDate, vietnamToday } from '../lib/format';
import { useResource } from '../lib/use-resource';

interface Column {
  value: string;
  label: string;
  states: TaskState[];
  empty: string;
}

/**
 * "Việc của tôi": what waits for the person's own hand, defined once by the API (`box=mine`, and
 * its count for the menu's badge): what was given to me by name, my unit's drafts not given to
 * another officer, and for the unit head the other units' drafts that wait for the unit's opinion.
 */
export const MINE = 'mine';

const COLUMNS: Column[] = [
  { value: 'draft', label: 'Cần dự thảo', states: ['DRAFTING'], empty: 'Không có nhiệm vụ nào đang chờ đơn vị dự thảo.' },
  { value: 'review', label: 'Đang lấy ý kiến', states: ['IN_REVIEW'], empty: 'Không có dự thảo nào của đơn vị đang chờ ý kiến phối hợp.' },
  { value: 'approval', label: 'Chờ phê duyệt', states: ['AWAITING_APPROVAL'], empty: 'Không có nhiệm vụ nào của đơn vị đang chờ lãnh đạo phê duyệt.' },
  { value: 'done', label: 'Đã hoàn thành', states: ['COMPLETED'], empty: 'Đơn vị chưa hoàn thành nhiệm vụ nào.' },
  { value: 'waiting', label: 'Chờ sự kiện', states: ['PENDING_TRIGGER'], empty: 'Không có nhiệm vụ nào chờ sự kiện khởi động.' },
];

type Q = Record<string, string | number | boolean | null | undefined>;

/** Every page of a list (a unit has tens of tasks a year; 20 pages of 200 at most). */
async function everyPage(path: '/tasks' | '/me/inbox', query: Q): Promise<{ items: TaskSummary[]; more: boolean }> {
  const items: TaskSummary[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const q = { ...query, limit: 200, ...(cursor ? { cursor } : {}) };
    // A task box of the inbox answers tasks (only box=notifications answers notifications).
    const page: Page<TaskSummary> = path === '/tasks' ? await api.get(path, { params: { query: q as TaskListQuery } }) : ((await api.get(path, { params: { query: q as InboxQuery } })) as Page<TaskSummary>);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return { items, more: false };
  }
  return { items, more: true };
}

/**
 * One column of the board. "Cần dự thảo" is the draft box itself (the count of the menu's badge);
 * the others are the unit's own tasks in that state: the tasks it leads, not the group-led rows it
 * belongs to (the unit's own task of such a row is listed instead), so that a row counts once.
 */
async function unitTasks(unitId: string, column: Column, query: Q): Promise<{ items: TaskSummary[]; more: boolean }> {
  if (column.value === 'draft') return everyPage('/me/inbox', { ...query, box: 'draft' });
  const list = await everyPage('/tasks', { ...query, unitId, state: column.states[0] });
  return { items: list.items.filter((t) => !t.isGroup && t.ownerUnitId === unitId), more: list.more };
}

function order(tasks: TaskSummary[], filters: TaskFilterValues, done: boolean): TaskSummary[] {
  return filters.sort === 'urgent' && !done ? overdueFirst(tasks) : tasks;
}

/** A unit's own tasks by state, and the drafts of other units that wait for its opinion. */
export function BoardPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = COLUMNS.some((c) => c.value === params.get('tab')) || params.get('tab') === MINE ? params.get('tab')! : MINE;
  const [filters, setFilters] = useTaskFilters();
  const query = filterQuery(filters, undefined);
  const queryKey = JSON.stringify(query);
  const isHead = !!me?.roles.includes('unitHead');
  const setTab = (v: string | null) => {
    const next = new URLSearchParams(params);
    if (v && v !== MINE) next.set('tab', v);
    else next.delete('tab');
    setParams(next);
  };
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener(CHANGED_EVENT, bump);
    return () => window.removeEventListener(CHANGED_EVENT, bump);
  }, []);
  const unitId = me?.unit?.id ?? null;
  const board = useResource(async () => {
    if (!unitId) return null;
    const [columns, review, mine] = await Promise.all([
      Promise.all(COLUMNS.map(async (c) => ({ column: c, ...(await unitTasks(unitId, c, query)) }))),
      everyPage('/me/inbox', { ...query, box: 'review' }),
      everyPage('/me/inbox', { ...query, box: 'mine' }),
    ]);
    return { columns, review: review.items, mine: mine.items };
  }, [unitId, version, queryKey, isHead]);

  if (!me) return null;
  if (!me.unit) {
    return (
      <>
        <PageTitle title="Việc của đơn vị" />
        <Empty title="Bạn không thuộc đơn vị nào">Trang này dành cho chuyên viên và trưởng đơn vị. Liên hệ quản trị hệ thống nếu tài khoản cần được gắn với đơn vị.</Empty>
      </>
    );
  }
  return (
    <>
      <PageTitle title={`Việc của ${me.unit.name}`} />
      {board.error && <ErrorAlert error={board.error} onRetry={() => void board.reload()} />}
      {!board.data && !board.error && <Loading />}
      {board.data && (
        <Stack>
          <TaskFilters values={filters} onChange={setFilters} show={{ unit: false, status: true }} />
          <ReviewRequests tasks={board.data.review} canReview={isHead} />
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab
                value={MINE}
                rightSection={
                  board.data.mine.length ? (
                    <Badge size="sm" variant="filled" color={board.data.mine.some((t) => t.statusWord === 'OPEN_OVERDUE') ? 'red' : 'blue'}>
                      {board.data.mine.length}
                    </Badge>
                  ) : undefined
                }
              >
                Việc của tôi
              </Tabs.Tab>
              {board.data.columns.map(({ column, items, more }) => (
                <Tabs.Tab
                  key={column.value}
                  value={column.value}
                  rightSection={
                    items.length ? (
                      <Badge size="sm" variant="light" color={items.some((t) => t.statusWord === 'OPEN_OVERDUE') ? 'red' : 'blue'}>
                        {items.length}
                        {more ? '+' : ''}
                      </Badge>
                    ) : undefined
                  }
                >
                  {column.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value={MINE}>
              {board.data.mine.length === 0 ? (
                <Empty title={isFiltered(filters) ? 'Không có việc nào khớp tìm kiếm' : 'Không có việc nào đang chờ bạn'}>
                  {isHead
                    ? 'Ở đây là các dự thảo của đơn vị cần trình và các dự thảo của đơn vị khác chờ ý kiến của đơn vị.'
                    : 'Ở đây là các nhiệm vụ đơn vị chủ trì đang cần dự thảo.'}
                </Empty>
              ) : (
                <TaskTable
                  tasks={order(board.data.mine, filters, false)}
                  caption={`${board.data.mine.length} việc chờ bạn xử lý: ${isHead ? 'dự thảo của đơn vị và ý kiến phối hợp đơn vị cần cho' : 'việc được giao cho bạn và dự thảo của đơn vị chưa giao cho cán bộ khác'}.`}
                  linkOf={(t) => (t.ownerUnitId === unitId ? `/tasks/${t.id}` : `/tasks/${t.id}/review`)}
                  showWaiting
                />
              )}
            </Tabs.Panel>
            {board.data.columns.map(({ column, items, more }) => (
              <Tabs.Panel key={column.value} value={column.value}>
                {items.length === 0 && isFiltered(filters) ? (
                  <Empty title="Không có nhiệm vụ nào khớp tìm kiếm">Bỏ bớt điều kiện lọc để xem cả danh sách.</Empty>
                ) : items.length === 0 ? (
                  <Empty title={column.empty}>
                    {column.value === 'draft'
                      ? 'Nhiệm vụ được giao cho đơn vị hiện ở đây khi đến lúc thực hiện. Mở một nhiệm vụ để viết dự thảo, đính kèm tệp và báo cáo tiến độ.'
                      : 'Xem các thẻ khác để theo dõi nhiệm vụ của đơn vị.'}
                  </Empty>
                ) : (
                  <TaskTable
                    tasks={order(items, filters, column.value === 'done')}
                    caption={`${items.length}${more ? '+' : ''} nhiệm vụ do đơn vị chủ trì${column.value === 'done' ? '' : ', quá hạn trước'}.`}
                    showWaiting={column.value !== 'done'}
                  />
                )}
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      )}
    </>
  );
}

/** Drafts of other units that wait for this unit's opinion (the unit head answers on the review page). */
function ReviewRequests({ tasks, canReview }: { tasks: TaskSummary[]; canReview: boolean }) {
  if (!tasks.length) return null;
  return (
    <Alert color="blue" title={`${tasks.length} dự thảo đang chờ ý kiến của đơn vị`} data-testid="review-requests">
      <Stack gap="xs">
        {tasks.map((t) => (
          <Group key={t.id} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">
              {t.rowKey ? `${t.rowKey}. ` : ''}
              {t.title} <Text span c="gray.8">({t.ownerUnitCode})</Text>
            </Text>
            <Button component={Link} to={`/tasks/${t.id}/review`} size="xs">
              {canReview ? 'Cho ý kiến' : 'Xem dự thảo'}
            </Button>
          </Group>
        ))}
        {!canReview && (
          <Text size="xs" c="gray.8">
            Trưởng đơn vị cho ý kiến thay mặt đơn vị.
          </Text>
        )}
      </Stack>
      {/* Not "dimmed": on the alert's light blue that is 4.43:1, under WCAG AA's 4.5:1 (axe-core, the walk). */}
      <Text size="xs" c="gray.8" mt="xs">
        Hạn cho ý kiến tính theo ngày làm việc; quá hạn không có ý kiến được coi như đồng ý hoặc báo cáo lãnh đạo. Hôm nay: {formatDate(vietnamToday())}
      </Text>
    </Alert>
  );
}
