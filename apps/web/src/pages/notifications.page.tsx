import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { Notification, NotificationPage } from '../api/types';
import { Empty, ErrorAlert, Loading, notifyError, OverdueLine, PageTitle, StatusBadge } from '../components/ui';
import { announceChange } from '../lib/events';
import { matchesQuery } from '../lib/folding';
import { formatDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** At most 5 pages of 100: the search and the grouping work on what is loaded, newest first. */
const PAGES = 5;

/** Every notification of the person, newest first or grouped by task, searchable, with its task one click away. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const filter = params.get('unread') === '1' ? 'unread' : 'all';
  const q = params.get('q') ?? '';
  const kind = params.get('kind');
  const byTask = params.get('group') === 'task';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const [text, setText] = useState(q);

  const list = useResource(async () => {
    const items: Notification[] = [];
    let cursor: string | null = null;
    let unread = 0;
    let more = false;
    for (let i = 0; i < PAGES; i++) {
      const page: NotificationPage = await api.get('/me/notifications', { params: { query: { limit: 100, cursor: cursor ?? undefined, unreadOnly: filter === 'unread' ? true : undefined } } });
      items.push(...page.items);
      unread = page.unread;
      cursor = page.nextCursor;
      more = !!cursor;
      if (!cursor) break;
    }
    return { items, unread, more };
  }, [filter]);

  const markAll = async () => {
    await api.post('/me/notifications/read-all').catch(notifyError);
    announceChange();
    void list.reload();
  };
  const read = (n: Notification) => {
    if (!n.readAt) void api.post('/me/notifications/{id}/read', { params: { path: { id: n.id } } }).then(announceChange, () => undefined);
  };

  const all = list.data?.items ?? [];
  // The kinds of what is loaded, named by the API (the event's label, as in the task history): no list of kinds here.
  const kinds = useMemo(() => [...new Map(all.map((n) => [n.type, n.typeLabel])).entries()].map(([value, label]) => ({ value, label })), [all]);
  const shown = all.filter((n) => (!kind || n.type === kind) && (!q.trim() || matchesQuery(`${n.title} ${n.body} ${n.task?.title ?? ''} ${n.task?.rowKey ?? ''}`, q)));
  const groups = useMemo(() => {
    const byId = new Map<string, Notification[]>();
    for (const n of shown) byId.set(n.taskId, [...(byId.get(n.taskId) ?? []), n]);
    return [...byId.values()];
  }, [shown]);
  const filtered = !!(q.trim() || kind);

  return (
    <>
      <PageTitle title="Thông báo">
        <Group gap="xs">
          <SegmentedControl
            aria-label="Lọc thông báo"
            value={filter}
            onChange={(v) => set('unread', v === 'unread' ? '1' : null)}
            data={[
              { value: 'all', label: 'Tất cả' },
              { value: 'unread', label: `Chưa đọc${list.data ? ` (${list.data.unread})` : ''}` },
            ]}
          />
          <Button variant="default" onClick={() => void markAll()} disabled={!list.data?.unread}>
            Đánh dấu tất cả đã đọc
          </Button>
        </Group>
      </PageTitle>
      <Group gap="xs" align="flex-end" wrap="wrap" mb="md" role="search" aria-label="Tìm thông báo" data-testid="notification-filters">
        <TextInput
          label="Tìm thông báo"
          placeholder="Tên nhiệm vụ, nội dung; có dấu hoặc không dấu"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            set('q', e.currentTarget.value.trim() ? e.currentTarget.value : null);
          }}
          style={{ flex: '1 1 260px' }}
        />
        <Select
          label="Loại thông báo"
          placeholder="Mọi loại"
          data={kinds}
          value={kind}
          onChange={(v) => set('kind', v)}
          clearable
          comboboxProps={{ withinPortal: true }}
          style={{ flex: '1 1 220px' }}
        />
        <Switch label="Gộp theo nhiệm vụ" checked={byTask} onChange={(e) => set('group', e.currentTarget.checked ? 'task' : null)} mb={8} />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.reload()} />}
      {!list.data && !list.error && <Loading />}
      {list.data && shown.length === 0 && (
        <Empty
          title={filtered ? 'Không có thông báo nào khớp tìm kiếm' : filter === 'unread' ? 'Không có thông báo chưa đọc' : 'Chưa có thông báo nào'}
          action={
            <Group justify="center">
              <Button component={Link} to="/" variant="light">
                Về trang chính
              </Button>
            </Group>
          }
        >
          {filtered ? 'Bỏ bớt điều kiện tìm để xem các thông báo khác.' : 'Hệ thống báo ở đây (và qua thư điện tử) khi nhiệm vụ sắp đến hạn, quá hạn, chờ bạn cho ý kiến hoặc phê duyệt.'}
        </Empty>
      )}
      {list.data && shown.length > 0 && (
        <Text size="sm" c="dimmed" mb="xs">
          {filtered ? `${shown.length} thông báo khớp tìm kiếm` : `${shown.length} thông báo`}
          {byTask ? `, của ${groups.length} nhiệm vụ` : ''}
          {list.data.more ? ` (${all.length} thông báo mới nhất)` : ''}.
        </Text>
      )}
      <Stack gap="xs" data-testid="notification-list">
        {byTask
          ? groups.map((items) => <TaskGroup key={items[0].taskId} items={items} onRead={read} />)
          : shown.map((n) => <NotificationItem key={n.id} n={n} onRead={read} />)}
      </Stack>
    </>
  );
}

function NotificationItem({ n, onRead }: { n: Notification; onRead(n: Notification): void }) {
  return (
    <Paper withBorder p="sm" radius="md" bg={n.readAt ? undefined : 'blue.0'} data-notification-id={n.id}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600}>
            {n.typeLabel}
          </Text>
          <Anchor component={Link} to={`/tasks/${n.taskId}`} onClick={() => onRead(n)} fw={n.readAt ? 500 : 700} size="sm">
            {n.title}
          </Anchor>
          {/* The title says how late the task was when it was sent ("quá hạn 3 ngày làm việc"); this line, how late it is today. */}
          {n.task && <OverdueLine task={n.task} prefix="Đến hôm nay: " />}
          <Text size="sm" c="dimmed" lineClamp={2}>
            {n.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(n.createdAt)}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          {!n.readAt && (
            <Badge size="sm" color="blue">
              Mới
            </Badge>
          )}
          {n.task && <StatusBadge word={n.task.statusWord} label={n.task.statusLabel} />}
        </Stack>
      </Group>
    </Paper>
  );
}

