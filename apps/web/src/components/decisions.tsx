import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ActionResult, TaskDetail } from '../api/types';
import { useSession } from '../auth/session.context';
import { formatDate } from '../lib/format';
import { ActionModal, useTaskAction, type TaskRef } from './action-form';
import { DateField } from './ui';

/** "Ký: KT. Giám đốc …" under a decision, so the person knows how it will be recorded. */
export function SignatureNote() {
  const { me } = useSession();
  if (!me) return null;
  const text = me.actingOnBehalfOf ? `KT. Giám đốc ${me.actingOnBehalfOf.fullName} — ${me.title} ${me.fullName}` : `${me.title} ${me.fullName}`;
  return (
    <Text size="sm" c="dimmed">
      Ghi nhận: {text}
    </Text>
  );
}

/** Approve and return, each with its confirmation; `onDone` after the workflow answered. */
export function ApproveReturnButtons({ task, onDone, size = 'sm' }: { task: TaskRef; onDone(result: ActionResult): void; size?: 'xs' | 'sm' }) {
  const [modal, setModal] = useState<'approve' | 'return' | null>(null);
  const { busy, run } = useTaskAction(onDone);
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Button size={size} color="green" onClick={() => setModal('approve')}>
          Phê duyệt
        </Button>
        <Button size={size} variant="light" color="orange" onClick={() => setModal('return')}>
          Trả lại
        </Button>
      </Group>
      <ActionModal
        opened={modal === 'approve'}
        onClose={() => setModal(null)}
        title="Phê duyệt nhiệm vụ"
        task={task}
        text={{ label: 'Ý kiến chỉ đạo', required: false, description: 'Không bắt buộc' }}
        confirmLabel="Phê duyệt"
        color="green"
        busy={busy}
        onConfirm={async (comment) => !!(await run(task, 'approve', comment ? { comment } : {}, 'Nhiệm vụ đã được phê duyệt.'))}
      >
        <SignatureNote />
      </ActionModal>
      <ActionModal
        opened={modal === 'return'}
        onClose={() => setModal(null)}
        title="Trả lại để chỉnh sửa"
        task={task}
        text={{ label: 'Nội dung cần chỉnh sửa', required: true, placeholder: 'Ví dụ: Bổ sung số liệu năm trước, làm rõ tiến độ từng quý' }}
        confirmLabel="Trả lại"
        color="orange"
        busy={busy}
        onConfirm={async (comment) => !!(await run(task, 'return', { comment }, 'Đã trả lại cho đơn vị chủ trì.'))}
      >
        <Text size="sm">Nhiệm vụ trở về đơn vị chủ trì để chỉnh sửa rồi trình lại.</Text>
      </ActionModal>
    </>
  );
}

/** A pending extension request: grant the date asked, grant another date, or refuse with a reason. */
export function ExtensionDecision({ task, onDone }: { task: TaskDetail; onDone(result: ActionResult): void }) {
  const pending = task.workflow.extensions?.pending;
  const [modal, setModal] = useState<'other' | 'refuse' | null>(null);
  const [otherDate, setOtherDate] = useState<string | null>(null);
  const { busy, run } = useTaskAction(onDone);
  if (!pending) return null;
  const ext = task.workflow.extensions!;
  return (
    <Paper withBorder p="md" radius="md" bg="yellow.0" data-testid="extension-request">
      <Stack gap="xs">
        <Text fw={600}>Đề nghị gia hạn</Text>
        <Text size="sm">
          Hạn hiện tại {formatDate(task.effectiveDueOn)}, đề nghị gia hạn đến <b>{formatDate(pending.requestedDueOn)}</b>.
        </Text>
        <Text size="sm">Lý do: {pending.reason}</Text>
        <Text size="xs" c="dimmed">
          Đã gia hạn {ext.granted}/{ext.max} lần được phép.
        </Text>
        <SignatureNote />
        <Group gap="xs">
          <Button
            size="sm"
            color="green"
            loading={busy && !modal}
            onClick={() => void run(task, 'decide-extension', { decision: 'grant' }, `Đã gia hạn đến ${formatDate(pending.requestedDueOn)}.`)}
          >
            Đồng ý gia hạn đến {formatDate(pending.requestedDueOn)}
          </Button>
          <Button size="sm" variant="light" onClick={() => setModal('other')}>
            Gia hạn đến ngày khác
          </Button>
          <Button size="sm" variant="light" color="red" onClick={() => setModal('refuse')}>
            Không đồng ý
          </Button>
        </Group>
      </Stack>
      <ActionModal
        opened={modal === 'other'}
        onClose={() => setModal(null)}
        title="Gia hạn đến ngày khác"
        task={task}
        text={{ label: 'Ý kiến', required: false, description: 'Không bắt buộc' }}
        confirmLabel="Gia hạn"
        color="green"
        busy={busy}
        onConfirm={async (comment) => {
          if (!otherDate) return 'Nhập hạn mới theo dạng dd/mm/yyyy.';
          return !!(await run(task, 'decide-extension', { decision: 'grant_other_date', newDueOn: otherDate, ...(comment ? { comment } : {}) }, `Đã gia hạn đến ${formatDate(otherDate)}.`));
        }}
      >
        <DateField label="Hạn mới" withAsterisk onChange={setOtherDate} />
      </ActionModal>
      <ActionModal
        opened={modal === 'refuse'}
        onClose={() => setModal(null)}
        title="Không đồng ý gia hạn"
        task={task}
        text={{ label: 'Lý do không đồng ý', required: true }}
        confirmLabel="Không đồng ý gia hạn"
        color="red"
        busy={busy}
        onConfirm={async (comment) => !!(await run(task, 'decide-extension', { decision: 'refuse', comment }, 'Đã từ chối đề nghị gia hạn.'))}
      />
    </Paper>
  );
}
