import { Button, Drawer, Group, Stack, Tabs } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api } from '../api/api.client';
import type { ActionResult, TaskDetail } from '../api/types';
import { useResource } from '../lib/use-resource';
import { ApproveReturnButtons, ExtensionDecision } from './decisions';
import { DraftView, HistoryView, OpinionsView, TaskFacts } from './task-parts';
import { ErrorAlert, Loading } from './ui';

/**
 * A task one click away from a list: the draft, the coordinating units' opinions and the history,
 * with the leadership decisions at hand.
 */
export function TaskPreview({ taskId, onClose, onDone }: { taskId: string | null; onClose(): void; onDone(result: ActionResult): void }) {
  return (
    <Drawer opened={!!taskId} onClose={onClose} position="right" size="xl" title="Xem nhanh nhiệm vụ" padding="md">
      {taskId && <PreviewBody taskId={taskId} onDone={onDone} />}
    </Drawer>
  );
}

function PreviewBody({ taskId, onDone }: { taskId: string; onDone(result: ActionResult): void }) {
  const detail = useResource(() => api.get<TaskDetail>(`/tasks/${taskId}`), [taskId]);
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.reload()} />;
  const task = detail.data;
  if (!task) return <Loading />;
  return (
    <Stack data-testid="task-preview">
      <h2 style={{ margin: 0, fontSize: 'var(--mantine-font-size-lg)' }}>{task.title}</h2>
      <TaskFacts task={task} />
      {task.state === 'AWAITING_APPROVAL' && <ApproveReturnButtons task={task} onDone={onDone} />}
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
    </Stack>
  );
}