/** The notifications of one task under its title: newest first, each one line. */
function TaskGroup({ items, onRead }: { items: Notification[]; onRead(n: Notification): void }) {
  const first = items[0];
  const unread = items.filter((n) => !n.readAt).length;
  const title = first.task ? `${first.task.rowKey ? `${first.task.rowKey}. ` : ''}${first.task.title}` : first.title;
  return (
    <Paper withBorder p="sm" radius="md" bg={unread ? 'blue.0' : undefined} data-task-group={first.taskId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb={4}>
        <Anchor component={Link} to={`/tasks/${first.taskId}`} onClick={() => items.forEach(onRead)} fw={700} size="sm" style={{ flex: '1 1 240px', minWidth: 0 }}>
          {title}
        </Anchor>
        <Group gap={4}>
          {unread > 0 && (
            <Badge size="sm" color="blue">
              {unread} mới
            </Badge>
          )}
          {first.task && <StatusBadge word={first.task.statusWord} label={first.task.statusLabel} />}
        </Group>
      </Group>
      {first.task && <OverdueLine task={first.task} prefix="Đến hôm nay: " />}
      <Stack gap={2}>
        {items.map((n) => (
          <Text size="sm" key={n.id} fw={n.readAt ? 400 : 600} data-notification-id={n.id}>
            {formatDateTime(n.createdAt)} — {n.title}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

