import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  FileButton,
  Grid,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { ActionResult, Attachment, TaskDetail } from '../api/types';
import { useSession } from '../auth/session.context';
import { ActionModal, useTaskAction } from '../components/action-form';
import { GenericAction } from '../components/generic-action';
import { ApproveReturnButtons, ExtensionDecision, SignAsField, SignatureNote, useSignAs } from '../components/decisions';
import { CommentsView, DraftView, HistoryView, OpinionsView, TaskFacts } from '../components/task-parts';
import { DateField, ErrorAlert, Loading, notifyError, notifySuccess, PageTitle } from '../components/ui';
import { formatBytes, formatDate, formatDateTime } from '../lib/format';
import { homeCrumb } from '../lib/home';
import { useResource } from '../lib/use-resource';
import { ReviewForm } from './review.page';

const OPEN = ['PENDING_TRIGGER', 'DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'];

/**
 * What this person may do on this task: exactly the `availableActions` the API computed with the
 * workflow's own checks (the action registry), so the page never offers a button the workflow
 * would then refuse.
 */
function actionsOf(task: TaskDetail) {
  const has = (action: string) => task.availableActions.some((a) => a.action === action);
  return {
    editDraft: has('saveDraft'),
    submit: has('submit'),
    nameUnits: has('nameCoordinatingUnits') && task.state === 'DRAFTING',
    review: has('review'),
    approve: has('approve'),
    returnTask: has('return'),
    decideExtension: has('decideExtension'),
    requestExtension: has('requestExtension'),
    raiseBlocker: has('raiseBlocker'),
    resolveBlocker: has('resolveBlocker'),
    recordTrigger: has('recordTrigger'),
    reports: has('submitReport'),
    acknowledge: has('acknowledgeReport'),
    reassign: has('reassign'),
    cancel: has('cancel'),
    comment: has('comment'),
    assign: has('assign'),
  };
}

/**
 * The steps this page has a form of its own for (the files' steps are in the files panel); every
 * other step the API offers gets the form the API describes (`GenericAction`).
 */
const OWN_FORMS: ReadonlySet<string> = new Set([
  'saveDraft',
  'submit',
  'nameCoordinatingUnits',
  'review',
  'approve',
  'return',
  'decideExtension',
  'requestExtension',
  'raiseBlocker',
  'resolveBlocker',
  'recordTrigger',
  'submitReport',
  'acknowledgeReport',
  'reassign',
  'cancel',
  'comment',
  'assign',
  'recordAttachment',
  'removeAttachment',
]);
const genericActionsOf = (task: TaskDetail) => task.availableActions.filter((a) => !OWN_FORMS.has(a.action) && a.form);

