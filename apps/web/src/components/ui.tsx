import { Alert, Anchor, Badge, Breadcrumbs, Button, EmptyState, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/api.client';
import type { StatusWord, TaskSummary } from '../api/types';
import { daysBetween, formatDate, overdueText, parseVietnameseDate, STATUS_COLORS, STATUS_WORDS, vietnamToday } from '../lib/format';
import { useWorkingDays } from '../lib/working-days';

/** The status word in its colour (WORKFLOW.md). */
export function StatusBadge({ word, label }: { word: StatusWord; label?: string }) {
  return (
    <Badge color={STATUS_COLORS[word]} variant={word === 'CANCELLED' ? 'outline' : 'light'} radius="sm" data-status={word} style={{ textTransform: 'none' }}>
      {label ?? STATUS_WORDS[word]}
    </Badge>
  );
}

/**
 * "Bị trả lại" on a task back with its lead unit after leadership returned it (or "Phối hợp không
 * đồng ý" when a coordinating unit disagreed), from the summary's `sentBack`; nothing otherwise.
 * Filled in a dark shade: white text at a contrast above 4.5:1 (axe-core).
 */
export function SentBackBadge({ task }: { task: Pick<TaskSummary, 'sentBack'> }) {
  if (!task.sentBack) return null;
  const returned = task.sentBack === 'returned';
  return (
    <Badge color={returned ? 'red.9' : 'grape.9'} variant="filled" radius="sm" data-sent-back={task.sentBack} style={{ textTransform: 'none' }}>
      {returned ? 'Bị trả lại' : 'Phối hợp không đồng ý'}
    </Badge>
  );
}

/** "quá hạn 12 ngày làm việc (16 ngày)" of an overdue task, by the organization's calendar; nothing otherwise. */
export function OverdueLine({ task, prefix = '' }: { task: Pick<TaskSummary, 'effectiveDueOn' | 'workingDueOn' | 'statusWord'>; prefix?: string }) {
  const today = vietnamToday();
  // Late from the working end of the deadline (a deadline on a day off ends the next working day).
  const end = task.workingDueOn ?? task.effectiveDueOn;
  const overdue = task.statusWord === 'OPEN_OVERDUE' && !!end;
  const working = useWorkingDays(overdue ? end : null, today);
  const late = overdue ? daysBetween(end!, today) : 0;
  if (late <= 0) return null;
  return (
    <Text size="xs" c="red.8" fw={600} data-testid="overdue-days">
      {prefix}
      {overdueText(late, working)}
    </Text>
  );
}

/** "28/02/2023", with the extension and how late it is when that matters. */
export function DueDate({
  task,
  withOverdue = true,
}: {
  task: Pick<TaskSummary, 'dueOn' | 'extendedDueOn' | 'effectiveDueOn' | 'workingDueOn' | 'statusWord'>;
  withOverdue?: boolean;
}) {
  if (!task.effectiveDueOn) return <Text size="sm" c="dimmed">Chưa có hạn</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm">{formatDate(task.effectiveDueOn)}</Text>
      {task.extendedDueOn && (
        <Text size="xs" c="dimmed">
          gia hạn từ {formatDate(task.dueOn)}
        </Text>
      )}
      {task.workingDueOn && task.workingDueOn !== task.effectiveDueOn && (
        <Text size="xs" c="dimmed" data-testid="working-due">
          ngày nghỉ: hết hạn cuối ngày {formatDate(task.workingDueOn)}
        </Text>
      )}
      {withOverdue && <OverdueLine task={task} />}
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

/** A toast's close button, named for screen readers (axe-core: button-name). */
const CLOSE_TOAST = { 'aria-label': 'Đóng thông báo' };

export function notifySuccess(message: string, title = 'Đã thực hiện'): void {
  notifications.show({ color: 'green', title, message, autoClose: 5000, closeButtonProps: CLOSE_TOAST });
}

export function notifyError(err: unknown, title = 'Không thực hiện được'): void {
  const message = err instanceof Error ? err.message : String(err);
  const stale = err instanceof ApiError && err.code === 'STALE_VERSION';
  notifications.show({
    color: 'red',
    title: stale ? 'Nhiệm vụ vừa được người khác cập nhật' : title,
    message: stale ? `${message} Trang đã được tải lại: vui lòng xem lại rồi thao tác.` : message,
    autoClose: 10_000,
    closeButtonProps: CLOSE_TOAST,
  });
}

/**
 * A date: typed as dd/mm/yyyy (the way people here write dates) or picked on a Vietnamese calendar
 * (Mantine DateInput, weeks from Monday); `onChange` gets YYYY-MM-DD or null. A typed date that is
 * no real day says so.
 */
export function DateField({ onChange, error, ...props }: Omit<DateInputProps, 'onChange' | 'value' | 'defaultValue'> & { onChange(iso: string | null): void; initial?: string | null }) {
  const { initial, ...rest } = props;
  const [value, setValue] = useState<string | null>(initial ?? null);
  const [badText, setBadText] = useState(false);
  // The calendar opens on focus and closes once a date is typed or picked: it never stays over the dialog's buttons.
  const [opened, setOpened] = useState(false);
  return (
    <DateInput
      placeholder="dd/mm/yyyy"
      valueFormat="DD/MM/YYYY"
      inputMode="numeric"
      autoComplete="off"
      clearable
      clearButtonProps={{ 'aria-label': 'Xóa ngày' }}
      nextLabel="Tháng sau"
      previousLabel="Tháng trước"
      {...rest}
      popoverProps={{ withinPortal: true, opened }}
      onFocus={() => setOpened(true)}
      onClick={() => setOpened(true)}
      onBlur={() => setOpened(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'Tab') setOpened(false);
      }}
      value={value}
      dateParser={(text) => {
        const iso = parseVietnameseDate(text);
        setBadText(!!text.trim() && !iso);
        return iso;
      }}
      error={error ?? (badText ? 'Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 31/03/2025' : undefined)}
      onChange={(v) => {
        const iso = typeof v === 'string' ? v.slice(0, 10) : null;
        setValue(iso);
        setOpened(false);
        if (iso) setBadText(false);
        onChange(iso);
      }}
    />
  );
}
