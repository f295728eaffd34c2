import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/api.client';
import type { Notification, NotificationPage } from '../api/types';
import { Empty, ErrorAlert, Loading, notifyError, PageTitle, StatusBadge } from '../components/ui';
import { announceChange } from '../lib/events';
import { formatDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** Every notification of the person, newest first, with its task one click away. */
export function NotificationsPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [extra, setExtra] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useResource(async () => {
    const page = await api.get<NotificationPage>('/me/notifications', { limit: 30, unreadOnly: filter === 'unread' ? true : undefined });
    setExtra([]);
    setCursor(page.nextCursor);
    return page;
  }, [filter]);

  const markAll = async () => {
    await api.post('/me/notifications/read-all').catch(notifyError);
    announceChange();
    void first.reload();
  };
  const more = async () => {
    if (!cursor) return;
    const page = await api.get<NotificationPage>('/me/notifications', { limit: 30, cursor, unreadOnly: filter === 'unread' ? true : undefined });
    setExtra((x) => [...x, ...page.items]);
    setCursor(page.nextCursor);
  };
  const read = (n: Notification) => {
    if (!n.readAt) void api.post(`/me/notifications/${n.id}/read`).then(announceChange, () => undefined);
  };

  const items = [...(first.data?.items ?? []), ...extra];
  return (
    <>
      <PageTitle title="Thông báo">
        <Group gap="xs">
          <SegmentedControl
            aria-label="Lọc thông báo"
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'unread')}
            data={[
              { value: 'all', label: 'Tất cả' },
              { value: 'unread', label: `Chưa đọc${first.data ? ` (${first.data.unread})` : ''}` },
            ]}
          />
          <Button variant="default" onClick={() => void markAll()} disabled={!first.data?.unread}>
            Đánh dấu tất cả đã đọc
          </Button>
        </Group>
      </PageTitle>
      {first.error && <ErrorAlert error={first.error} onRetry={() => void first.reload()} />}
      {!first.data && !first.error && <Loading />}
      {first.data && items.length === 0 && (
        <Empty
          title={filter === 'unread' ? 'Không có thông báo chưa đọc' : 'Chưa có thông báo nào'}
          action={
            <Group justify="center">
              <Button component={Link} to="/" variant="light">
                Về trang chính
              </Button>
            </Group>
          }
        >
          Hệ thống báo ở đây (và qua thư điện tử) khi nhiệm vụ sắp đến hạn, quá hạn, chờ bạn cho ý kiến hoặc phê duyệt.
        </Empty>
      )}
      <Stack gap="xs" data-testid="notification-list">
        {items.map((n) => (
          <Paper key={n.id} withBorder p="sm" radius="md" bg={n.readAt ? undefined : 'blue.0'} data-notification-id={n.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Anchor component={Link} to={`/tasks/${n.taskId}`} onClick={() => read(n)} fw={n.readAt ? 500 : 700} size="sm">
                  {n.title}
                </Anchor>
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
        ))}
      </Stack>
      {cursor && (
        <Group justify="center" mt="md">
          <Button variant="light" onClick={() => void more()}>
            Xem thêm
          </Button>
        </Group>
      )}
    </>
  );
}
