import { Anchor, Badge, Blockquote, Group, List, Paper, Progress, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { api } from '../api/api.client';
import type { Attachment, ReviewOpinion, ReviewOpinionView, TaskDetail, TaskEvent } from '../api/types';
import { formatBytes, formatDate, formatDateTime, OPINION_COLORS, OPINION_LABELS } from '../lib/format';
import { DueDate, notifyError, StatusBadge } from './ui';

/** The essentials of a task: where it comes from, who leads, who coordinates, when, where it stands. */
export function TaskFacts({ task }: { task: TaskDetail }) {
  const lead = task.units.filter((u) => u.role === 'lead');
  const coordinating = task.units.filter((u) => u.role === 'coordinating');
  return (
    <Paper withBorder p="md" radius="md" data-testid="task-facts">
      <Stack gap="sm">
        <Group gap="xs">
          <StatusBadge word={task.statusWord} label={task.statusLabel} />
          <Badge variant="outline" color="gray" style={{ textTransform: 'none' }} data-testid="state-label">
            {task.stateLabel}
          </Badge>
          {task.rowKey && (
            <Text size="sm" c="dimmed">
              Mục {task.sectionCode} · STT {task.rowKey.split('.').slice(1).join('.')}
            </Text>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <Fact label="Đơn vị chủ trì">{lead.map((u) => u.name).join(', ') || task.leadRaw || '—'}</Fact>
          <Fact label="Đơn vị phối hợp">
            {coordinating.length ? coordinating.map((u) => u.code).join(', ') : task.workflow.coordinatingToBeNamed ? 'Đơn vị chủ trì sẽ chọn' : 'Không có'}
          </Fact>
          <Fact label="Hạn hoàn thành">
            <DueDate task={task} />
          </Fact>
          {task.assignee && <Fact label="Cán bộ được giao">{[task.assignee.fullName, task.assignee.title].filter(Boolean).join(' — ')}</Fact>}
          <Fact label="Đang chờ">{task.waitingOn.text || (task.state === 'COMPLETED' ? `Hoàn thành ngày ${formatDate(task.completedOn)}` : '—')}</Fact>
        </SimpleGrid>
        {task.planTitle && (
          <Text size="sm" c="dimmed">
            Kế hoạch: {task.planTitle}
            {task.sectionTitle ? ` · ${task.sectionTitle}` : ''}
            {task.timelineRaw ? ` · Thời gian: ${task.timelineRaw}` : ''}
          </Text>
        )}
        {task.milestones.length > 1 && (
          <List size="sm" spacing={2}>
            {task.milestones.map((m) => (
              <List.Item key={m.position} fw={m.current ? 600 : undefined}>
                {m.label || `Mốc ${m.position + 1}`}: {m.dueOn ? formatDate(m.dueOn) : 'chưa có hạn'} —{' '}
                {m.state === 'DONE' ? `xong ${formatDate(m.completedOn)}` : m.current ? 'đang thực hiện' : 'chưa đến'}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function AttachmentList({ files }: { files: Attachment[] }) {
  if (!files.length) return <Text size="sm" c="dimmed">Chưa có tệp đính kèm.</Text>;
  return (
    <List size="sm" spacing={4}>
      {files.map((f) => (
        <List.Item key={f.fileId}>
          <Anchor component="button" type="button" size="sm" onClick={() => void api.download(`/attachments/${encodeURIComponent(f.fileId)}`, f.name).catch(notifyError)}>
            {f.name}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {formatBytes(f.size)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The lead unit's draft: text, files, progress. */
export function DraftView({ task }: { task: TaskDetail }) {
  const draft = task.workflow.draft;
  return (
    <Stack gap="sm" data-testid="draft-view">
      <Title order={3} size="h4">
        Dự thảo
      </Title>
      {draft?.text ? (
        <Paper withBorder p="md" radius="md" bg="gray.0">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {draft.text}
          </Text>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Đơn vị chủ trì chưa nhập nội dung dự thảo.
        </Text>
      )}
      <Group gap="xs" align="center">
        <Text size="sm" c="dimmed" w={130}>
          Tiến độ {draft?.progressPercent ?? task.progressPercent}%
        </Text>
        <Progress value={draft?.progressPercent ?? task.progressPercent} w={200} aria-label="Tiến độ" />
      </Group>
      {draft?.updatedAt && (
        <Text size="xs" c="dimmed">
          Cập nhật lần cuối {formatDateTime(draft.updatedAt)}
        </Text>
      )}
      <Text size="sm" fw={600}>
        Tệp đính kèm
      </Text>
      <AttachmentList files={draft?.attachments ?? []} />
      {task.workflow.submission?.overrideReview && (
        <Blockquote color="orange" p="sm">
          Trình vượt ý kiến phối hợp. Lý do: {task.workflow.submission.justification}
        </Blockquote>
      )}
      {task.workflow.submission?.note && (
        <Blockquote color="blue" p="sm" data-testid="submission-note">
          <Text size="sm" fw={600}>
            Ghi chú của đơn vị chủ trì khi trình
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {task.workflow.submission.note}
          </Text>
        </Blockquote>
      )}
    </Stack>
  );
}

/**
 * The coordinating units' opinions: the open round's, else those of the round that just ended (its
 * REVIEW_COMPLETED / REVIEW_RETURNED event carries every opinion), else the last review's comments.
 */
export function opinionsOf(task: TaskDetail): { opinions: ReviewOpinionView[]; open: boolean; round: number | null } | null {
  const review = task.workflow.review;
  if (review) return { opinions: review.opinions, open: true, round: review.round };
  const ended = task.history.find((e) => e.type === 'REVIEW_COMPLETED' || e.type === 'REVIEW_RETURNED');
  const opinions = ended?.payload.opinions as ReviewOpinionView[] | undefined;
  if (ended && Array.isArray(opinions)) return { opinions, open: false, round: (ended.payload.round as number) ?? null };
  if (task.workflow.lastReview?.comments.length) return { opinions: task.workflow.lastReview.comments, open: false, round: null };
  return null;
}

export function OpinionBadge({ opinion, silent }: { opinion: ReviewOpinion | null; silent?: boolean }) {
  if (silent) return <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>Quá hạn, coi như đồng ý</Badge>;
  if (!opinion) return <Badge color="gray" variant="outline" style={{ textTransform: 'none' }}>Chưa cho ý kiến</Badge>;
  return (
    <Badge color={OPINION_COLORS[opinion]} variant="light" style={{ textTransform: 'none' }}>
      {OPINION_LABELS[opinion]}
    </Badge>
  );
}

export function OpinionsView({ task }: { task: TaskDetail }) {
  const result = opinionsOf(task);
  const names = new Map(task.units.map((u) => [u.code, u.name]));
  return (
    <Stack gap="sm" data-testid="opinions-view">
      <Title order={3} size="h4">
        Ý kiến đơn vị phối hợp
      </Title>
      {!result ? (
        <Text size="sm" c="dimmed">
          {task.units.some((u) => u.role === 'coordinating') ? 'Chưa trình lấy ý kiến phối hợp.' : 'Nhiệm vụ không có đơn vị phối hợp.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {result.open
              ? `Đang lấy ý kiến${result.round ? ` (lần ${result.round})` : ''}, hạn cho ý kiến ${formatDate(task.workflow.review?.windowEndsOn)}.`
              : `Kết quả lấy ý kiến${result.round ? ` lần ${result.round}` : ''}.`}
          </Text>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Đơn vị</Table.Th>
                  <Table.Th w={190}>Ý kiến</Table.Th>
                  <Table.Th>Nội dung góp ý</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.opinions.map((o) => (
                  <Table.Tr key={o.unitId} data-unit={o.unitCode}>
                    <Table.Td>
                      <Text size="sm" title={names.get(o.unitCode)}>
                        {names.get(o.unitCode) ?? o.unitCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <OpinionBadge opinion={o.opinion} silent={o.silent} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {o.comment ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

/** The words an event carries that a reader needs (a comment, a reason, a new date). */
function eventDetail(e: TaskEvent): string[] {
  const p = e.payload;
  const out: string[] = [];
  const text = (k: string) => (typeof p[k] === 'string' && (p[k] as string).trim() ? (p[k] as string) : null);
  if (text('comment')) out.push(`Ý kiến: ${text('comment')}`);
  if (text('reason')) out.push(`Lý do: ${text('reason')}`);
  if (text('justification')) out.push(`Lý do trình vượt: ${text('justification')}`);
  if (text('note')) out.push(`Ghi chú: ${text('note')}`);
  if (e.type === 'BLOCKER_RAISED' && text('text')) out.push(`Vướng mắc: ${text('text')}`);
  if (e.type === 'REVIEW_GIVEN' && typeof p.opinion === 'string') {
    const unit = typeof p.unitCode === 'string' ? `${p.unitCode}: ` : '';
    out.push(`${unit}${OPINION_LABELS[p.opinion as ReviewOpinion] ?? p.opinion}`);
  }
  // Tải lên / gỡ tệp: which file (the label says what happened).
  if ((e.type === 'ATTACHMENT_UPLOADED' || e.type === 'ATTACHMENT_REMOVED') && text('name')) {
    out.push(`Tệp "${text('name')}"${typeof p.size === 'number' ? ` (${formatBytes(p.size)})` : ''}`);
  }
  if (text('requestedDueOn')) out.push(`Hạn đề nghị: ${formatDate(text('requestedDueOn'))}`);
  if (text('newDueOn')) out.push(`Hạn mới: ${formatDate(text('newDueOn'))}`);
  return out;
}

export function HistoryView({ events }: { events: TaskEvent[] }) {
  if (!events.length) return <Text size="sm" c="dimmed">Chưa có hoạt động.</Text>;
  return (
    <Stack gap="sm" data-testid="history-view">
      <Title order={3} size="h4">
        Lịch sử xử lý
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={events.length}>
        {events.map((e) => (
          <Timeline.Item key={e.version} title={e.label} data-event={e.type}>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.occurredAt)} · {e.actorLabel}
            </Text>
            {eventDetail(e).map((line) => (
              <Text size="sm" key={line} style={{ whiteSpace: 'pre-wrap' }}>
                {line}
              </Text>
            ))}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export function CommentsView({ task }: { task: TaskDetail }) {
  if (!task.comments.length) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Ý kiến trao đổi
      </Title>
      {task.comments.map((c) => (
        <Paper key={c.version} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {c.authorLabel} · {formatDateTime(c.at)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.text}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
