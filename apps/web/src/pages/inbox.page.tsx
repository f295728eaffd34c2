import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, newIdempotencyKey } from '../api/api.client';
import type { InboxQuery, Page, TaskDetail, TaskSummary } from '../api/types';
import { useSession } from '../auth/session.context';
import { ApproveReturnButtons, ExtensionDecision, SignatureNote } from '../components/decisions';
import { TaskPreview } from '../components/task-preview';
import { overdueFirst, TaskTable, usePhone } from '../components/task-table';
import { filterQuery, isFiltered, TaskFilters, useTaskFilters, useUnits, type TaskFilterValues } from '../components/task-filters';
import { Empty, ErrorAlert, Loading, notifySuccess, PageTitle } from '../components/ui';
import { announceChange, CHANGED_EVENT } from '../lib/events';
import { formatDate } from '../lib/format';
import { useResource } from '../lib/use-resource';

const TABS = ['approve', 'extensions', 'escalated', 'overdue'] as const;
type Tab = (typeof TABS)[number];

/** Every page of a listing (a department has tens to hundreds of rows a year). */
async function allPages(path: '/me/inbox', query: Record<string, string | number | undefined | null | boolean>): Promise<TaskSummary[]> {
  const items: TaskSummary[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    // A task box answers tasks (only box=notifications answers notifications).
    const page = (await api.get(path, { params: { query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) } as InboxQuery } })) as Page<TaskSummary>;
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The list in the order chosen: overdue first (the default), or the API's. */
function ordered(tasks: TaskSummary[], filters: TaskFilterValues): TaskSummary[] {
  return filters.sort === 'urgent' ? overdueFirst(tasks) : tasks;
}

/** "3 nhiệm vụ khớp bộ lọc (trong 12 của hộp)": the box's count stays the count of the tab. */
function filteredCaption(shown: number, total: number | undefined, filters: TaskFilterValues): string {
  return isFiltered(filters) ? ` ${shown} nhiệm vụ khớp tìm kiếm và bộ lọc${total !== undefined ? ` (hộp có ${total})` : ''}.` : '';
}

/** The extension requests I decide (`box=extensions`), each with its detail (the request itself). */
async function pendingExtensions(query: Record<string, string | number | undefined | null | boolean>): Promise<TaskDetail[]> {
  const waiting = await allPages('/me/inbox', { ...query, box: 'extensions' });
  return Promise.all(waiting.map((t) => api.get('/tasks/{id}', { params: { path: { id: t.id } } })));
}