/** The top of a task sent back: the leader's instruction, or the coordinating units that disagreed. */
function ReturnedBanner({ task }: { task: TaskDetail }) {
  if (task.state !== 'DRAFTING') return null;
  const i = task.instruction;
  const disagreed = task.workflow.lastReview?.outcome === 'disagreed' ? task.workflow.lastReview.comments.filter((c) => c.opinion === 'disagree' || c.comment) : [];
  if (!i && !disagreed.length) return null;
  return (
    <Stack gap="xs">
      {i && (
        <Alert color="orange" title="Lãnh đạo trả lại: chỉnh sửa theo ý kiến chỉ đạo rồi trình lại" data-testid="returned-banner">
          <Text size="sm" fw={500}>
            {i.text}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {i.onBehalfOf ? `KT. ${i.onBehalfOf.title || 'Giám đốc'} ${i.onBehalfOf.fullName} — ` : ''}
            {i.by ? `${i.by.title} ${i.by.fullName}`.trim() : 'Lãnh đạo'}, {formatDateTime(i.at)}
          </Text>
        </Alert>
      )}
      {disagreed.length > 0 && (
        <Alert color="red" title="Đơn vị phối hợp không đồng ý" data-testid="disagreement-banner">
          <Text size="sm" mb={4}>
            Tiếp thu, hoàn thiện dự thảo rồi trình lại (hoặc trình vượt ý kiến phối hợp, kèm lý do).
          </Text>
          <List size="sm">
            {disagreed.map((c) => (
              <List.Item key={c.unitId}>
                {c.unitCode}: {c.comment}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const detail = useResource(() => api.get('/tasks/{id}', { params: { path: { id: id! } } }), [id, me?.actingOnBehalfOf?.userId]);
  const [task, setTask] = useState<TaskDetail | null>(null);
  useEffect(() => setTask(detail.data ?? null), [detail.data]);

  const crumb = homeCrumb(me);
  if (detail.error) {
    return (
      <>
        <PageTitle title="Nhiệm vụ" crumbs={[crumb]} />
        <ErrorAlert error={detail.error} onRetry={detail.error.status >= 500 || detail.error.status === 0 ? () => void detail.reload() : undefined} />
        <Button component={Link} to={crumb.to} variant="light">
          Về {crumb.label.toLowerCase()}
        </Button>
      </>
    );
  }
  if (!task || !me) return <Loading />;

  const can = actionsOf(task);
  const apply = (result: ActionResult) => {
    if (result.task) setTask(result.task);
    else {
      notifySuccess('Nhiệm vụ không còn thuộc phạm vi của bạn.');
      void navigate(crumb.to);
    }
  };
  /** A refused action may mean the task moved: show what it is now. */
  const refresh = () => void detail.reload();

  return (
    <>
      <PageTitle title={task.title} crumbs={[crumb, ...(task.planId ? [{ label: 'Kế hoạch', to: `/dashboard/${task.planId}` }] : [])]}>
        {can.review && (
          <Button component={Link} to={`/tasks/${task.id}/review`}>
            Cho ý kiến phối hợp
          </Button>
        )}
      </PageTitle>
      <Stack>
        <ReturnedBanner task={task} />
        <TaskFacts task={task} />
        {task.isGroup && <GroupChildren task={task} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Tabs defaultValue="draft" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="draft">{can.editDraft ? 'Viết dự thảo' : 'Dự thảo'}</Tabs.Tab>
                <Tabs.Tab value="opinions">Ý kiến phối hợp</Tabs.Tab>
                <Tabs.Tab value="history">Lịch sử</Tabs.Tab>
                <Tabs.Tab value="comments">Trao đổi ({task.comments.length})</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="draft" pt="md">
                {can.editDraft ? <DraftEditor task={task} onDone={apply} /> : <DraftView task={task} />}
              </Tabs.Panel>
              <Tabs.Panel value="opinions" pt="md">
                <OpinionsView task={task} />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="md">
                <HistoryView events={task.history} />
              </Tabs.Panel>
              <Tabs.Panel value="comments" pt="md">
                <Stack>
                  <CommentsView task={task} />
                  {task.comments.length === 0 && <Text size="sm" c="dimmed">Chưa có ý kiến trao đổi.</Text>}
                  {can.comment && <CommentForm task={task} onDone={apply} />}
                </Stack>
              </Tabs.Panel>
            </Tabs>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack>
              <Title order={2} size="h4">
                Việc cần làm
              </Title>
              {can.editDraft && !can.submit && (
                <Text size="sm">Viết dự thảo, đính kèm tệp và cập nhật tiến độ ở thẻ “Viết dự thảo”. Trưởng đơn vị trình khi dự thảo hoàn thành.</Text>
              )}
              {can.approve && can.returnTask && (
                <Paper withBorder p="md" radius="md">
                  <Stack gap="xs">
                    <Text size="sm">Đơn vị chủ trì đã trình phê duyệt.</Text>
                    <ApproveReturnButtons task={task} onDone={apply} />
                  </Stack>
                </Paper>
              )}
              {can.decideExtension && <ExtensionDecision task={task} onDone={apply} />}
              {can.review && (
                <Paper withBorder p="md" radius="md">
                  <ReviewForm task={task} onDone={apply} />
                </Paper>
              )}
              {can.nameUnits && <NameUnits task={task} onDone={apply} />}
              {can.submit && <SubmitPanel task={task} onDone={apply} onRefused={refresh} />}
              {can.reports && <ReportRounds task={task} onDone={apply} />}
              {can.acknowledge && <AcknowledgeRounds task={task} onDone={apply} />}
              {can.recordTrigger && <RecordTrigger task={task} onDone={apply} />}
              <Blockers task={task} canRaise={can.raiseBlocker} canResolve={can.resolveBlocker} onDone={apply} />
              {can.requestExtension && <RequestExtension task={task} onDone={apply} />}
              {can.reassign && <ReassignTask task={task} onDone={apply} />}
              {genericActionsOf(task).map((a) => (
                <GenericAction key={a.action} task={task} action={a} onDone={apply} />
              ))}
              {can.assign && <AssignTask task={task} onDone={apply} />}
              {can.cancel && <CancelTask task={task} onDone={apply} />}
              {!Object.values(can).some(Boolean) && !genericActionsOf(task).length && (
                <Text size="sm" c="dimmed">
                  {OPEN.includes(task.state) ? `Bạn đang theo dõi nhiệm vụ này. ${task.waitingOn.text}.` : 'Nhiệm vụ đã kết thúc; lịch sử xử lý được lưu đầy đủ.'}
                </Text>
              )}
              <Button component={Link} to={crumb.to} variant="subtle">
                ← Về {crumb.label.toLowerCase()}
              </Button>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function GroupChildren({ task }: { task: TaskDetail }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h5" mb="xs">
        Phần việc của từng đơn vị
      </Title>
      <List size="sm" spacing={4}>
        {task.children.map((c) => (
          <List.Item key={c.id}>
            <Link to={`/tasks/${c.id}`}>{c.unitCode}</Link>: {c.statusLabel}
            {c.effectiveDueOn ? ` · hạn ${formatDate(c.effectiveDueOn)}` : ''}
            {c.completedOn ? ` · xong ${formatDate(c.completedOn)}` : ''}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

/** The lead unit writes the draft, attaches files and reports its progress. */
function DraftEditor({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const draft = task.workflow.draft;
  const [text, setText] = useState(draft?.text ?? '');
  const [progress, setProgress] = useState<number>(draft?.progressPercent ?? task.progressPercent ?? 0);
  const [files, setFiles] = useState<Attachment[]>(draft?.attachments ?? []);
  const [uploading, setUploading] = useState(false);
  // Each upload is an event of the task (its version moves on): the draft is saved against the
  // version after the person's own uploads, so only somebody else's change makes it stale.
  const [uploadedVersion, setUploadedVersion] = useState(task.version);
  // Files uploaded in this editor and not saved into the draft yet: "×" takes them back (gỡ tệp).
  const [uploadedHere, setUploadedHere] = useState<string[]>([]);
  const advance = (version: number | undefined) => setUploadedVersion((v) => (version === Math.max(v, task.version) + 1 ? version : v));
  const { busy, run } = useTaskAction(onDone);
  const dirty = text !== (draft?.text ?? '') || progress !== (draft?.progressPercent ?? 0) || files.length !== (draft?.attachments ?? []).length;

  const upload = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const info = await api.upload('/tasks/{id}/attachments', form, { id: task.id });
      setFiles((f) => [...f, { fileId: info.id, name: info.name, sha256: info.sha256, size: info.size }]);
      setUploadedHere((ids) => [...ids, info.id]);
      advance(info.taskVersion);
      notifySuccess(`Đã tải lên "${info.name}". Bấm “Lưu dự thảo” để đính kèm vào dự thảo.`, 'Đã tải tệp lên');
    } catch (err) {
      notifyError(err, 'Không tải tệp lên được');
    } finally {
      setUploading(false);
    }
  };
  const drop = async (f: Attachment) => {
    if (!uploadedHere.includes(f.fileId)) {
      setFiles((all) => all.filter((x) => x.fileId !== f.fileId));
      return;
    }
    try {
      const removed = await api.delete('/tasks/{id}/attachments/{fileId}', { params: { path: { id: task.id, fileId: f.fileId } } });
      setFiles((all) => all.filter((x) => x.fileId !== f.fileId));
      setUploadedHere((ids) => ids.filter((id) => id !== f.fileId));
      advance(removed.version);
      notifySuccess(`Đã gỡ tệp "${f.name}".`, 'Đã gỡ tệp');
    } catch (err) {
      notifyError(err, 'Không gỡ tệp được');
    }
  };
  const save = async () => {
    await run({ ...task, version: Math.max(uploadedVersion, task.version) }, 'save-draft', { text, progressPercent: progress, attachments: files }, 'Đã lưu dự thảo.');
  };
  return (
    <Stack data-testid="draft-editor">
      <Textarea
        label="Nội dung dự thảo"
        description="Kết quả thực hiện, văn bản dự thảo hoặc tóm tắt sản phẩm của nhiệm vụ"
        autosize
        minRows={6}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <NumberInput label="Tiến độ thực hiện (%)" min={0} max={100} step={10} clampBehavior="strict" value={progress} onChange={(v) => setProgress(typeof v === 'number' ? v : Number(v) || 0)} w={220} />
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Tệp đính kèm
        </Text>
        {files.length === 0 && <Text size="sm" c="dimmed">Chưa có tệp.</Text>}
        {files.map((f) => (
          <Group key={f.fileId} gap="xs" wrap="nowrap">
            <Text size="sm">{f.name}</Text>
            <Text size="xs" c="dimmed">
              {formatBytes(f.size)}
            </Text>
            <ActionIcon variant="subtle" color="red" aria-label={`Bỏ tệp ${f.name}`} onClick={() => void drop(f)}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <FileButton onChange={(f) => void upload(f)} accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.ppt,.pptx,.png,.jpg,.jpeg,.txt,.csv" inputProps={{ 'aria-label': 'Chọn tệp đính kèm' }}>
          {(props) => (
            <Button {...props} variant="default" loading={uploading} w="fit-content">
              Đính kèm tệp…
            </Button>
          )}
        </FileButton>
      </Stack>
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!dirty}>
          Lưu dự thảo
        </Button>
        {dirty && (
          <Text size="sm" c="orange.8">
            Có thay đổi chưa lưu.
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** The unit head sends the draft on: to the coordinating units, or to leadership when there are none. */
function SubmitPanel({ task, onDone, onRefused }: { task: TaskDetail; onDone(r: ActionResult): void; onRefused(): void }) {
  const [open, setOpen] = useState(false);
  const [override, setOverride] = useState(false);
  const { busy, run } = useTaskAction();
  const coordinating = task.units.filter((u) => u.role === 'coordinating');
  const afterReview = task.workflow.lastReview && task.workflow.lastReview.outcome !== 'agreed';
  const toReview = coordinating.length > 0 && !override;
  const label = toReview ? 'Trình lấy ý kiến phối hợp' : 'Trình lãnh đạo phê duyệt';
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Text size="sm">
          {toReview ? `Gửi dự thảo đến ${coordinating.length} đơn vị phối hợp (${coordinating.map((u) => u.code).join(', ')}) để lấy ý kiến.` : 'Gửi dự thảo lên lãnh đạo phụ trách để phê duyệt.'}
        </Text>
        {afterReview && (
          <Checkbox label="Trình phê duyệt dù đơn vị phối hợp không đồng ý hoặc không cho ý kiến" checked={override} onChange={(e) => setOverride(e.currentTarget.checked)} />
        )}
        <Button onClick={() => setOpen(true)}>{label}</Button>
      </Stack>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title={label}
        task={task}
        text={
          override
            ? { label: 'Lý do trình vượt ý kiến phối hợp', required: true, description: 'Lãnh đạo thấy lý do này khi phê duyệt' }
            : { label: 'Ghi chú khi trình', required: false, description: 'Không bắt buộc, tối đa 2.000 ký tự; đơn vị phối hợp và lãnh đạo thấy ghi chú trong nhiệm vụ và thông báo' }
        }
        confirmLabel="Trình"
        busy={busy}
        onConfirm={async (text) => {
          if (!override && text.length > 2000) return 'Ghi chú tối đa 2.000 ký tự.';
          const body = override ? { overrideReview: true, justification: text } : text.trim() ? { note: text } : {};
          const result = await run(task, 'submit', body, toReview ? 'Đã trình lấy ý kiến phối hợp.' : 'Đã trình lãnh đạo phê duyệt.');
          if (result) onDone(result);
          else onRefused();
          return !!result;
        }}
      >
        {!task.workflow.draft?.text && <Alert color="yellow">Dự thảo chưa có nội dung. Lưu dự thảo trước khi trình.</Alert>}
      </ActionModal>
    </Paper>
  );
}

function NameUnits({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const units = useResource(() => api.get('/units'), []);
  const [codes, setCodes] = useState<string[]>(task.units.filter((u) => u.role === 'coordinating').map((u) => u.code));
  const { busy, run } = useTaskAction(onDone);
  const options = (units.data?.items ?? []).filter((u) => u.id !== task.ownerUnitId).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Text size="sm">Kế hoạch ghi “{task.coordinatingRaw}”: chọn các đơn vị cụ thể sẽ cho ý kiến phối hợp.</Text>
        <MultiSelect label="Đơn vị phối hợp" data={options} value={codes} onChange={setCodes} searchable placeholder={units.data ? 'Chọn đơn vị' : 'Đang tải danh mục…'} />
        <Button
          variant="light"
          loading={busy}
          onClick={() => void run(task, 'name-coordinating-units', { unitCodes: codes }, codes.length ? 'Đã chọn đơn vị phối hợp.' : 'Nhiệm vụ không cần đơn vị phối hợp.')}
        >
          Lưu đơn vị phối hợp
        </Button>
      </Stack>
    </Paper>
  );
}

function RequestExtension({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<string | null>(null);
  const { busy, run } = useTaskAction(onDone);
  const ext = task.workflow.extensions;
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Đề nghị gia hạn…
      </Button>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Đề nghị gia hạn"
        task={task}
        text={{ label: 'Lý do đề nghị gia hạn', required: true }}
        confirmLabel="Gửi đề nghị"
        busy={busy}
        onConfirm={async (reason) => {
          if (!date) return 'Nhập ngày đề nghị gia hạn theo dạng dd/mm/yyyy.';
          return !!(await run(task, 'request-extension', { newDueOn: date, reason }, 'Đã gửi đề nghị gia hạn đến lãnh đạo phụ trách.'));
        }}
      >
        <Text size="sm">
          Hạn hiện tại: {formatDate(task.effectiveDueOn)}.{ext ? ` Đã gia hạn ${ext.granted}/${ext.max} lần được phép.` : ''}
        </Text>
        <DateField label="Đề nghị gia hạn đến ngày" withAsterisk onChange={setDate} />
      </ActionModal>
    </>
  );
}

function Blockers({ task, canRaise, canResolve, onDone }: { task: TaskDetail; canRaise: boolean; canResolve: boolean; onDone(r: ActionResult): void }) {
  const [open, setOpen] = useState(false);
  const [resolving, setResolving] = useState<string | null>(null);
  const { busy, run } = useTaskAction(onDone);
  const blockers = task.workflow.blockers ?? [];
  if (!blockers.length && !canRaise) return null;
  return (
    <>
      {blockers.length > 0 && (
        <Paper withBorder p="md" radius="md" bg="orange.0">
          <Text fw={600} size="sm" mb="xs">
            Khó khăn, vướng mắc
          </Text>
          <Stack gap="xs">
            {blockers.map((b) => (
              <Stack key={b.id} gap={2}>
                <Text size="sm">{b.text}</Text>
                <Text size="xs" c="dimmed">
                  Báo cáo {formatDateTime(b.raisedAt)}
                  {b.resolution ? ` · Đã xử lý: ${b.resolution}` : ' · Chưa xử lý'}
                </Text>
                {!b.resolution && canResolve && (
                  <Button size="xs" variant="light" w="fit-content" onClick={() => setResolving(b.id)}>
                    Ghi nhận xử lý
                  </Button>
                )}
              </Stack>
            ))}
          </Stack>
        </Paper>
      )}
      {canRaise && (
        <Button variant="default" onClick={() => setOpen(true)}>
          Báo cáo vướng mắc…
        </Button>
      )}
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Báo cáo khó khăn, vướng mắc"
        task={task}
        text={{ label: 'Nội dung vướng mắc', required: true, description: 'Gửi đến bộ phận theo dõi và lãnh đạo phụ trách' }}
        confirmLabel="Gửi báo cáo"
        busy={busy}
        onConfirm={async (text) => {
          return !!(await run(task, 'raise-blocker', { text }, 'Đã báo cáo vướng mắc.'));
        }}
      />
      <ActionModal
        opened={!!resolving}
        onClose={() => setResolving(null)}
        title="Ghi nhận xử lý vướng mắc"
        task={task}
        text={{ label: 'Hướng xử lý', required: true }}
        confirmLabel="Ghi nhận"
        busy={busy}
        onConfirm={async (resolution) => {
          return !!(await run(task, 'resolve-blocker', { blockerId: resolving, resolution }, 'Đã ghi nhận xử lý vướng mắc.'));
        }}
      />
    </>
  );
}

function RecordTrigger({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [date, setDate] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const { busy, run } = useTaskAction(onDone);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Text size="sm">Nhiệm vụ bắt đầu khi có sự kiện: “{task.currentStep.milestone?.label || task.timelineRaw}”.</Text>
        <Button variant="light" onClick={() => setOpen(true)}>
          Ghi nhận sự kiện…
        </Button>
      </Stack>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Ghi nhận sự kiện khởi động"
        task={task}
        text={{ label: 'Sự kiện', required: true, placeholder: 'Ví dụ: UBND tỉnh ban hành Quy chế thi đua, khen thưởng' }}
        confirmLabel="Ghi nhận"
        busy={busy}
        onConfirm={async (description) => {
          if (!date) return 'Nhập ngày xảy ra sự kiện theo dạng dd/mm/yyyy.';
          return !!(await run(task, 'record-trigger', { eventDate: date, description }, 'Đã ghi nhận sự kiện; nhiệm vụ bắt đầu.'));
        }}
      >
        <DateField label="Ngày xảy ra sự kiện" withAsterisk onChange={setDate} />
      </ActionModal>
    </Paper>
  );
}

/** Continuous tasks: each open reporting round takes a progress report from the unit head. */
function ReportRounds({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const rounds = (task.workflow.rounds ?? []).filter((r) => r.state === 'OPEN');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const { busy, run } = useTaskAction(onDone);
  if (!rounds.length) {
    const next = (task.workflow.rounds ?? []).find((r) => r.state === 'UPCOMING');
    return (
      <Text size="sm" c="dimmed">
        {next ? `Kỳ báo cáo tiếp theo: ${next.label}, hạn ${formatDate(next.dueOn)}.` : 'Không còn kỳ báo cáo nào.'}
      </Text>
    );
  }
  return (
    <>
      {rounds.map((r) => (
        <Paper key={r.key} withBorder p="md" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Báo cáo {r.label} — hạn {formatDate(r.dueOn)}
            </Text>
            <Textarea label="Kết quả thực hiện trong kỳ" autosize minRows={3} value={texts[r.key] ?? ''} onChange={(e) => setTexts({ ...texts, [r.key]: e.currentTarget.value })} />
            <Button
              loading={busy}
              disabled={!texts[r.key]?.trim()}
              onClick={() => void run(task, 'submit-report', { roundKey: r.key, text: texts[r.key].trim() }, `Đã nộp báo cáo ${r.label}.`)}
            >
              Nộp báo cáo
            </Button>
          </Stack>
        </Paper>
      ))}
    </>
  );
}

function AcknowledgeRounds({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const rounds = (task.workflow.rounds ?? []).filter((r) => r.state === 'SUBMITTED');
  const { busy, run } = useTaskAction(onDone);
  if (!rounds.length) return null;
  return (
    <>
      {rounds.map((r) => (
        <Paper key={r.key} withBorder p="md" radius="md">
          <Text size="sm" fw={600}>
            Báo cáo {r.label} đã nộp {formatDate(r.submittedOn)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.text}
          </Text>
          <Button mt="xs" size="xs" loading={busy} onClick={() => void run(task, 'acknowledge-report', { roundKey: r.key }, `Đã xác nhận báo cáo ${r.label}.`)}>
            Xác nhận báo cáo
          </Button>
        </Paper>
      ))}
    </>
  );
}

/** Leadership gives the task to another unit (from the directory), with a reason and, if need be, a new deadline. */
function ReassignTask({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [open, setOpen] = useState(false);
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const units = useResource(() => (open ? api.get('/units') : Promise.resolve(null)), [open]);
  const { busy, run } = useTaskAction(onDone);
  const sign = useSignAs();
  const options = (units.data?.items ?? []).filter((u) => u.id !== task.ownerUnitId).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Giao đơn vị khác chủ trì…
      </Button>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Giao nhiệm vụ cho đơn vị khác"
        task={task}
        text={{ label: 'Lý do giao lại', required: true }}
        confirmLabel="Giao lại"
        busy={busy}
        onConfirm={async (reason) => {
          if (!unitCode) return 'Chọn đơn vị nhận nhiệm vụ.';
          const unit = options.find((o) => o.value === unitCode)?.label ?? unitCode;
          return !!(await run(task, 'reassign', { unitCode, reason, ...(date ? { newDueOn: date } : {}) }, `Đã giao nhiệm vụ cho ${unit}.`, { onBehalfOf: sign.onBehalfOf }));
        }}
      >
        <Text size="sm">
          Đơn vị đang chủ trì: {task.ownerUnitCode} — {task.ownerUnitName}. Dự thảo đang trình (nếu có) trở về đơn vị mới để hoàn thiện.
        </Text>
        {units.error && <ErrorAlert error={units.error} onRetry={() => void units.reload()} />}
        <Select
          label="Đơn vị nhận nhiệm vụ"
          data={options}
          value={unitCode}
          onChange={setUnitCode}
          searchable
          withAsterisk
          nothingFoundMessage="Không có đơn vị phù hợp"
          placeholder={units.data ? 'Chọn đơn vị' : 'Đang tải danh mục…'}
          comboboxProps={{ withinPortal: true }}
        />
        <DateField label="Hạn mới" description="Không bắt buộc; để trống: giữ hạn hiện tại" onChange={setDate} />
        <SignAsField sign={sign} />
      </ActionModal>
    </>
  );
}

function CancelTask({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [open, setOpen] = useState(false);
  const { busy, run } = useTaskAction(onDone);
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
        Hủy nhiệm vụ…
      </Button>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Hủy nhiệm vụ"
        task={task}
        text={{ label: 'Lý do hủy', required: true }}
        confirmLabel="Hủy nhiệm vụ"
        color="red"
        busy={busy}
        onConfirm={async (reason) => {
          return !!(await run(task, 'cancel', { reason }, 'Đã hủy nhiệm vụ.'));
        }}
      >
        <SignatureNote />
      </ActionModal>
    </>
  );
}

function CommentForm({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [text, setText] = useState('');
  const { busy, run } = useTaskAction(onDone);
  return (
    <Stack gap="xs">
      <TextInput label="Ý kiến trao đổi" value={text} onChange={(e) => setText(e.currentTarget.value)} placeholder="Nhập ý kiến gửi những người cùng xử lý nhiệm vụ" />
      <Button
        w="fit-content"
        variant="light"
        loading={busy}
        disabled={!text.trim()}
        onClick={() =>
          void run(task, 'comment', { text: text.trim() }, 'Đã gửi ý kiến.').then((r) => r && setText(''))
        }
      >
        Gửi ý kiến
      </Button>
    </Stack>
  );
}

/** Giao cho cán bộ: the lead unit's head (or leadership) gives the task to an officer of the unit. */
function AssignTask({ task, onDone }: { task: TaskDetail; onDone(r: ActionResult): void }) {
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState<string | null>(null);
  const people = useResource(
    () => (open && task.ownerUnitCode ? api.get('/units/{code}/people', { params: { path: { code: task.ownerUnitCode } } }) : Promise.resolve(null)),
    [open, task.ownerUnitCode],
  );
  const { busy, run } = useTaskAction(onDone);
  const label = task.availableActions.find((a) => a.action === 'assign')?.label ?? 'Giao cho cán bộ';
  const options = (people.data?.items ?? [])
    .filter((p) => p.roles.includes('officer') && p.id !== task.assignee?.id)
    .map((p) => ({ value: p.id, label: [p.fullName, p.title].filter(Boolean).join(' — ') }));
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {label}…
      </Button>
      <ActionModal
        opened={open}
        onClose={() => setOpen(false)}
        title="Giao nhiệm vụ cho cán bộ của đơn vị"
        task={task}
        text={{ label: 'Ghi chú giao việc', required: false, description: 'Không bắt buộc, tối đa 2.000 ký tự' }}
        confirmLabel="Giao việc"
        busy={busy}
        onConfirm={async (note) => {
          if (!userId) return 'Chọn cán bộ được giao.';
          if (note.length > 2000) return 'Ghi chú tối đa 2.000 ký tự.';
          const name = options.find((o) => o.value === userId)?.label ?? '';
          return !!(await run(task, 'assign', { assigneeUserId: userId, ...(note.trim() ? { note } : {}) }, `Đã giao nhiệm vụ cho ${name}.`));
        }}
      >
        {task.assignee && <Text size="sm">Đang giao cho: {task.assignee.fullName}.</Text>}
        {people.error && <ErrorAlert error={people.error} onRetry={() => void people.reload()} />}
        <Select
          label="Cán bộ được giao"
          data={options}
          value={userId}
          onChange={setUserId}
          searchable
          withAsterisk
          nothingFoundMessage="Không có cán bộ phù hợp"
          placeholder={people.data ? 'Chọn cán bộ' : 'Đang tải danh sách…'}
          comboboxProps={{ withinPortal: true }}
        />
      </ActionModal>
    </>
  );
}
