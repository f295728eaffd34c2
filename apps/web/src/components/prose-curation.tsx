import { Alert, Badge, Blockquote, Button, Checkbox, Group, List, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { parseTimeline } from '../../../../libs/domain/src/timeline';
import { api } from '../api/api.client';
import type { DirectoryUnit, PlanImport, PlanImportConfirmation } from '../api/types';
import { announceChange } from '../lib/events';
import { fold } from '../lib/folding';
import { formatDate } from '../lib/format';
import { notifyError, notifySuccess } from './ui';

/**
 * A prose plan (no appendix table): the tasks the API proposes from its sentences, each beside the
 * sentence it came from, for the monitor to curate: edit the title, choose the lead unit and the
 * coordinating units from the directory, write the timeline (read as it is typed, by the same parser
 * as the importer), tick the ones to keep, and confirm. Nothing is stored before the confirmation.
 *
 * The preview's `candidates` are read tolerantly: the API of prose plans (`POST /plans/imports/:id/
 * confirm { candidates: [{ id, title?, leadUnitCode?, coordinatingUnitCodes?, timeline? }] }`) is
 * written alongside; older previews carry `leadText`, `timelineText`, `sourceSentence`, `sourceLine`.
 */

type Loose = Record<string, unknown>;

export interface CandidateSource {
  sentence: string;
  location: string;
}

export interface CandidateView {
  id: string;
  title: string;
  leadUnitCode: string | null;
  /** The lead as the sentence wrote it (shown when no unit of the directory was recognized). */
  leadText: string | null;
  coordinatingUnitCodes: string[];
  coordinatingText: string | null;
  timeline: string;
  sources: CandidateSource[];
  confidence: string | null;
  exhortation: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function codeOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Loose;
    return str(o.code) ?? str(o.unitCode) ?? (o.unit && typeof o.unit === 'object' ? str((o.unit as Loose).code) : str(o.unit));
  }
  return null;
}

function locationOf(s: Loose): string {
  const loc = s.location;
  if (typeof loc === 'string') return loc;
  if (loc && typeof loc === 'object') {
    const l = loc as Loose;
    if (typeof l.line === 'number') return `dòng ${l.line}`;
    if (typeof l.paragraph === 'number') return `đoạn ${l.paragraph}`;
  }
  if (typeof s.line === 'number') return `dòng ${s.line}`;
  return '';
}

/** One candidate of the preview, whatever the version of its shape. */
export function candidateView(raw: unknown, index: number, directory: DirectoryUnit[]): CandidateView {
  const c = (raw ?? {}) as Loose;
  const known = new Set(directory.map((u) => u.code));
  const byName = (text: string | null) => {
    if (!text) return null;
    const f = fold(text);
    return directory.find((u) => fold(u.name) === f || u.aliases.some((a) => fold(a) === f))?.code ?? null;
  };
  const leadText = str(c.leadText) ?? (c.leadUnit && typeof c.leadUnit === 'object' ? (str((c.leadUnit as Loose).raw) ?? str((c.leadUnit as Loose).name)) : null);
  const leadCode = str(c.leadUnitCode) ?? codeOf(c.leadUnit) ?? byName(leadText);
  const coordinating = Array.isArray(c.coordinatingUnitCodes) ? c.coordinatingUnitCodes : Array.isArray(c.coordinatingUnits) ? c.coordinatingUnits : [];
  const sources: CandidateSource[] = Array.isArray(c.sources)
    ? (c.sources as Loose[]).map((s) => ({ sentence: str(s.sentence) ?? str(s.text) ?? '', location: locationOf(s) })).filter((s) => s.sentence)
    : str(c.sourceSentence)
      ? [{ sentence: String(c.sourceSentence), location: typeof c.sourceLine === 'number' ? `dòng ${c.sourceLine}` : '' }]
      : [];
  const timeline = str(c.timeline) ?? str(c.timelineText) ?? (str(c.due) ? formatDate(String(c.due)) : '');
  return {
    id: str(c.id) ?? String(index),
    title: str(c.title) ?? '',
    leadUnitCode: leadCode && known.has(leadCode) ? leadCode : null,
    leadText,
    coordinatingUnitCodes: coordinating.map(codeOf).filter((x): x is string => !!x && known.has(x)),
    coordinatingText: str(c.coordinatingText),
    timeline,
    sources,
    confidence: str(c.confidence),
    exhortation: c.exhortation === true || (typeof c.exhortation === 'string' && !!c.exhortation),
  };
}

interface Edit {
  chosen: boolean;
  title: string;
  leadUnitCode: string | null;
  coordinatingUnitCodes: string[];
  timeline: string;
}

