import { Anchor, Checkbox, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TaskSummary } from '../api/types';
import { formatDate, STATUS_COLORS } from '../lib/format';
import { DueDate, OverdueLine, SentBackBadge, StatusBadge } from './ui';

/** Below 768 px (Mantine's `sm`): lists are cards, read and decided with one thumb. */
export const PHONE_QUERY = '(max-width: 47.99em)';

export function usePhone(): boolean {
  // Read on the first render (no server rendering here): a phone never paints the table first.
  return useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
}

export interface TaskTableProps {
  tasks: TaskSummary[];
  caption: string;
  /** Rows can be ticked (bulk actions). */
  selection?: { selected: Set<string>; onChange(next: Set<string>): void };
  /** Where the title links to (the task page by default). */
  linkOf?: (task: TaskSummary) => string;
  /** Extra cells at the end of each row (buttons). */
  actions?: (task: TaskSummary) => ReactNode;
  actionsLabel?: string;
  showState?: boolean;
  showWaiting?: boolean;
}

/**
 * Tasks as a table: row key, title, lead unit, deadline, status word in colour. Scrolls sideways
 * on a tablet; on a phone the same tasks are cards ({@link TaskCards}).
 */
export function TaskTable(props: TaskTableProps) {
  const phone = usePhone();
  return phone ? <TaskCards {...props} /> : <TaskRows {...props} />;
}

function TaskRows({ tasks, caption, selection, linkOf = (t) => `/tasks/${t.id}`, actions, actionsLabel = 'Thao tác', showState = true, showWaiting = false }: TaskTableProps) {
  const allSelected = !!selection && tasks.length > 0 && tasks.every((t) => selection.selected.has(t.id));
  const toggle = (id: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selection.onChange(next);
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="task-table">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          <Text size="sm" c="dimmed" component="span">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Chọn tất cả"
                  checked={allSelected}
                  indeterminate={!allSelected && selection.selected.size > 0}
                  onChange={() => selection.onChange(allSelected ? new Set() : new Set(tasks.map((t) => t.id)))}
                />
              </Table.Th>
            )}
            <Table.Th w={70}>STT</Table.Th>
            <Table.Th>Nhiệm vụ</Table.Th>
            <Table.Th w={110}>Chủ trì</Table.Th>
            <Table.Th w={130}>Hạn</Table.Th>
            <Table.Th w={190}>Tình trạng</Table.Th>
            {actions && <Table.Th>{actionsLabel}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t) => (
            <Table.Tr key={t.id} data-task-id={t.id} data-row-key={t.rowKey ?? ''} bg={selection?.selected.has(t.id) ? 'var(--mantine-color-blue-light)' : undefined}>
              {selection && (
                <Table.Td>
                  <Checkbox aria-label={`Chọn nhiệm vụ ${t.rowKey ?? ''} ${t.title}`} checked={selection.selected.has(t.id)} onChange={() => toggle(t.id)} />
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {t.rowKey ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={linkOf(t)} size="sm" fw={500} lineClamp={3}>
                    {t.title}
                  </Anchor>
                  {showState && (
                    <Text size="xs" c="dimmed">
                      {t.stateLabel}
                      {t.progressPercent > 0 && t.state !== 'COMPLETED' ? ` · ${t.progressPercent}%` : ''}
                    </Text>
                  )}
                  {showWaiting && t.waitingOn.text && (
                    <Text size="xs" c="dimmed">
                      {t.waitingOn.text}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={t.ownerUnitName ?? undefined}>
                  {t.ownerUnitCode ?? (t.isGroup ? 'Nhiều đơn vị' : '—')}
                </Text>
              </Table.Td>
              <Table.Td>
                <DueDate task={t} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StatusBadge word={t.statusWord} label={t.statusLabel} />
                  <SentBackBadge task={t} />
                </Stack>
              </Table.Td>
              {actions && <Table.Td>{actions(t)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A phone's list: one card per task with the title in full, the lead unit, the deadline and the
 * status word in its colour (the card's edge too), who it waits on, and the buttons below, wrapping
 * inside the card: nothing needs a sideways scroll.
 */
export function TaskCards({ tasks, caption, selection, linkOf = (t) => `/tasks/${t.id}`, actions, showState = true, showWaiting = false }: TaskTableProps) {
  const toggle = (id: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selection.onChange(next);
  };
  return (
    <Stack gap="sm" data-testid="task-cards" role="list" aria-label={caption}>
      <Text size="sm" c="dimmed">
        {caption}
      </Text>
      {tasks.map((t) => (
        <Paper
          key={t.id}
          role="listitem"
          withBorder
          p="sm"
          radius="md"
          data-task-id={t.id}
          data-row-key={t.rowKey ?? ''}
          bg={selection?.selected.has(t.id) ? 'var(--mantine-color-blue-light)' : undefined}
          style={{ borderLeft: `5px solid var(--mantine-color-${STATUS_COLORS[t.statusWord]}-6)` }}
        >
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              {selection && (
                <Checkbox mt={2} aria-label={`Chọn nhiệm vụ ${t.rowKey ?? ''} ${t.title}`} checked={selection.selected.has(t.id)} onChange={() => toggle(t.id)} />
              )}
              <Anchor component={Link} to={linkOf(t)} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t.rowKey ? `${t.rowKey}. ` : ''}
                {t.title}
              </Anchor>
            </Group>
            <Text size="sm" data-testid="card-facts">
              <Text span size="sm" c="dimmed">
                Chủ trì{' '}
              </Text>
              <span title={t.ownerUnitName ?? undefined}>{t.ownerUnitCode ?? (t.isGroup ? 'Nhiều đơn vị' : '—')}</span>
              <Text span size="sm" c="dimmed">
                {' · '}Hạn{' '}
              </Text>
              {t.effectiveDueOn ? formatDate(t.effectiveDueOn) : 'chưa có'}
              {t.extendedDueOn && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (gia hạn từ {formatDate(t.dueOn)})
                </Text>
              )}
            </Text>
            <OverdueLine task={t} />
            <Group gap="xs" wrap="wrap">
              <StatusBadge word={t.statusWord} label={t.statusLabel} />
              <SentBackBadge task={t} />
              {showState && (
                <Text size="xs" c="dimmed">
                  {t.stateLabel}
                  {t.progressPercent > 0 && t.state !== 'COMPLETED' ? ` · ${t.progressPercent}%` : ''}
                </Text>
              )}
            </Group>
            {showWaiting && t.waitingOn.text && (
              <Text size="xs" c="dimmed" data-testid="waiting-on">
                {t.waitingOn.text}
              </Text>
            )}
            {actions && <div data-testid="card-actions">{actions(t)}</div>}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** Overdue first, then by deadline in force (the inbox's order for leadership). */
export function overdueFirst(tasks: TaskSummary[]): TaskSummary[] {
  return [...tasks].sort((a, b) => {
    const ao = a.statusWord === 'OPEN_OVERDUE' ? 0 : 1;
    const bo = b.statusWord === 'OPEN_OVERDUE' ? 0 : 1;
    if (ao !== bo) return ao - bo;
    return (a.effectiveDueOn ?? '9999').localeCompare(b.effectiveDueOn ?? '9999');
  });
}