/** The leadership inbox: what waits for my decision, overdue first. */
export function InboxPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'approve';
  const signing = me?.actingOnBehalfOf?.userId ?? null;
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  useEffect(() => {
    window.addEventListener(CHANGED_EVENT, bump);
    return () => window.removeEventListener(CHANGED_EVENT, bump);
  }, []);

  const [filters, setFilters] = useTaskFilters();
  const units = useUnits();
  const query = filterQuery(filters, units.data);
  const queryKey = JSON.stringify(query);
  const counts = useResource(() => api.get('/me/inbox/counts'), [signing, version]);
  const extensions = useResource(() => pendingExtensions(query), [signing, version, queryKey]);
  const setTab = (v: string | null) => {
    const next = new URLSearchParams(params);
    if (v && v !== 'approve') next.set('tab', v);
    else next.delete('tab');
    setParams(next);
  };

  return (
    <>
      <PageTitle title="Hộp phê duyệt">
        {me?.actingOnBehalfOf && (
          <Badge color="grape" size="lg" style={{ textTransform: 'none' }}>
            Đang ký thay Giám đốc {me.actingOnBehalfOf.fullName}
          </Badge>
        )}
      </PageTitle>
      <TaskFilters values={filters} onChange={setFilters} units={units.data} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="approve" rightSection={<CountBadge n={counts.data?.approve} />}>
            Chờ phê duyệt
          </Tabs.Tab>
          <Tabs.Tab value="extensions" rightSection={<CountBadge n={counts.data?.extensions} color="yellow" />}>
            Đề nghị gia hạn
          </Tabs.Tab>
          <Tabs.Tab value="escalated" rightSection={<CountBadge n={counts.data?.escalated} color="red" />}>
            Chuyển lên lãnh đạo
          </Tabs.Tab>
          <Tabs.Tab value="overdue" rightSection={<CountBadge n={counts.data?.overdue} color="red" />}>
            Quá hạn
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="approve">
          <ApproveTab key={`${signing}-${version}`} filters={filters} query={query} total={counts.data?.approve} />
        </Tabs.Panel>
        <Tabs.Panel value="extensions">
          {extensions.error ? (
            <ErrorAlert error={extensions.error} onRetry={() => void extensions.reload()} />
          ) : !extensions.data ? (
            <Loading />
          ) : extensions.data.length === 0 && isFiltered(filters) ? (
            <Empty title="Không có đề nghị gia hạn nào khớp tìm kiếm">Bỏ bớt điều kiện lọc để xem các đề nghị khác.</Empty>
          ) : extensions.data.length === 0 ? (
            <Empty title="Không có đề nghị gia hạn nào đang chờ">
              Khi trưởng đơn vị chủ trì đề nghị gia hạn một nhiệm vụ trong lĩnh vực bạn phụ trách, đề nghị hiện ở đây để bạn đồng ý, gia hạn đến ngày khác hoặc không
              đồng ý.
            </Empty>
          ) : (
            <Stack>
              {extensions.data.map((t) => (
                <Stack key={t.id} gap={4}>
                  <Text fw={600}>
                    <Link to={`/tasks/${t.id}`}>
                      {t.rowKey ? `${t.rowKey}. ` : ''}
                      {t.title}
                    </Link>{' '}
                    <Text span size="sm" c="dimmed">
                      ({t.ownerUnitName})
                    </Text>
                  </Text>
                  <ExtensionDecision task={t} onDone={() => void extensions.reload()} />
                </Stack>
              ))}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="escalated">
          <BoxTable
            box="escalated"
            filters={filters}
            query={query}
            total={counts.data?.escalated}
            caption="Nhiệm vụ quá hạn hoặc chờ quá lâu mà hệ thống đã báo cáo lên bạn để chỉ đạo; việc vẫn còn chậm."
            empty="Không có nhiệm vụ nào được chuyển lên bạn. Hệ thống báo cáo lên lãnh đạo khi một nhiệm vụ quá hạn nhiều ngày làm việc, hoặc một ý kiến phối hợp, một phê duyệt chờ quá lâu."
          />
        </Tabs.Panel>
        <Tabs.Panel value="overdue">
          <BoxTable
            box="overdue"
            filters={filters}
            query={query}
            total={counts.data?.overdue}
            caption="Nhiệm vụ chưa hoàn thành đã quá hạn."
            empty="Không có nhiệm vụ nào quá hạn trong phạm vi bạn phụ trách."
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function CountBadge({ n, color = 'blue' }: { n: number | undefined; color?: string }) {
  if (!n) return null;
  return (
    <Badge size="sm" color={color} variant="filled" circle={n < 10}>
      {n}
    </Badge>
  );
}

interface BoxProps {
  filters: TaskFilterValues;
  query: Record<string, string | number | undefined | null | boolean>;
  /** The box's count (`GET /me/inbox/counts`), the tab's badge. */
  total: number | undefined;
}

function BoxTable({ box, caption, empty, filters, query, total }: BoxProps & { box: string; caption: string; empty: string }) {
  const { me } = useSession();
  const list = useResource(() => allPages('/me/inbox', { ...query, box }), [box, me?.actingOnBehalfOf?.userId, JSON.stringify(query)]);
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.reload()} />;
  if (!list.data) return <Loading />;
  if (!list.data.length) {
    return isFiltered(filters) ? <Empty title="Không có nhiệm vụ nào khớp tìm kiếm">Bỏ bớt điều kiện lọc để xem cả hộp.</Empty> : <Empty title="Không có nhiệm vụ">{empty}</Empty>;
  }
  return (
    <TaskTable
      tasks={ordered(list.data, filters)}
      caption={`${caption}${isFiltered(filters) ? filteredCaption(list.data.length, total, filters) : ` ${list.data.length} nhiệm vụ.`}`}
      showWaiting
    />
  );
}

function ApproveTab({ filters, query, total }: BoxProps) {
  const { me } = useSession();
  const phone = usePhone();
  const list = useResource(() => allPages('/me/inbox', { ...query, box: 'approve' }), [JSON.stringify(query)]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<string | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);

  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.reload()} />;
  if (!list.data) return <Loading />;
  const tasks = ordered(list.data, filters);
  const afterDecision = () => {
    setPreview(null);
    setSelected(new Set());
    void list.reload();
  };

  if (!tasks.length && isFiltered(filters)) return <Empty title="Không có nhiệm vụ nào khớp tìm kiếm">Bỏ bớt điều kiện lọc để xem cả hộp.</Empty>;
  if (!tasks.length) {
    return (
      <Empty
        title="Không có nhiệm vụ nào chờ bạn phê duyệt"
        action={
          <Group justify="center">
            <Button component={Link} to="/dashboard" variant="light">
              Xem tình hình thực hiện kế hoạch
            </Button>
          </Group>
        }
      >
        {me?.roles.includes('deputyDirector') && !me.actingOnBehalfOf
          ? 'Nhiệm vụ của các đơn vị bạn phụ trách hiện ở đây khi đơn vị chủ trì trình phê duyệt. Khi được ủy quyền ký thay Giám đốc, chọn "Ký thay Giám đốc (KT.)" ở trình đơn tài khoản.'
          : 'Nhiệm vụ hiện ở đây khi đơn vị chủ trì trình phê duyệt sau khi lấy ý kiến phối hợp.'}
      </Empty>
    );
  }
  const chosen = tasks.filter((t) => selected.has(t.id));
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        {!phone && (
          <Text size="sm" c="dimmed">
            Chọn nhiều nhiệm vụ để phê duyệt cùng lúc, hoặc bấm “Xem nhanh” để đọc dự thảo, ý kiến phối hợp và lịch sử.
          </Text>
        )}
        <Button disabled={!chosen.length} color="green" onClick={() => setBulkOpen(true)} data-testid="bulk-approve">
          Phê duyệt {chosen.length ? `${chosen.length} nhiệm vụ đã chọn` : 'các nhiệm vụ đã chọn'}
        </Button>
      </Group>
      <TaskTable
        tasks={tasks}
        caption={isFiltered(filters) ? `Chờ phê duyệt:${filteredCaption(tasks.length, total, filters)}` : `${tasks.length} nhiệm vụ chờ phê duyệt${filters.sort === 'urgent' ? ', quá hạn trước, rồi theo hạn' : ''}.`}
        selection={{ selected, onChange: setSelected }}
        actionsLabel="Xử lý"
        actions={(t) => (
          <Group gap="xs" wrap={phone ? 'wrap' : 'nowrap'}>
            <Button size={phone ? 'sm' : 'xs'} variant="default" onClick={() => setPreview(t.id)} aria-label={`Xem nhanh: ${t.title}`}>
              Xem nhanh
            </Button>
            <ApproveReturnButtons task={t} onDone={afterDecision} size={phone ? 'sm' : 'xs'} />
          </Group>
        )}
      />
      <TaskPreview taskId={preview} onClose={() => setPreview(null)} onDone={afterDecision} />
      <BulkApproveModal opened={bulkOpen} tasks={chosen} onClose={() => setBulkOpen(false)} onDone={afterDecision} />
    </Stack>
  );
}

