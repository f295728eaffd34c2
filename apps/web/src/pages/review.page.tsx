import { Alert, Button, Grid, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/api.client';
import type { ActionResult, ReviewOpinion, TaskDetail } from '../api/types';
import { useSession } from '../auth/session.context';
import { useTaskAction } from '../components/action-form';
import { DraftView, OpinionBadge, OpinionsView, TaskFacts } from '../components/task-parts';
import { ErrorAlert, Loading, PageTitle } from '../components/ui';
import { formatDate, OPINION_LABELS } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** The coordinating unit's answer: agree, agree with comments, or disagree (with the reasons). */
export function ReviewForm({ task, onDone }: { task: TaskDetail; onDone(result: ActionResult, opinion: ReviewOpinion): void }) {
  const [opinion, setOpinion] = useState<ReviewOpinion>('agree');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useTaskAction();
  const needsComment = opinion !== 'agree';
  const submit = async () => {
    if (needsComment && !comment.trim()) {
      setError(opinion === 'disagree' ? 'Nêu lý do không đồng ý để đơn vị chủ trì chỉnh sửa.' : 'Nhập nội dung góp ý.');
      return;
    }
    const result = await run(task, 'review', { opinion, ...(comment.trim() ? { comment: comment.trim() } : {}) }, `Đã gửi ý kiến: ${OPINION_LABELS[opinion]}.`);
    if (result) onDone(result, opinion);
  };
  return (
    <Stack gap="sm" data-testid="review-form">
      <Title order={2} size="h4">
        Ý kiến của đơn vị
      </Title>
      <Text size="sm" c="dimmed">
        Hạn cho ý kiến: {formatDate(task.workflow.review?.windowEndsOn)}.
      </Text>
      <Radio.Group value={opinion} onChange={(v) => setOpinion(v as ReviewOpinion)} label="Ý kiến" withAsterisk>
        <Stack gap="xs" mt="xs">
          <Radio value="agree" label="Đồng ý" />
          <Radio value="agree_with_comments" label="Đồng ý, có góp ý" />
          <Radio value="disagree" label="Không đồng ý" />
        </Stack>
      </Radio.Group>
      <Textarea
        label={opinion === 'disagree' ? 'Lý do không đồng ý' : 'Nội dung góp ý'}
        withAsterisk={needsComment}
        autosize
        minRows={3}
        value={comment}
        error={error}
        onChange={(e) => {
          setComment(e.currentTarget.value);
          setError(null);
        }}
      />
      <Button onClick={() => void submit()} loading={busy} color={opinion === 'disagree' ? 'red' : undefined}>
        Gửi ý kiến
      </Button>
    </Stack>
  );
}

/** Review page of a coordinating unit: the lead unit's draft, the opinions so far, the unit's answer. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const detail = useResource(() => api.get('/tasks/{id}', { params: { path: { id: id! } } }), [id]);
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [answered, setAnswered] = useState<ReviewOpinion | null>(null);
  useEffect(() => setTask(detail.data ?? null), [detail.data]);
  const crumbs = [
    { label: 'Việc của đơn vị', to: '/board' },
    { label: 'Trang nhiệm vụ', to: `/tasks/${id}` },
  ];
  if (detail.error) {
    return (
      <>
        <PageTitle title="Cho ý kiến phối hợp" crumbs={crumbs} />
        <ErrorAlert error={detail.error} />
      </>
    );
  }
  if (!task || !me) return <Loading />;
  const myCode = me.unit?.code ?? '';
  const pending = task.state === 'IN_REVIEW' && task.pendingReviewUnitCodes.includes(myCode);
  const mine = task.workflow.review?.opinions.find((o) => o.unitCode === myCode);
  // The form only when the API offers this person the review now (availableActions).
  const mayAnswer = task.availableActions.some((a) => a.action === 'review');
  return (
    <>
      <PageTitle title={`Cho ý kiến: ${task.title}`} crumbs={crumbs} />
      <Stack>
        <TaskFacts task={task} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <DraftView task={task} />
              <OpinionsView task={task} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" radius="md">
              {mayAnswer ? (
                <ReviewForm
                  task={task}
                  onDone={(r, opinion) => {
                    setAnswered(opinion);
                    if (r.task) setTask(r.task);
                  }}
                />
              ) : (
                <Stack gap="xs" data-testid="review-done">
                  {answered || mine?.opinion ? (
                    <Alert color="green" title="Đơn vị đã cho ý kiến">
                      <Group gap="xs">
                        <OpinionBadge opinion={answered ?? mine?.opinion ?? null} />
                        <Text size="sm">Cảm ơn; đơn vị chủ trì và lãnh đạo sẽ thấy ý kiến này.</Text>
                      </Group>
                    </Alert>
                  ) : pending ? (
                    <Alert color="blue">Trưởng đơn vị cho ý kiến thay mặt đơn vị. Bạn có thể đọc dự thảo và trao đổi ở trang nhiệm vụ.</Alert>
                  ) : (
                    <Alert color="gray">Nhiệm vụ không chờ ý kiến của đơn vị bạn ({task.stateLabel.toLowerCase()}).</Alert>
                  )}
                  <Button component={Link} to="/board" variant="light">
                    Về việc của đơn vị
                  </Button>
                </Stack>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