/** What the timeline says as it is typed: the deadlines read, or why none could be. */
function TimelineReading({ text, planYear, planEndYear }: { text: string; planYear: number; planEndYear: number }) {
  const parse = useMemo(() => (text.trim() ? parseTimeline(text, { planYear, planEndYear }) : null), [text, planYear, planEndYear]);
  if (!parse) return <Text size="xs" c="dimmed">Chưa có thời gian: nhiệm vụ không có hạn.</Text>;
  return (
    <Stack gap={2} data-testid="timeline-reading">
      {parse.milestones.map((m, i) => (
        <Text size="xs" key={i}>
          {m.label ? `${m.label}: ` : ''}
          {m.due ? `hạn ${formatDate(m.due)}` : m.trigger ? `chờ sự kiện “${m.trigger}”` : m.recurrence ? 'thường xuyên, báo cáo theo kỳ' : 'không có hạn'}
        </Text>
      ))}
      {parse.warnings.map((w, i) => (
        <Text size="xs" c="orange.8" key={`w${i}`}>
          {w.message}
        </Text>
      ))}
    </Stack>
  );
}

export function ProseCuration({ preview, directory, onConfirmed }: { preview: PlanImport; directory: DirectoryUnit[]; onConfirmed?(answer: PlanImportConfirmation): void }) {
  const views = useMemo(() => (preview.candidates as unknown[]).map((c, i) => candidateView(c, i, directory)), [preview.candidates, directory]);
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PlanImportConfirmation | null>(null);
  const planYear = preview.parse.planYear ?? new Date().getFullYear();
  const planEndYear = preview.parse.planEndYear ?? planYear;
  const unitOptions = directory.map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  const edit = (v: CandidateView): Edit =>
    edits[v.id] ?? { chosen: !v.exhortation, title: v.title, leadUnitCode: v.leadUnitCode, coordinatingUnitCodes: v.coordinatingUnitCodes, timeline: v.timeline };
  const change = (v: CandidateView, next: Partial<Edit>) => setEdits((all) => ({ ...all, [v.id]: { ...edit(v), ...next } }));

  const chooseAll = (value: boolean) => setEdits((all) => Object.fromEntries(views.map((v) => [v.id, { ...(all[v.id] ?? edit(v)), chosen: value }])));
  const chosen = views.filter((v) => edit(v).chosen);
  const incomplete = chosen.filter((v) => !edit(v).title.trim() || !edit(v).leadUnitCode);

  const confirm = async () => {
    setBusy(true);
    try {
      const candidates = chosen.map((v) => {
        const e = edit(v);
        return {
          id: v.id,
          ...(e.title.trim() !== v.title ? { title: e.title.trim() } : {}),
          ...(e.leadUnitCode !== v.leadUnitCode || !v.leadUnitCode ? { leadUnitCode: e.leadUnitCode ?? undefined } : {}),
          coordinatingUnitCodes: e.coordinatingUnitCodes,
          ...(e.timeline.trim() !== v.timeline ? { timeline: e.timeline.trim() } : {}),
        };
      });
      const answer = await api.post('/plans/imports/{id}/confirm', { params: { path: { id: preview.id } }, body: { candidates, acceptWarnings: true } });
      setDone(answer);
      onConfirmed?.(answer);
      notifySuccess(answer.summary ?? `Đã tạo ${answer.tasksCreated} nhiệm vụ.`, 'Đã nhập kế hoạch');
      announceChange();
    } catch (err) {
      notifyError(err, 'Không nhập được kế hoạch');
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Alert color="green" title="Đã nhập kế hoạch" data-testid="curation-done">
        <Stack gap="xs">
          <Text size="sm">{done.summary ?? `Đã tạo ${done.tasksCreated} nhiệm vụ từ ${chosen.length} đề xuất đã chọn.`}</Text>
          {done.planId && (
            <Group>
              <Button component={Link} to={`/dashboard/${done.planId}`} variant="light">
                Xem tình hình thực hiện
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }

  return (
    <Stack gap="md" data-testid="prose-curation">
      <Alert color="blue" title={`Văn bản không có bảng phụ lục: ${views.length} nhiệm vụ đề xuất từ các câu của văn bản`}>
        Mỗi đề xuất có câu gốc bên cạnh. Sửa tên nhiệm vụ, chọn đơn vị chủ trì và phối hợp từ danh mục, ghi thời gian thực hiện (hệ thống đọc ngay khi gõ), bỏ chọn
        những câu không phải nhiệm vụ (lời kêu gọi, câu chung chung), rồi xác nhận. Chưa có gì được lưu trước khi xác nhận.
      </Alert>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={() => chooseAll(false)}>
          Bỏ chọn tất cả
        </Button>
        <Button variant="default" size="xs" onClick={() => chooseAll(true)}>
          Chọn tất cả
        </Button>
      </Group>
      {views.map((v, i) => {
        const e = edit(v);
        return (
          <Paper key={v.id} withBorder p="md" radius="md" data-candidate-id={v.id} bg={e.chosen ? undefined : 'gray.0'}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Checkbox
                  label={<Title order={3} size="h5">Đề xuất {i + 1}</Title>}
                  checked={e.chosen}
                  onChange={(ev) => change(v, { chosen: ev.currentTarget.checked })}
                  aria-label={`Chọn đề xuất ${i + 1}: ${e.title || v.title}`}
                />
                <Group gap={4}>
                  {v.exhortation && (
                    <Badge color="orange" variant="light">
                      Lời kêu gọi, không phải nhiệm vụ cụ thể
                    </Badge>
                  )}
                  {v.confidence && (
                    <Badge color={v.confidence === 'high' ? 'green' : 'yellow'} variant="light">
                      {v.confidence === 'high' ? 'Nhận diện chắc chắn' : 'Cần xem lại'}
                    </Badge>
                  )}
                </Group>
              </Group>
              {v.sources.map((s, k) => (
                <Blockquote key={k} p="xs" color="gray" cite={s.location ? `— ${s.location}` : undefined} data-testid="candidate-source">
                  <Text size="sm">{s.sentence}</Text>
                </Blockquote>
              ))}
              <TextInput
                label="Tên nhiệm vụ"
                value={e.title}
                onChange={(ev) => change(v, { title: ev.currentTarget.value })}
                withAsterisk={e.chosen}
                error={e.chosen && !e.title.trim() ? 'Nhập tên nhiệm vụ.' : undefined}
                disabled={!e.chosen}
              />
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Select
                  label="Đơn vị chủ trì"
                  description={v.leadText ? `Văn bản ghi: “${v.leadText}”` : 'Văn bản không ghi đơn vị'}
                  data={unitOptions}
                  value={e.leadUnitCode}
                  onChange={(code) => change(v, { leadUnitCode: code })}
                  searchable
                  clearable
                  nothingFoundMessage="Không có đơn vị này"
                  filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search)))}
                  withAsterisk={e.chosen}
                  error={e.chosen && !e.leadUnitCode ? 'Chọn đơn vị chủ trì.' : undefined}
                  disabled={!e.chosen}
                  comboboxProps={{ withinPortal: true }}
                />
                <MultiSelect
                  label="Đơn vị phối hợp"
                  description={v.coordinatingText ? `Văn bản ghi: “${v.coordinatingText}”` : 'Không bắt buộc'}
                  data={unitOptions.filter((o) => o.value !== e.leadUnitCode)}
                  value={e.coordinatingUnitCodes}
                  onChange={(codes) => change(v, { coordinatingUnitCodes: codes })}
                  searchable
                  clearable
                  nothingFoundMessage="Không có đơn vị này"
                  filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search)))}
                  disabled={!e.chosen}
                  comboboxProps={{ withinPortal: true }}
                />
                <Stack gap={4}>
                  <TextInput
                    label="Thời gian thực hiện"
                    description="Ví dụ: Trước ngày 31/3/2025; Quý II; Thường xuyên"
                    value={e.timeline}
                    onChange={(ev) => change(v, { timeline: ev.currentTarget.value })}
                    disabled={!e.chosen}
                  />
                  <TimelineReading text={e.timeline} planYear={planYear} planEndYear={planEndYear} />
                </Stack>
              </SimpleGrid>
            </Stack>
          </Paper>
        );
      })}
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          {incomplete.length > 0 && (
            <Alert color="orange" title="Còn đề xuất đã chọn chưa đủ thông tin">
              <List size="sm">
                {incomplete.map((v) => (
                  <List.Item key={v.id}>
                    Đề xuất {views.indexOf(v) + 1}: {!edit(v).title.trim() ? 'chưa có tên' : ''}
                    {!edit(v).title.trim() && !edit(v).leadUnitCode ? ', ' : ''}
                    {!edit(v).leadUnitCode ? 'chưa chọn đơn vị chủ trì' : ''}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group>
            <Button color="green" loading={busy} disabled={!chosen.length || incomplete.length > 0} onClick={() => void confirm()} data-testid="confirm-candidates">
              Tạo {chosen.length} nhiệm vụ đã chọn
            </Button>
            <Text size="sm" c="dimmed">
              {views.length - chosen.length} đề xuất không chọn sẽ không được tạo.
            </Text>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
