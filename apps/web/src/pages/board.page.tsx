import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { Page, TaskState, TaskSummary } from '../api/types';
import { useSession } from '../auth/session.context';
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

const COLUMNS: Column[] = [
  { value: 'draft', label: 'Cần dự thảo', states: ['DRAFTING'], empty: 'Không có nhiệm vụ nào đang chờ đơn vị dự thảo.' },
  { value: 'review', label: 'Đang lấy ý kiến', states: ['IN_REVIEW'], empty: 'Không có dự thảo nào của đơn vị đang chờ ý kiến phối hợp.' },
  { value: 'approval', label: 'Chờ phê duyệt', states: ['AWAITING_APPROVAL'], empty: 'Không có nhiệm vụ nào của đơn vị đang chờ lãnh đạo phê duyệt.' },
  { value: 'done', label: 'Đã hoàn thành', states: ['COMPLETED'], empty: 'Đơn vị chưa hoàn thành nhiệm vụ nào.' },
  { value: 'waiting', label: 'Chờ sự kiện', states: ['PENDING_TRIGGER'], empty: 'Không có nhiệm vụ nào chờ sự kiện khởi động.' },
];

async function unitTasks(unitId: string, state: TaskState): Promise<{ items: TaskSummary[]; more: boolean }> {
  const page = await api.get<Page<TaskSummary>>('/tasks', { unitId, state, sort: 'dueOn', limit: 200 });
  return { items: page.items, more: !!page.nextCursor };
}

/** A unit's own tasks by state, and the drafts of other units that wait for its opinion. */
export function BoardPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = COLUMNS.some((c) => c.value === params.get('tab')) ? params.get('tab')! : 'draft';
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener(CHANGED_EVENT, bump);
    return () => window.removeEventListener(CHANGED_EVENT, bump);
  }, []);
  const unitId = me?.unit?.id ?? null;
  const board = useResource(async () => {
    if (!unitId) return null;
    const [columns, review] = await Promise.all([
      Promise.all(COLUMNS.map(async (c) => ({ column: c, ...(await unitTasks(unitId, c.states[0])) }))),
      api.get<Page<TaskSummary>>('/me/inbox', { box: 'review', sort: 'dueOn', limit: 200 }),
    ]);
    return { columns, review: review.items };
  }, [unitId, version]);

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
          <ReviewRequests tasks={board.data.review} canReview={me.roles.includes('unitHead')} />
          <Tabs value={tab} onChange={(v) => setParams(v && v !== 'draft' ? { tab: v } : {})} keepMounted={false}>
            <Tabs.List mb="md">
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
            {board.data.columns.map(({ column, items, more }) => (
              <Tabs.Panel key={column.value} value={column.value}>
                {items.length === 0 ? (
                  <Empty title={column.empty}>
                    {column.value === 'draft'
                      ? 'Nhiệm vụ được giao cho đơn vị hiện ở đây khi đến lúc thực hiện. Mở một nhiệm vụ để viết dự thảo, đính kèm tệp và báo cáo tiến độ.'
                      : 'Xem các thẻ khác để theo dõi nhiệm vụ của đơn vị.'}
                  </Empty>
                ) : (
                  <TaskTable
                    tasks={column.value === 'done' ? items : overdueFirst(items)}
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
              {t.title} <Text span c="dimmed">({t.ownerUnitCode})</Text>
            </Text>
            <Button component={Link} to={`/tasks/${t.id}/review`} size="xs">
              {canReview ? 'Cho ý kiến' : 'Xem dự thảo'}
            </Button>
          </Group>
        ))}
        {!canReview && (
          <Text size="xs" c="dimmed">
            Trưởng đơn vị cho ý kiến thay mặt đơn vị.
          </Text>
        )}
      </Stack>
      <Text size="xs" c="dimmed" mt="xs">
        Hạn cho ý kiến tính theo ngày làm việc; quá hạn không có ý kiến được coi như đồng ý hoặc báo cáo lãnh đạo. Hôm nay: {formatDate(vietnamToday())}
      </Text>
    </Alert>
  );
}
