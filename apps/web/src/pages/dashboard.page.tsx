import { BarChart } from '@mantine/charts';
import { Anchor, Button, Group, Pagination, Paper, Select, SimpleGrid, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { Page, Progress, StatusWord, TaskEvent, TaskSummary, UnitRating } from '../api/types';
import { useSession } from '../auth/session.context';
import { filterQuery, isFiltered, TaskFilters, useTaskFilters, useUnits } from '../components/task-filters';
import { overdueFirst, usePhone } from '../components/task-table';
import { DueDate, Empty, ErrorAlert, Loading, notifyError, PageTitle } from '../components/ui';
import { exportRoutes } from '../lib/exports';
import { daysBetween, formatDate, formatPercent, overdueText, STATUS_COLORS, STATUS_ORDER, STATUS_WORDS, vietnamToday } from '../lib/format';
import { useWorkingDays } from '../lib/working-days';
import { useResource } from '../lib/use-resource';

/** Excel and Word files of a report, downloaded behind the token; a refusal (403 for a unit's officer) is shown. */
function ExportButtons({ route, fallbackName }: { route(format: 'xlsx' | 'docx'): string; fallbackName: string }) {
  const download = (format: 'xlsx' | 'docx') => api.download(route(format), `${fallbackName}.${format}`).catch((err) => notifyError(err, 'Không xuất được báo cáo'));
  return (
    <Group gap="xs">
      <Button variant="default" onClick={() => void download('xlsx')}>
        Xuất Excel
      </Button>
      <Button variant="default" onClick={() => void download('docx')}>
        Xuất Word
      </Button>
    </Group>
  );
}

const SERIES = STATUS_ORDER.map((word) => ({ name: word, label: STATUS_WORDS[word], color: `${STATUS_COLORS[word]}.6` }));

/** `/dashboard`: the newest plan's dashboard, or how to get a first plan. */
export function DashboardIndexPage() {
  const { hasRole } = useSession();
  const plans = useResource(() => api.get('/plans', { params: { query: { limit: 100 } } }), []);
  if (plans.error) return <ErrorAlert error={plans.error} onRetry={() => void plans.reload()} />;
  if (!plans.data) return <Loading />;
  const first = plans.data.items[0];
  if (first) return <Navigate to={`/dashboard/${first.id}`} replace />;
  return (
    <>
      <PageTitle title="Theo dõi kế hoạch" />
      <Empty
        title="Chưa có kế hoạch nào"
        action={
          hasRole('monitor') ? (
            <Group justify="center">
              <Button component={Link} to="/import">
                Nhập kế hoạch
              </Button>
            </Group>
          ) : undefined
        }
      >
        {hasRole('monitor')
          ? 'Nhập phụ lục kế hoạch (Word, Excel hoặc văn bản) để mỗi dòng thành một nhiệm vụ được theo dõi.'
          : 'Bộ phận theo dõi (Văn phòng Sở) nhập kế hoạch; tình hình thực hiện hiện ở đây ngay sau đó.'}
      </Empty>
    </>
  );
}

function chartRow(label: string, p: Progress): Record<string, string | number> {
  return { label, ...p.byStatus };
}

/** The plan dashboard for the monitor and leadership: progress by section and by unit, overdue tasks, the monthly rating. */
export function DashboardPage() {
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const plans = useResource(() => api.get('/plans', { params: { query: { limit: 100 } } }), []);
  const plan = useResource(() => api.get('/plans/{id}', { params: { path: { id: planId } } }), [planId]);

  const crumbs = [{ label: 'Theo dõi kế hoạch', to: '/dashboard' }];
  if (plan.error) {
    return (
      <>
        <PageTitle title="Theo dõi kế hoạch" crumbs={crumbs} />
        <ErrorAlert error={plan.error} onRetry={() => void plan.reload()} />
      </>
    );
  }
  if (!plan.data) return <Loading />;
  const p = plan.data;

  return (
    <>
      <PageTitle title={p.title} crumbs={crumbs}>
        <ExportButtons route={(format) => exportRoutes.planProgress(p.id, format)} fallbackName="tien-do-ke-hoach" />
      </PageTitle>
      <Stack gap="lg">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {[p.number, p.issuer, p.issuedOn ? `ngày ${formatDate(p.issuedOn)}` : null, p.startYear === p.endYear ? `năm ${p.startYear}` : `giai đoạn ${p.startYear}–${p.endYear}`]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {plans.data && plans.data.items.length > 1 && (
            <Select
              aria-label="Chọn kế hoạch"
              data={plans.data.items.map((x) => ({ value: x.id, label: x.title }))}
              value={p.id}
              onChange={(v) => { if (v) void navigate(`/dashboard/${v}`); }}
              w={360}
              allowDeselect={false}
            />
          )}
        </Group>
        <StatusCards progress={p.progress} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ChartCard
            title="Tiến độ theo mục của phụ lục"
            data={p.sections.map((s) => chartRow(s.code || s.title, s))}
            legend={p.sections.map((s) => `${s.code}. ${s.title}`)}
            testId="chart-sections"
          />
          <ChartCard title="Tiến độ theo đơn vị chủ trì" data={p.units.map((u) => chartRow(u.code, u))} legend={p.units.map((u) => `${u.code}: ${u.name}`)} testId="chart-units" horizontal />
        </SimpleGrid>
        <OverdueList planId={p.id} count={p.progress.byStatus.OPEN_OVERDUE} />
        <UnitRatings startYear={p.startYear} endYear={p.endYear} />
      </Stack>
    </>
  );
}

function StatusCards({ progress }: { progress: Progress }) {
  const done = progress.byStatus.DONE_ON_TIME + progress.byStatus.DONE_LATE;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="status-cards">
      <Paper withBorder p="sm" radius="md">
        <Text size="xs" c="dimmed">
          Tổng số nhiệm vụ
        </Text>
        <Text fw={700} size="xl">
          {progress.total}
        </Text>
        <Text size="xs" c="dimmed">
          đã hoàn thành {done}
        </Text>
      </Paper>
      {(['DONE_ON_TIME', 'DONE_LATE', 'OPEN_OVERDUE', 'OPEN_ON_TIME', 'WAITING', 'NOT_ARISEN'] as StatusWord[]).map((word) => (
        <Paper withBorder p="sm" radius="md" key={word} style={{ borderLeft: `4px solid var(--mantine-color-${STATUS_COLORS[word]}-6)` }} data-status={word}>
          <Text size="xs" c="dimmed">
            {STATUS_WORDS[word]}
          </Text>
          <Text fw={700} size="xl" c={`${STATUS_COLORS[word]}.8`}>
            {progress.byStatus[word]}
          </Text>
          <Text size="xs" c="dimmed">
            {progress.total ? formatPercent(progress.byStatus[word] / progress.total) : '—'}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ChartCard({ title, data, legend, testId, horizontal = false }: { title: string; data: Array<Record<string, string | number>>; legend: string[]; testId: string; horizontal?: boolean }) {
  const used = SERIES.filter((s) => data.some((row) => Number(row[s.name]) > 0));
  const height = horizontal ? Math.max(260, data.length * 38 + 60) : 300;
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text c="dimmed" size="sm">
          Chưa có số liệu.
        </Text>
      ) : (
        <>
          <div role="img" aria-label={`${title}: biểu đồ cột chồng theo tình trạng; bảng số liệu ở dưới`}>
            <BarChart
              h={height}
              data={data}
              dataKey="label"
              type="stacked"
              orientation={horizontal ? 'vertical' : 'horizontal'}
              series={used.length ? used : SERIES.slice(0, 1)}
              tooltipAnimationDuration={0}
              yAxisProps={horizontal ? { width: 70 } : { allowDecimals: false }}
              xAxisProps={horizontal ? { allowDecimals: false } : undefined}
            />
          </div>
          {/* The legend under the chart, in the flow of the page: it never covers a bar or the table. */}
          <Group gap="md" mt="xs" wrap="wrap" data-testid="chart-legend" aria-label="Chú giải">
            {(used.length ? used : SERIES.slice(0, 1)).map((s) => (
              <Group key={s.name} gap={6} wrap="nowrap">
                <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 2, background: `var(--mantine-color-${s.color.replace('.', '-')})`, display: 'inline-block' }} />
                <Text size="xs">{s.label}</Text>
              </Group>
            ))}
          </Group>
          <Spoiler maxHeight={0} showLabel="Xem bảng số liệu" hideLabel="Ẩn bảng số liệu" mt="xs">
            <Table.ScrollContainer minWidth={560} scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': `${title}: bảng số liệu` } }}>
              <Table withTableBorder fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th />
                    {SERIES.map((s) => (
                      <Table.Th key={s.name}>{s.label}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((row, i) => (
                    <Table.Tr key={String(row.label)}>
                      <Table.Td>{legend[i] ?? row.label}</Table.Td>
                      {SERIES.map((s) => (
                        <Table.Td key={s.name}>{row[s.name]}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Spoiler>
        </>
      )}
    </Paper>
  );
}

/** Who the deadline ladder told, from the task's history (the event's own words). */
const TOLD: Record<string, string> = {
  DEADLINE_PASSED: 'Trưởng đơn vị chủ trì, bộ phận theo dõi',
  ESCALATED_TO_DEPUTY: 'Phó Giám đốc phụ trách',
  ESCALATED_TO_DIRECTOR: 'Giám đốc',
  REVIEW_ESCALATED: 'Lãnh đạo (chậm ý kiến phối hợp)',
  REVIEW_ESCALATED_TO_DIRECTOR: 'Giám đốc (chậm ý kiến phối hợp)',
  APPROVAL_ESCALATED: 'Giám đốc (chờ phê duyệt quá lâu)',
};

const PAGE = 15;

/**
 * The plan's overdue rows: the same rows the card "Đang thực hiện quá hạn" counts (the plan's own
 * rows, a group-led row once, not each unit's task of it), so the card and the list say one number.
 */
function OverdueList({ planId, count }: { planId: string; count: number }) {
  const [filters, setFilters] = useTaskFilters();
  const units = useUnits();
  const phone = usePhone();
  const query = filterQuery(filters, units.data);
  const overdue = useResource(async () => {
    const items: TaskSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<TaskSummary> = await api.get('/tasks', { params: { query: { ...query, planId, statusWord: 'OPEN_OVERDUE', limit: 200, ...(cursor ? { cursor } : {}) } } });
      items.push(...page.items.filter((t) => !t.parentTaskId));
      cursor = page.nextCursor;
    } while (cursor && items.length < 2000);
    return filters.sort === 'urgent' ? overdueFirst(items) : items;
  }, [planId, JSON.stringify(query), filters.sort]);
  const [page, setPage] = useState(1);
  const [told, setTold] = useState<Record<string, Array<{ who: string; on: string }>>>({});
  const visible = useMemo(() => (overdue.data ?? []).slice((page - 1) * PAGE, page * PAGE), [overdue.data, page]);
  useEffect(() => setPage(1), [overdue.data]);

  useEffect(() => {
    let cancelled = false;
    const missing = visible.filter((t) => !told[t.id]);
    void (async () => {
      // A few at a time: the history of each visible row, newest first.
      for (let i = 0; i < missing.length && !cancelled; i += 5) {
        const batch = await Promise.all(
          missing.slice(i, i + 5).map(async (t) => {
            const history = await api.get('/tasks/{id}/history', { params: { path: { id: t.id }, query: { limit: 50 } } }).catch(() => ({ items: [] as TaskEvent[], nextCursor: null }));
            const steps = history.items.filter((e) => TOLD[e.type]).map((e) => ({ who: TOLD[e.type], on: e.occurredAt.slice(0, 10) }));
            return [t.id, steps.reverse()] as const;
          }),
        );
        if (!cancelled) setTold((prev) => ({ ...prev, ...Object.fromEntries(batch) }));
      }
    })();
    return () => {
      cancelled = true;
    };
    // `told` is read, not watched: it only grows with what this effect adds.
  }, [visible]);

  const filtered = isFiltered(filters);
  const toldOf = (t: TaskSummary) =>
    !told[t.id] ? (
      <Text size="xs" c="dimmed">
        Đang tải…
      </Text>
    ) : told[t.id].length === 0 ? (
      <Text size="xs" c="dimmed">
        Chưa có thông báo quá hạn
      </Text>
    ) : (
      told[t.id].map((s) => (
        <Text size="xs" key={s.who}>
          {s.who} ({formatDate(s.on)})
        </Text>
      ))
    );
  return (
    <Paper withBorder p="md" radius="md" data-testid="overdue-list">
      <Title order={2} size="h4" mb="sm">
        Nhiệm vụ quá hạn ({overdue.data && filtered ? `${overdue.data.length} khớp tìm kiếm / ${count}` : count})
      </Title>
      <TaskFilters values={filters} onChange={setFilters} units={units.data} show={{ unit: true, status: false }} />
      {overdue.error && <ErrorAlert error={overdue.error} onRetry={() => void overdue.reload()} />}
      {!overdue.data && !overdue.error && <Loading />}
      {overdue.data && overdue.data.length === 0 && (
        <Text c="dimmed">{filtered ? 'Không có nhiệm vụ quá hạn nào khớp tìm kiếm. Bỏ bớt điều kiện lọc để xem cả danh sách.' : 'Không có nhiệm vụ nào quá hạn. Các đơn vị đang thực hiện đúng tiến độ.'}</Text>
      )}
      {overdue.data && overdue.data.length > 0 && phone && (
        <Stack gap="sm" role="list" aria-label="Nhiệm vụ quá hạn" data-testid="overdue-cards">
          {visible.map((t) => (
            <Paper key={t.id} role="listitem" withBorder p="sm" radius="md" data-task-id={t.id} style={{ borderLeft: `5px solid var(--mantine-color-${STATUS_COLORS.OPEN_OVERDUE}-6)` }}>
              <Stack gap={4}>
                <Anchor component={Link} to={`/tasks/${t.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {t.rowKey ? `${t.rowKey}. ` : ''}
                  {t.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t.ownerUnitCode ?? 'Nhiều đơn vị'} · {t.stateLabel} · hạn {formatDate(t.effectiveDueOn)}
                </Text>
                <OverdueDays due={t.effectiveDueOn} />
                {t.waitingOn.text && (
                  <Text size="xs" c="dimmed">
                    {t.waitingOn.text}
                  </Text>
                )}
                <div>{toldOf(t)}</div>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {overdue.data && overdue.data.length > 0 && !phone && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>STT</Table.Th>
                  <Table.Th>Nhiệm vụ</Table.Th>
                  <Table.Th w={90}>Chủ trì</Table.Th>
                  <Table.Th w={120}>Hạn</Table.Th>
                  <Table.Th w={110}>Quá hạn</Table.Th>
                  <Table.Th w={260}>Đã báo</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((t) => (
                  <Table.Tr key={t.id} data-task-id={t.id}>
                    <Table.Td>{t.rowKey}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/tasks/${t.id}`} size="sm" lineClamp={2}>
                        {t.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t.stateLabel}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t.ownerUnitCode ?? 'Nhiều đơn vị'}</Table.Td>
                    <Table.Td>
                      <DueDate task={{ ...t, statusWord: 'OPEN_ON_TIME' }} />
                    </Table.Td>
                    <Table.Td>
                      <OverdueDays due={t.effectiveDueOn} />
                    </Table.Td>
                    <Table.Td>{toldOf(t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {overdue.data && overdue.data.length > PAGE && (
        <Pagination total={Math.ceil(overdue.data.length / PAGE)} value={page} onChange={setPage} mt="sm" getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Trang trước' : c === 'next' ? 'Trang sau' : c })} />
      )}
    </Paper>
  );
}

/** "quá hạn 12 ngày làm việc (16 ngày)", by the organization's calendar. */
function OverdueDays({ due }: { due: string | null }) {
  const today = vietnamToday();
  const working = useWorkingDays(due, today);
  if (!due) return null;
  return (
    <Text size="sm" c="red.8" fw={600} data-testid="overdue-days">
      {overdueText(daysBetween(due, today), working)}
    </Text>
  );
}

function monthsOf(startYear: number, endYear: number): string[] {
  const out: string[] = [];
  for (let y = startYear; y <= endYear; y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
}

type RatingTotals = Pick<UnitRating, 'unitCode' | 'unitName' | 'tasksDue' | 'completedOnTime' | 'completedLate' | 'overdueOpen' | 'openInTime'>;

/** The monthly unit rating (`GET /reports/unit-ratings`): one month, or the whole year summed. */
function UnitRatings({ startYear, endYear }: { startYear: number; endYear: number }) {
  const today = vietnamToday().slice(0, 7);
  const months = monthsOf(startYear, endYear);
  const [choice, setChoice] = useState<string>(months.includes(today) ? today : `year-${endYear}`);
  const range = choice.startsWith('year-') ? { from: `${choice.slice(5)}-01`, to: `${choice.slice(5)}-12` } : { from: choice, to: choice };
  const ratings = useResource(() => api.get('/reports/unit-ratings', { params: { query: range } }), [choice]);
  const rows = useMemo(() => {
    const byUnit = new Map<string, RatingTotals>();
    for (const r of ratings.data?.rows ?? []) {
      const t = byUnit.get(r.unitCode) ?? { unitCode: r.unitCode, unitName: r.unitName, tasksDue: 0, completedOnTime: 0, completedLate: 0, overdueOpen: 0, openInTime: 0 };
      t.tasksDue += r.tasksDue;
      t.completedOnTime += r.completedOnTime;
      t.completedLate += r.completedLate;
      t.overdueOpen += r.overdueOpen;
      t.openInTime += r.openInTime;
      byUnit.set(r.unitCode, t);
    }
    return [...byUnit.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  }, [ratings.data]);
  const options = [
    ...Array.from({ length: endYear - startYear + 1 }, (_, i) => ({ value: `year-${startYear + i}`, label: `Cả năm ${startYear + i}` })),
    ...months.map((m) => ({ value: m, label: `Tháng ${Number(m.slice(5))}/${m.slice(0, 4)}` })),
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="unit-ratings">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          Đánh giá hằng tháng của đơn vị
        </Title>
        <Group gap="xs">
          <Select aria-label="Kỳ đánh giá" data={options} value={choice} onChange={(v) => v && setChoice(v)} allowDeselect={false} w={180} />
          <ExportButtons route={(format) => exportRoutes.unitRatings(range.from, range.to, format)} fallbackName="danh-gia-don-vi" />
        </Group>
      </Group>
      {ratings.error && <ErrorAlert error={ratings.error} onRetry={() => void ratings.reload()} />}
      {!ratings.data && !ratings.error && <Loading />}
      {ratings.data && rows.length === 0 && <Text c="dimmed">Không có nhiệm vụ nào đến hạn trong kỳ này. Chọn kỳ khác để xem đánh giá.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={700} scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Bảng đánh giá đơn vị' } }}>
          <Table striped withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Đơn vị</Table.Th>
                <Table.Th ta="right">Đến hạn</Table.Th>
                <Table.Th ta="right" c={`${STATUS_COLORS.DONE_ON_TIME}.8`}>
                  Hoàn thành đúng hạn
                </Table.Th>
                <Table.Th ta="right" c={`${STATUS_COLORS.DONE_LATE}.9`}>
                  Hoàn thành quá hạn
                </Table.Th>
                <Table.Th ta="right" c={`${STATUS_COLORS.OPEN_OVERDUE}.8`}>
                  Quá hạn chưa hoàn thành
                </Table.Th>
                <Table.Th ta="right">Đang trong hạn</Table.Th>
                <Table.Th ta="right">Tỷ lệ đúng hạn</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const decided = r.completedOnTime + r.completedLate + r.overdueOpen;
                return (
                  <Table.Tr key={r.unitCode}>
                    <Table.Td title={r.unitName}>
                      {r.unitCode} — {r.unitName}
                    </Table.Td>
                    <Table.Td ta="right">{r.tasksDue}</Table.Td>
                    <Table.Td ta="right">{r.completedOnTime}</Table.Td>
                    <Table.Td ta="right">{r.completedLate}</Table.Td>
                    <Table.Td ta="right">{r.overdueOpen}</Table.Td>
                    <Table.Td ta="right">{r.openInTime}</Table.Td>
                    <Table.Td ta="right">{decided ? formatPercent(r.completedOnTime / decided) : '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
