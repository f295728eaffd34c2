import { Button, Drawer, Group, Paper, Stack, Tabs } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api } from '../api/api.client';
import type { ActionResult } from '../api/types';
import { useResource } from '../lib/use-resource';
import { ApproveReturnButtons, ExtensionDecision } from './decisions';
import { usePhone } from './task-table';
import { DraftView, HistoryView, OpinionsView, TaskFacts } from './task-parts';
import { ErrorAlert, Loading } from './ui';

/**
 * A task one click away from a list: the draft, the coordinating units' opinions and the history,
 * with the leadership decisions at hand.
 */
export function TaskPreview({ taskId, onClose, onDone }: { taskId: string | null; onClose(): void; onDone(result: ActionResult): void }) {
  const phone = usePhone();
  // A phone: the whole screen, the decision buttons in a bar at the bottom, under the thumb.
  return (
    <Drawer opened={!!taskId} onClose={onClose} position={phone ? 'bottom' : 'right'} size={phone ? '100%' : 'xl'} title="Xem nhanh nhiệm vụ" padding="md" closeButtonProps={{ 'aria-label': 'Đóng xem nhanh' }}>
      {taskId && <PreviewBody taskId={taskId} onDone={onDone} phone={phone} />}
    </Drawer>
  );
}

function PreviewBody({ taskId, onDone, phone }: { taskId: string; onDone(result: ActionResult): void; phone: boolean }) {
  const detail = useResource(() => api.get('/tasks/{id}', { params: { path: { id: taskId } } }), [taskId]);
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.reload()} />;
  const task = detail.data;
  if (!task) return <Loading />;
  // The decisions the API offers this person now (availableActions), never a rule of the page's own.
  const decides = task.availableActions.some((a) => a.action === 'approve') && task.availableActions.some((a) => a.action === 'return');
  return (
    <Stack data-testid="task-preview">
      <h2 style={{ margin: 0, fontSize: 'var(--mantine-font-size-lg)' }}>{task.title}</h2>
      <TaskFacts task={task} />
      {decides && !phone && <ApproveReturnButtons task={task} onDone={onDone} />}
      <ExtensionDecision task={task} onDone={onDone} />
      <Tabs defaultValue="draft" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="draft">Dự thảo</Tabs.Tab>
          <Tabs.Tab value="opinions">Ý kiến phối hợp</Tabs.Tab>
          <Tabs.Tab value="history">Lịch sử</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="draft" pt="md">
          <DraftView task={task} />
        </Tabs.Panel>
        <Tabs.Panel value="opinions" pt="md">
          <OpinionsView task={task} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryView events={task.history} />
        </Tabs.Panel>
      </Tabs>
      <Group>
        <Button component={Link} to={`/tasks/${task.id}`} variant="light">
          Mở trang nhiệm vụ
        </Button>
      </Group>
      {decides && phone && (
        <Paper
          data-testid="preview-decision-bar"
          shadow="md"
          p="sm"
          withBorder
          style={{ position: 'sticky', bottom: 0, zIndex: 2, marginInline: 'calc(var(--mantine-spacing-md) * -1)', borderRadius: 0 }}
        >
          <ApproveReturnButtons task={task} onDone={onDone} size="md" grow />
        </Paper>
      )}
    </Stack>
  );
}
