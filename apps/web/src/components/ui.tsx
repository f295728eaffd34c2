import { Alert, Anchor, Badge, Breadcrumbs, Button, EmptyState, Group, Loader, Stack, Text, TextInput, Title, type TextInputProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/api.client';
import type { StatusWord, TaskSummary } from '../api/types';
import { daysBetween, formatDate, parseVietnameseDate, STATUS_COLORS, STATUS_WORDS, vietnamToday } from '../lib/format';

/** The status word in its colour (WORKFLOW.md). */
export function StatusBadge({ word, label }: { word: StatusWord; label?: string }) {
  return (
    <Badge color={STATUS_COLORS[word]} variant={word === 'CANCELLED' ? 'outline' : 'light'} radius="sm" data-status={word} style={{ textTransform: 'none' }}>
      {label ?? STATUS_WORDS[word]}
    </Badge>
  );
}

/** "28/02/2023", with the extension and how late it is when that matters. */
export function DueDate({ task }: { task: Pick<TaskSummary, 'dueOn' | 'extendedDueOn' | 'effectiveDueOn' | 'statusWord'> }) {
  if (!task.effectiveDueOn) return <Text size="sm" c="dimmed">Chưa có hạn</Text>;
  const late = task.statusWord === 'OPEN_OVERDUE' ? daysBetween(task.effectiveDueOn, vietnamToday()) : 0;
  return (
    <Stack gap={0}>
      <Text size="sm">{formatDate(task.effectiveDueOn)}</Text>
      {task.extendedDueOn && (
        <Text size="xs" c="dimmed">
          gia hạn từ {formatDate(task.dueOn)}
        </Text>
      )}
      {late > 0 && (
        <Text size="xs" c="red.8" fw={600}>
          quá hạn {late} ngày
        </Text>
      )}
    </Stack>
  );
}

export function PageTitle({ title, crumbs = [], children }: { title: string; crumbs?: Array<{ label: string; to: string }>; children?: ReactNode }) {
  return (
    <Stack gap={4} mb="md">
      {crumbs.length > 0 && (
        <Breadcrumbs aria-label="Đường dẫn">
          {crumbs.map((c) => (
            <Anchor component={Link} to={c.to} key={c.to} size="sm">
              {c.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
      </Group>
    </Stack>
  );
}

/** What to do when there is nothing: never a blank page. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState title={title} description={children} py="xl" data-testid="empty-state">
      {action}
    </EmptyState>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <Group justify="center" py="xl" role="status" aria-live="polite">
      <Loader size="sm" />
      <Text c="dimmed">{label}</Text>
    </Group>
  );
}

export function ErrorAlert({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  return (
    <Alert color="red" title="Không tải được dữ liệu" role="alert" my="md">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Thử lại
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function notifySuccess(message: string, title = 'Đã thực hiện'): void {
  notifications.show({ color: 'green', title, message, autoClose: 5000 });
}

export function notifyError(err: unknown, title = 'Không thực hiện được'): void {
  const message = err instanceof Error ? err.message : String(err);
  const stale = err instanceof ApiError && err.code === 'STALE_VERSION';
  notifications.show({
    color: 'red',
    title: stale ? 'Nhiệm vụ vừa được người khác cập nhật' : title,
    message: stale ? `${message} Trang đã được tải lại: vui lòng xem lại rồi thao tác.` : message,
    autoClose: 10_000,
  });
}

/** A date typed as dd/mm/yyyy (the way people here write dates); `onChange` gets YYYY-MM-DD or null. */
export function DateField({ onChange, ...props }: Omit<TextInputProps, 'onChange' | 'value'> & { onChange(iso: string | null): void }) {
  const [text, setText] = useState('');
  const iso = parseVietnameseDate(text);
  return (
    <TextInput
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      autoComplete="off"
      {...props}
      value={text}
      error={props.error ?? (text && !iso ? 'Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 31/03/2025' : undefined)}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parseVietnameseDate(e.currentTarget.value));
      }}
    />
  );
}
