import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ActionResult, Delegation, TaskDetail } from '../api/types';
import { useSession } from '../auth/session.context';
import { addDays, daysBetween, formatCount, formatDate } from '../lib/format';
import { useWorkingDays } from '../lib/working-days';
import { ActionModal, useTaskAction, type TaskRef } from './action-form';
import { DateField } from './ui';

const SELF = 'self';

/**
 * "Ký: KT. Giám đốc …" under a decision, so the person knows how it will be recorded: as `signAs`
 * when the decision chose (null: as oneself), else as the session signs.
 */
export function SignatureNote({ signAs }: { signAs?: Pick<Delegation, 'fullName'> | null }) {
  const { me } = useSession();
  if (!me) return null;
  const director = signAs !== undefined ? signAs : me.actingOnBehalfOf;
  const text = director ? `KT. Giám đốc ${director.fullName} — ${me.title} ${me.fullName}` : `${me.title} ${me.fullName}`;
  return (
    <Text size="sm" c="dimmed">
      Ghi nhận: {text}
    </Text>
  );
}

/**
 * Whom a decision is signed as: oneself, or "KT. Giám đốc" for one of the people the API says the
 * person may sign for (`GET /me/delegations`); starts as the session signs. `onBehalfOf` is what the
 * action sends (undefined when there is no choice: the session's header, if any, stays).
 */
export function useSignAs() {
  const { me, delegations } = useSession();
  const initial = delegations.find((d) => d.userId === me?.actingOnBehalfOf?.userId)?.username ?? SELF;
  // Untouched, the choice follows the session (the list arrives after the first render).
  const [picked, setPicked] = useState<string | null>(null);
  const value = picked ?? initial;
  const chosen = delegations.find((d) => d.username === value) ?? null;
  return {
    options: delegations,
    value: delegations.length ? value : SELF,
    setValue: setPicked,
    signAs: delegations.length ? chosen : undefined,
    onBehalfOf: delegations.length ? (chosen?.username ?? null) : undefined,
  };
}

/** The choice of {@link useSignAs}, only when the person may sign for somebody; then the signature line. */
export function SignAsField({ sign }: { sign: ReturnType<typeof useSignAs> }) {
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      {sign.options.length > 0 && (
        <Select
          label="Ký với tư cách"
          data={[
            { value: SELF, label: `${me.title} ${me.fullName}` },
            ...sign.options.map((d) => ({ value: d.username, label: `KT. ${d.title} ${d.fullName}` })),
          ]}
          value={sign.value}
          onChange={(v) => sign.setValue(v ?? SELF)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="sign-as"
        />
      )}
      <SignatureNote signAs={sign.signAs} />
    </>
  );
}

/**
 * What an approval did, from the task as it is after it: the whole task done, or which milestone
 * was approved and what comes next (a task of several milestones goes back to drafting the next).
 */
export function approvalMessage(result: ActionResult): string {
  const task = result.task;
  if (!task || task.state === 'COMPLETED' || !task.milestones?.length) return 'Nhiệm vụ đã được phê duyệt. Đã hoàn thành.';
  const done = task.milestones.filter((m) => m.state === 'DONE');
  const approved = done[done.length - 1];
  const next = task.currentStep?.milestone ?? task.milestones.find((m) => m.state !== 'DONE') ?? null;
  const n = task.milestones.length;
  const name = (m: { position: number; label: string }) => `mốc ${m.position}/${n}${m.label ? ` “${m.label}”` : ''}`;
  const head = approved ? `Đã phê duyệt ${name(approved)}.` : 'Đã phê duyệt.';
  if (!next) return `${head} Nhiệm vụ chờ bước tiếp theo.`;
  return `${head} Tiếp theo: ${name(next)}${next.dueOn ? `, hạn ${formatDate(next.dueOn)}` : ''}; đơn vị chủ trì dự thảo (${task.stateLabel.toLowerCase()}).`;
}

/** Approve and return, each with its confirmation; `onDone` after the workflow answered. */
export function ApproveReturnButtons({ task, onDone, size = 'sm', grow = false }: { task: TaskRef; onDone(result: ActionResult): void; size?: 'xs' | 'sm' | 'md'; grow?: boolean }) {
  const [modal, setModal] = useState<'approve' | 'return' | null>(null);
  const { busy, run } = useTaskAction(onDone);
  const sign = useSignAs();
  return (
    <>
      <Group gap="xs" wrap="nowrap" grow={grow}>
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
        onConfirm={async (comment) => !!(await run(task, 'approve', comment ? { comment } : {}, approvalMessage, { onBehalfOf: sign.onBehalfOf }))}
      >
        <SignAsField sign={sign} />
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
        onConfirm={async (comment) => !!(await run(task, 'return', { comment }, 'Đã trả lại cho đơn vị chủ trì.', { onBehalfOf: sign.onBehalfOf }))}
      >
        <Text size="sm">Nhiệm vụ trở về đơn vị chủ trì để chỉnh sửa rồi trình lại.</Text>
        <SignAsField sign={sign} />
      </ActionModal>
    </>
  );
}