interface BulkOutcome {
  task: TaskSummary;
  ok: boolean;
  message: string;
}

/** Approves the chosen tasks one after the other; each keeps its own version check and key. */
function BulkApproveModal({ opened, tasks, onClose, onDone }: { opened: boolean; tasks: TaskSummary[]; onClose(): void; onDone(): void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const close = () => {
    setOutcomes(null);
    setComment('');
    onClose();
    if (outcomes) {
      onDone();
      // Only now: the lists reload (and this dialog with its outcomes goes) once the person read them.
      announceChange();
    }
  };
  const approveAll = async () => {
    setBusy(true);
    const results: BulkOutcome[] = [];
    for (const task of tasks) {
      try {
        await api.action(task.id, 'approve', comment.trim() ? { comment: comment.trim() } : {}, { version: task.version, key: newIdempotencyKey() });
        results.push({ task, ok: true, message: 'Đã phê duyệt' });
      } catch (err) {
        results.push({ task, ok: false, message: err instanceof Error ? err.message : String(err) });
      }
      setOutcomes([...results]);
    }
    setBusy(false);
    const ok = results.filter((r) => r.ok).length;
    if (ok) notifySuccess(`Đã phê duyệt ${ok}/${results.length} nhiệm vụ.`);
  };
  return (
    <Modal opened={opened} onClose={close} title="Phê duyệt nhiều nhiệm vụ" size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
      <Stack>
        {!outcomes ? (
          <>
            <Text size="sm">Phê duyệt {tasks.length} nhiệm vụ sau:</Text>
            <Paper withBorder p="sm">
              <List size="sm" spacing={4}>
                {tasks.map((t) => (
                  <List.Item key={t.id}>
                    {t.rowKey ? `${t.rowKey}. ` : ''}
                    {t.title} — hạn {formatDate(t.effectiveDueOn)}
                  </List.Item>
                ))}
              </List>
            </Paper>
            <Textarea label="Ý kiến chỉ đạo chung" description="Không bắt buộc; ghi vào từng nhiệm vụ" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
            <SignatureNote />
          </>
        ) : (
          <Stack gap="xs" data-testid="bulk-outcomes">
            {outcomes.map((o) => (
              <Alert key={o.task.id} color={o.ok ? 'green' : 'red'} p="xs" title={`${o.task.rowKey ?? ''} ${o.task.title}`}>
                {o.message}
              </Alert>
            ))}
            {busy && <Loading label={`Đang phê duyệt ${outcomes.length + 1}/${tasks.length}…`} />}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            {outcomes ? 'Xong' : 'Hủy'}
          </Button>
          {!outcomes && (
            <Button color="green" loading={busy} onClick={() => void approveAll()}>
              Phê duyệt {tasks.length} nhiệm vụ
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
