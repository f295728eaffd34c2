import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  isOptionsGroup,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Spoiler,
  Stack,
  Table,
  Text,
  Title,
  type OptionsFilter,
} from '@mantine/core';
import { Fragment, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/api.client';
import type { DirectoryUnit, ParsedTask, ParsedUnitRef, ParseIssue, PlanImport, PlanImportConfirmation, UnitMapping } from '../api/types';
import { ProseCuration } from '../components/prose-curation';
import { Empty, notifyError, notifySuccess, PageTitle } from '../components/ui';
import { announceChange } from '../lib/events';
import { formatDate } from '../lib/format';
import { useResource } from '../lib/use-resource';

const CELL_LABELS: Record<string, string> = {
  lead: 'Chủ trì',
  coordinating: 'Phối hợp',
  timeline: 'Thời gian',
  title: 'Nội dung nhiệm vụ',
  ordinal: 'STT',
  note: 'Ghi chú',
};

const GROUP_LABELS: Record<string, string> = {
  ALL_UNITS: 'Tất cả đơn vị thuộc, trực thuộc Sở',
  AFFILIATED_UNITS: 'Các đơn vị trực thuộc Sở',
  RELEVANT: 'Đơn vị liên quan (đơn vị chủ trì chọn)',
};

function rowKeyOf(issue: { section?: string; ordinal?: string }): string | null {
  return issue.section !== undefined && issue.ordinal !== undefined ? `${issue.section}.${issue.ordinal}` : null;
}

/** Where in the person's own file: "dòng 57" of a text, "hàng 12, bảng 2" of Word, "hàng 9, trang tính Phụ lục". */
function whereInFile(issue: ParseIssue): string {
  const s = issue.source;
  if (!s) return '';
  if (s.line) return `dòng ${s.line} của tệp`;
  if (s.row && s.sheet) return `hàng ${s.row}, trang tính “${s.sheet}”`;
  if (s.row && s.table) return `hàng ${s.row} của bảng ${s.table}`;
  return '';
}

/** Unit wording compared the way people type it: no case, no diacritics ("van phong" finds "Văn phòng"), single spaces. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A prose plan (the API's `kind`): no appendix table, tasks proposed from its sentences (curated on ProseCuration). */
function isProse(preview: PlanImport): boolean {
  return preview.kind === 'prose';
}

/** A unit name of the file the directory does not know, where it occurs, and the unit chosen for it. */
interface UnresolvedName {
  name: string;
  /** Id of its select, so a row can take the person there. */
  inputId: string;
  places: ParseIssue[];
  unitCode: string | null;
}

/** The import of a plan: upload, read the preview row by row, choose units for unknown names (or fix the file), confirm. */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PlanImport | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<PlanImportConfirmation | null>(null);
  // A prose plan confirmed from its curation (which shows the answer itself).
  const [proseDone, setProseDone] = useState(false);
  const directory = useResource(() => api.get('/units'), []);
  // The units chosen so far, shown at once; each choice is sent as the whole set, one request after
  // the other, and the preview the API reads again with them replaces the one on screen.
  const [mappings, setMappings] = useState<UnitMapping[]>([]);
  const [savingMappings, setSavingMappings] = useState(0);
  const mappingsRef = useRef<UnitMapping[]>([]);
  const saves = useRef<Promise<void>>(Promise.resolve());

  const showPreview = (next: PlanImport | null) => {
    setPreview(next);
    mappingsRef.current = next?.unitMappings ?? [];
    setMappings(mappingsRef.current);
  };

  const chooseUnit = (importId: string, name: string, unitCode: string | null) => {
    const next = [...mappingsRef.current.filter((m) => fold(m.name) !== fold(name)), ...(unitCode ? [{ name, unitCode }] : [])];
    mappingsRef.current = next;
    setMappings(next);
    setSavingMappings((n) => n + 1);
    saves.current = saves.current.then(async () => {
      try {
        const updated = await api.put('/plans/imports/{id}/unit-mappings', { params: { path: { id: importId } }, body: { mappings: next } });
        // A later choice is already on its way: its answer will replace this one.
        if (mappingsRef.current === next) showPreview(updated);
      } catch (err) {
        notifyError(err, 'Không lưu được đơn vị đã chọn');
        const fresh = await api.get('/plans/imports/{id}', { params: { path: { id: importId } } }).catch(() => null);
        if (fresh) showPreview(fresh);
      } finally {
        setSavingMappings((n) => n - 1);
      }
    });
  };

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setUploadError(null);
    showPreview(null);
    setDone(null);
    setProseDone(false);
    setAccepted(false);
    try {
      const form = new FormData();
      form.append('file', file);
      if (year !== '') form.append('year', String(year));
      showPreview(await api.upload('/plans/imports', form));
    } catch (err) {
      setUploadError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setConfirming(true);
    try {
      const result = await api.post('/plans/imports/{id}/confirm', { params: { path: { id: preview.id } }, body: { acceptedWarnings: [...new Set(preview.parse.warnings.map((w) => w.code))] } });
      setDone(result);
      notifySuccess(result.summary, 'Đã nhập kế hoạch');
      announceChange();
    } catch (err) {
      notifyError(err, 'Không nhập được kế hoạch');
    } finally {
      setConfirming(false);
    }
  };

  const discard = () => {
    if (!preview) return;
    showPreview(null);
    setFile(null);
    api.delete('/plans/imports/{id}', { params: { path: { id: preview.id } } }).catch(notifyError);
  };

  return (
    <>
      <PageTitle title="Nhập kế hoạch" crumbs={[{ label: 'Theo dõi kế hoạch', to: '/dashboard' }]} />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="form" onSubmit={(e: FormEvent) => void upload(e)}>
          <Stack>
            <Text size="sm">
              Chọn tệp kế hoạch có bảng phụ lục nhiệm vụ (Word .docx, Excel .xlsx hoặc văn bản .txt). Hệ thống đọc từng dòng, nhận diện đơn vị và thời gian; chưa có
              gì được lưu cho đến khi bạn xác nhận.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <FileInput
                label="Tệp kế hoạch"
                placeholder="Chọn tệp…"
                accept=".docx,.xlsx,.txt,.md"
                value={file}
                onChange={setFile}
                required
                clearable
                clearButtonProps={{ 'aria-label': 'Bỏ tệp đã chọn' }}
                data-testid="plan-file"
              />
              <NumberInput label="Năm kế hoạch" description="Để trống: lấy năm từ tiêu đề kế hoạch" min={2000} max={2100} value={year} onChange={setYear} allowDecimal={false} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={busy} disabled={!file}>
                Tải lên và xem trước
              </Button>
            </Group>
            {uploadError && (
              <Alert color="red" title="Không đọc được tệp" role="alert">
                {uploadError}
              </Alert>
            )}
          </Stack>
        </Paper>

        {!preview && !uploadError && (
          <Empty title="Chưa có bản xem trước">Sau khi tải lên, bảng nhiệm vụ hiện ở đây, dòng có lỗi tô đỏ, dòng có cảnh báo tô vàng.</Empty>
        )}

        {preview && (
          <Preview
            preview={preview}
            directory={directory.data?.items ?? []}
            mappings={mappings}
            onChooseUnit={done ? undefined : (name, unitCode) => chooseUnit(preview.id, name, unitCode)}
            onProseConfirmed={() => setProseDone(true)}
          />
        )}

        {preview && !done && !proseDone && isProse(preview) && (
          <Group>
            <Button variant="default" onClick={discard}>
              Hủy bản nhập này
            </Button>
          </Group>
        )}

        {preview && !done && !isProse(preview) && (
          <Paper withBorder p="md" radius="md">
            <Stack>
              {preview.parse.warnings.length > 0 && preview.importable && (
                <Checkbox
                  label={`Tôi đã xem ${preview.parse.warnings.length} cảnh báo và đồng ý nhập kế hoạch`}
                  checked={accepted}
                  onChange={(e) => setAccepted(e.currentTarget.checked)}
                  data-testid="accept-warnings"
                />
              )}
              {!preview.importable && (
                <Alert color="red" title="Chưa nhập được kế hoạch này">
                  {preview.parse.errors.length
                    ? `Tệp còn ${preview.parse.errors.length} lỗi (tô đỏ ở trên). Chọn đơn vị cho các tên không có trong danh mục ở trên, hoặc sửa các ô được chỉ ra trong tệp gốc rồi tải lên lại; không có gì của kế hoạch được lưu.`
                    : 'Tệp không có bảng nhiệm vụ nào để nhập.'}
                </Alert>
              )}
              <Group>
                <Button
                  color="green"
                  disabled={savingMappings > 0 || !preview.importable || (preview.parse.warnings.length > 0 && !accepted)}
                  loading={confirming}
                  onClick={() => void confirm()}
                >
                  Xác nhận nhập {preview.parse.tasks.length} nhiệm vụ
                </Button>
                <Button variant="default" onClick={discard}>
                  Hủy bản nhập này
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}

        {done && (
          <Alert color="green" title="Đã nhập kế hoạch" data-testid="import-done">
            <Stack gap="xs">
              <Text size="sm">{done.summary}</Text>
              <Text size="sm">
                {done.tasksCreated} nhiệm vụ mới, {done.childTasksCreated} nhiệm vụ giao từng đơn vị, {done.tasksExisting} dòng đã có từ trước.
              </Text>
              {done.notImported.length > 0 && (
                <List size="sm">
                  {done.notImported.map((r) => (
                    <List.Item key={r.rowKey}>
                      {r.rowKey} {r.title}: {r.reason}
                    </List.Item>
                  ))}
                </List>
              )}
              <Group>
                <Button component={Link} to={`/dashboard/${done.planId}`}>
                  Xem tình hình thực hiện kế hoạch
                </Button>
                <Button variant="default" onClick={() => (showPreview(null), setDone(null), setFile(null))}>
                  Nhập kế hoạch khác
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </>
  );
}

function UnitRefs({ refs, unknown, chosen }: { refs: ParsedUnitRef[]; unknown: string[]; chosen: ReadonlySet<string> }) {
  return (
    <Group gap={4}>
      {refs.map((r) =>
        r.unit && chosen.has(fold(r.raw)) ? (
          <Badge key={r.raw} variant="outline" color="teal" style={{ textTransform: 'none' }} title={`“${r.raw}”: đơn vị đã chọn cho bản nhập này`} data-chosen-unit={r.unit}>
            {r.unit} ✓
          </Badge>
        ) : (
          <Badge key={r.raw} variant="light" color={r.unit ? 'blue' : 'grape'} style={{ textTransform: 'none' }} title={r.raw}>
            {r.unit ?? (r.group ? GROUP_LABELS[r.group] ?? r.group : r.raw)}
          </Badge>
        ),
      )}
      {unknown.map((u) => (
        <Badge key={u} variant="filled" color="red" style={{ textTransform: 'none' }} title="Không có trong danh mục đơn vị">
          {u} ?
        </Badge>
      ))}
    </Group>
  );
}

function Preview({
  preview,
  directory,
  mappings,
  onChooseUnit,
  onProseConfirmed,
}: {
  preview: PlanImport;
  directory: DirectoryUnit[];
  mappings: UnitMapping[];
  /** Unset once the import is confirmed: the preview is then only shown. */
  onChooseUnit?: (name: string, unitCode: string | null) => void;
  onProseConfirmed(): void;
}) {
  const prose = isProse(preview);
  // The errors that stop this kind of plan, as the API counts them (a prose plan's missing table is none).
  const parse = { ...preview.parse, errors: preview.blockingErrors };
  const issuesByRow = new Map<string, Array<ParseIssue & { level: 'error' | 'warning' }>>();
  const general: Array<ParseIssue & { level: 'error' | 'warning' }> = [];
  for (const [level, list] of [
    ['error', parse.errors],
    ['warning', parse.warnings],
  ] as const) {
    for (const issue of list) {
      const key = rowKeyOf(issue);
      if (key) issuesByRow.set(key, [...(issuesByRow.get(key) ?? []), { ...issue, level }]);
      else general.push({ ...issue, level });
    }
  }
  const unknownUnits = parse.errors.filter((e) => e.code === 'UNKNOWN_UNIT');
  // One choice per name (a name may occur in several rows and cells), including the names already
  // mapped: their errors are gone, and the person may still change or clear the choice.
  const unresolved: UnresolvedName[] = [];
  const byName = new Map<string, UnresolvedName>();
  const nameOf = (name: string): UnresolvedName => {
    const key = fold(name);
    let entry = byName.get(key);
    if (!entry) {
      entry = { name, inputId: `unit-choice-${unresolved.length + 1}`, places: [], unitCode: null };
      byName.set(key, entry);
      unresolved.push(entry);
    }
    return entry;
  };
  for (const m of mappings) nameOf(m.name).unitCode = m.unitCode;
  for (const e of unknownUnits) if (e.raw) nameOf(e.raw).places.push(e);
  const chosen = new Set(mappings.map((m) => fold(m.name)));
  const choiceIds = new Map([...byName].map(([key, entry]) => [key, entry.inputId]));
  const sections = parse.sections.map((s) => ({ ...s, tasks: parse.tasks.filter((t) => t.section === s.code) }));
  const errorRows = [...issuesByRow.values()].filter((l) => l.some((i) => i.level === 'error')).length;

  return (
    <Stack gap="md" data-testid="import-preview">
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4">
          {parse.header.title ?? preview.fileName}
        </Title>
        <Text size="sm" c="dimmed">
          {[parse.header.number, parse.header.issuer, parse.planYear ? `năm ${parse.planYear}` : null, `tệp ${preview.fileName}`].filter(Boolean).join(' · ')}
        </Text>
        <Group mt="sm" gap="lg" data-testid="import-summary">
          {prose ? (
            <Text size="sm">
              Không có bảng phụ lục: <b>{preview.candidates.length}</b> nhiệm vụ đề xuất từ văn bản
            </Text>
          ) : (
            <Text size="sm">
              <b>{parse.tasks.length}</b> nhiệm vụ trong <b>{parse.sections.length}</b> mục
            </Text>
          )}
          {parse.declaredTotal !== null && <Text size="sm">Dòng tổng cộng ghi {parse.declaredTotal} nhiệm vụ</Text>}
          <Text size="sm" c={parse.errors.length ? 'red.8' : 'dimmed'}>
            {parse.errors.length} lỗi{errorRows ? ` ở ${errorRows} dòng` : ''}
          </Text>
          <Text size="sm" c={parse.warnings.length ? 'yellow.9' : 'dimmed'}>
            {parse.warnings.length} cảnh báo
          </Text>
        </Group>
      </Paper>

      {general.map((issue, i) => (
        <Alert key={i} color={issue.level === 'error' ? 'red' : 'yellow'} title={issue.level === 'error' ? 'Lỗi' : 'Cảnh báo'} data-issue={issue.code}>
          {issue.message}
          {whereInFile(issue) ? ` (${whereInFile(issue)})` : ''}
        </Alert>
      ))}

      {unknownUnits.length > 0 && (
        <Alert color="red" title="Đơn vị không có trong danh mục" data-testid="unknown-units">
          <Stack gap="xs">
            <Text size="sm">
              Hệ thống không tự đoán đơn vị. Chọn đơn vị đúng trong danh mục cho từng tên ở phần “Chọn đơn vị cho tên không có trong danh mục” (chỉ áp dụng cho bản
              nhập này), hoặc sửa tên đơn vị trong tệp gốc theo đúng tên hoặc tên viết tắt trong danh mục dưới đây rồi tải lên lại. Nếu đây là tên gọi khác của một
              đơn vị, đề nghị quản trị hệ thống thêm tên gọi đó vào danh mục.
            </Text>
            <List size="sm">
              {unknownUnits.map((e, i) => (
                <List.Item key={i}>
                  Mục {e.section}, STT {e.ordinal}, cột “{CELL_LABELS[e.cell ?? ''] ?? e.cell}”: “{e.raw}”{whereInFile(e) ? ` — ${whereInFile(e)}` : ''}
                </List.Item>
              ))}
            </List>
            {directory.length > 0 && (
              <Spoiler maxHeight={0} showLabel="Xem danh mục đơn vị" hideLabel="Ẩn danh mục đơn vị">
                <Table withTableBorder fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Mã</Table.Th>
                      <Table.Th>Tên đơn vị</Table.Th>
                      <Table.Th>Tên gọi khác được nhận diện</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {directory.map((u) => (
                      <Table.Tr key={u.id}>
                        <Table.Td>{u.code}</Table.Td>
                        <Table.Td>{u.name}</Table.Td>
                        <Table.Td>{u.aliases.join('; ')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Spoiler>
            )}
          </Stack>
        </Alert>
      )}

      {unresolved.length > 0 && (
        <UnitChoices names={unresolved} directory={directory} onChoose={preview.status === 'previewed' ? onChooseUnit : undefined} />
      )}

      {preview.diff && (
        <Alert color="blue" title={`Kế hoạch đã có: ${preview.diff.planTitle}`}>
          <Text size="sm">
            So với bản đã nhập: {preview.diff.unchanged.length} dòng giữ nguyên, {preview.diff.added.length} dòng mới, {preview.diff.changed.length} dòng thay đổi nội dung,{' '}
            {preview.diff.moved.length} dòng đánh số lại, {preview.diff.removed.length} dòng không còn trong tệp. Chỉ dòng mới được thêm; nhiệm vụ đang chạy không bị
            sửa hay xóa.
          </Text>
        </Alert>
      )}

      {prose && preview.status === 'previewed' && <ProseCuration preview={preview} directory={directory} onConfirmed={onProseConfirmed} />}

      {sections.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder verticalSpacing="xs" data-testid="preview-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>STT</Table.Th>
                <Table.Th>Nội dung nhiệm vụ</Table.Th>
                <Table.Th w={170}>Chủ trì</Table.Th>
                <Table.Th w={190}>Phối hợp</Table.Th>
                <Table.Th w={200}>Thời gian</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sections.map((s) => (
                <Fragment key={s.code}>
                  <Table.Tr bg="gray.1">
                    <Table.Td colSpan={5}>
                      <Text fw={700} size="sm">
                        {s.code}. {s.title} ({s.tasks.length} nhiệm vụ)
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {s.tasks.map((t) => (
                    <PreviewRow
                      key={`${t.section}.${t.ordinal}`}
                      task={t}
                      issues={issuesByRow.get(`${t.section}.${t.ordinal}`) ?? []}
                      chosen={chosen}
                      choiceIds={choiceIds}
                    />
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/**
 * A searchable select of the directory per unknown name. Search ignores case and diacritics and
 * also finds a unit by its code or another name it is known by; every select is labelled with the
 * name it decides, so a screen reader says which one it is.
 */
function UnitChoices({ names, directory, onChoose }: { names: UnresolvedName[]; directory: DirectoryUnit[]; onChoose?: (name: string, unitCode: string | null) => void }) {
  const options = useMemo(() => directory.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })), [directory]);
  const filter = useMemo<OptionsFilter>(() => {
    const haystack = new Map(directory.map((u) => [u.code, fold([u.name, u.code, ...u.aliases].join(' | '))]));
    return ({ options: all, search, limit }) => {
      const q = fold(search);
      return all.filter((o) => !isOptionsGroup(o) && (!q || (haystack.get(o.value) ?? fold(o.label)).includes(q))).slice(0, limit);
    };
  }, [directory]);
  const left = names.filter((n) => !n.unitCode).length;
  return (
    <Paper withBorder p="md" radius="md" data-testid="unit-choices">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5">
            Chọn đơn vị cho tên không có trong danh mục
          </Title>
          <Text size="sm" c="dimmed">
            {left ? `Còn ${left} tên chưa chọn đơn vị. ` : 'Đã chọn đơn vị cho mọi tên. '}
            Đơn vị chọn ở đây chỉ áp dụng cho bản nhập này; bảng xem trước được đọc lại ngay với đơn vị đã chọn. Gõ để tìm theo tên, tên viết tắt hoặc mã.
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {names.map((n) => (
            <Select
              key={n.inputId}
              id={n.inputId}
              label={`Đơn vị cho “${n.name}”`}
              description={
                n.places.length
                  ? n.places.map((p) => `Mục ${p.section}, STT ${p.ordinal}, cột “${CELL_LABELS[p.cell ?? ''] ?? p.cell}”`).join('; ')
                  : 'Đã chọn đơn vị'
              }
              placeholder="Chọn hoặc gõ để tìm đơn vị…"
              data={options}
              filter={filter}
              value={n.unitCode}
              onChange={(code) => onChoose?.(n.name, code)}
              disabled={!onChoose}
              searchable
              clearable
              nothingFoundMessage="Không có đơn vị nào khớp"
              error={n.unitCode ? undefined : 'Chưa chọn đơn vị'}
              data-unresolved-name={n.name}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function PreviewRow({
  task,
  issues,
  chosen,
  choiceIds,
}: {
  task: ParsedTask;
  issues: Array<ParseIssue & { level: 'error' | 'warning' }>;
  chosen: ReadonlySet<string>;
  choiceIds: ReadonlyMap<string, string>;
}) {
  const level = issues.some((i) => i.level === 'error') ? 'error' : issues.length ? 'warning' : null;
  const bg = level === 'error' ? 'red.0' : level === 'warning' ? 'yellow.0' : undefined;
  const unknownIn = (cell: string) => issues.filter((i) => i.code === 'UNKNOWN_UNIT' && i.cell === cell).map((i) => i.raw ?? '');
  return (
    <>
      <Table.Tr bg={bg} data-row={`${task.section}.${task.ordinal}`} data-level={level ?? 'ok'} style={level === 'error' ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}>
        <Table.Td>{task.ordinal}</Table.Td>
        <Table.Td>
          <Text size="sm">{task.title}</Text>
        </Table.Td>
        <Table.Td>
          <UnitRefs refs={task.lead} unknown={unknownIn('lead')} chosen={chosen} />
        </Table.Td>
        <Table.Td>
          <UnitRefs refs={task.coordinating} unknown={unknownIn('coordinating')} chosen={chosen} />
        </Table.Td>
        <Table.Td>
          <Text size="xs" c="dimmed">
            {task.timeline}
          </Text>
          {task.milestones.map((m, i) => (
            <Text size="xs" key={i}>
              {m.label ? `${m.label}: ` : ''}
              {m.kind === 'event'
                ? 'chờ sự kiện'
                : m.kind === 'recurring'
                  ? `thường xuyên đến ${formatDate(m.until)}`
                  : m.kind === 'ongoing'
                    ? `cả kỳ, đến ${formatDate(m.due)}`
                    : m.due
                      ? `hạn ${formatDate(m.due)}`
                      : (m.trigger ?? '')}
            </Text>
          ))}
        </Table.Td>
      </Table.Tr>
      {issues.length > 0 && (
        <Table.Tr bg={bg}>
          <Table.Td />
          <Table.Td colSpan={4}>
            {issues.map((i, n) => {
              const choiceId = i.code === 'UNKNOWN_UNIT' && i.raw ? choiceIds.get(fold(i.raw)) : undefined;
              return (
                <Text key={n} size="xs" c={i.level === 'error' ? 'red.9' : 'yellow.9'} fw={600}>
                  {i.level === 'error' ? 'Lỗi' : 'Cảnh báo'}
                  {i.cell ? ` (cột “${CELL_LABELS[i.cell] ?? i.cell}”)` : ''}: {i.message}
                  {choiceId ? (
                    <>
                      {' '}
                      <Button variant="subtle" size="compact-xs" onClick={() => document.getElementById(choiceId)?.focus()}>
                        Chọn đơn vị cho “{i.raw}”
                      </Button>
                    </>
                  ) : i.level === 'error' ? (
                    ' Sửa ô này trong tệp rồi tải lên lại.'
                  ) : (
                    ''
                  )}
                </Text>
              );
            })}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