/**
 * A pending extension request: grant the date asked, grant fewer (or more) days counted from the
 * deadline in force, or refuse with a reason.
 */
export function ExtensionDecision({ task, onDone }: { task: TaskDetail; onDone(result: ActionResult): void }) {
  const pending = task.workflow.extensions?.pending;
  const current = task.effectiveDueOn;
  const asked = pending && current ? daysBetween(current, pending.requestedDueOn) : 0;
  const [modal, setModal] = useState<'other' | 'refuse' | null>(null);
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const { busy, run } = useTaskAction(onDone);
  const sign = useSignAs();
  // The date chosen (the one asked, to start with), and the working days it adds to the deadline in force.
  const chosen = picked === undefined ? (pending?.requestedDueOn ?? null) : picked;
  const newDue = current && chosen && chosen > current ? chosen : null;
  const addedWorking = useWorkingDays(current, newDue);
  const askedWorking = useWorkingDays(current, pending?.requestedDueOn ?? null);
  if (!pending) return null;
  const ext = task.workflow.extensions!;
  const opts = { onBehalfOf: sign.onBehalfOf };
  return (
    <Paper withBorder p="md" radius="md" bg="yellow.0" data-testid="extension-request">
      <Stack gap="xs">
        <Text fw={600}>Đề nghị gia hạn</Text>
        <Text size="sm">
          Hạn hiện tại {formatDate(current)}, đề nghị gia hạn đến <b>{formatDate(pending.requestedDueOn)}</b>
          {asked > 0 ? ` (${askedWorking !== null ? `thêm ${formatCount(askedWorking)} ngày làm việc, ` : ''}${formatCount(asked)} ngày)` : ''}.
        </Text>
        <Text size="sm">Lý do: {pending.reason}</Text>
        <Text size="xs" c="dimmed">
          Đã gia hạn {ext.granted}/{ext.max} lần được phép.
        </Text>
        <SignAsField sign={sign} />
        <Group gap="xs">
          <Button
            size="sm"
            color="green"
            loading={busy && !modal}
            onClick={() => void run(task, 'decide-extension', { decision: 'grant' }, `Đã gia hạn đến ${formatDate(pending.requestedDueOn)}.`, opts)}
          >
            Đồng ý gia hạn đến {formatDate(pending.requestedDueOn)}
          </Button>
          <Button size="sm" variant="light" onClick={() => setModal('other')}>
            Gia hạn đến ngày khác…
          </Button>
          <Button size="sm" variant="light" color="red" onClick={() => setModal('refuse')}>
            Không đồng ý…
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
          if (!newDue) return `Chọn ngày gia hạn sau hạn hiện tại ${formatDate(current)}.`;
          return !!(await run(
            task,
            'decide-extension',
            newDue === pending.requestedDueOn ? { decision: 'grant', ...(comment ? { comment } : {}) } : { decision: 'grant_other_date', newDueOn: newDue, ...(comment ? { comment } : {}) },
            `Đã gia hạn đến ${formatDate(newDue)}.`,
            opts,
          ));
        }}
      >
        <DateField
          label="Gia hạn đến ngày"
          description={`Sau hạn hiện tại ${formatDate(current)}; đơn vị đề nghị đến ${formatDate(pending.requestedDueOn)}`}
          initial={pending.requestedDueOn}
          minDate={current ? addDays(current, 1) : undefined}
          onChange={(iso) => setPicked(iso)}
          withAsterisk
        />
        <Text size="sm" data-testid="extension-new-due">
          Hạn mới: <b>{newDue ? formatDate(newDue) : '—'}</b>
        </Text>
        {newDue && current && (
          <Text size="sm" c="dimmed" data-testid="extension-adds">
            Thêm {addedWorking !== null ? `${formatCount(addedWorking)} ngày làm việc (${formatCount(daysBetween(current, newDue))} ngày)` : `${formatCount(daysBetween(current, newDue))} ngày`} so với hạn hiện tại.
          </Text>
        )}
        <SignatureNote signAs={sign.signAs} />
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
        onConfirm={async (comment) => !!(await run(task, 'decide-extension', { decision: 'refuse', comment }, 'Đã từ chối đề nghị gia hạn.', opts))}
      >
        <SignatureNote signAs={sign.signAs} />
      </ActionModal>
    </Paper>
  );
}
