import { Button, Group, NumberInput, Paper, Select, Stack, Switch, TagsInput, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../../api/api.client';
import type { components } from '../../api/schema';
import { ErrorAlert, Loading, notifyError, notifySuccess, PageTitle } from '../../components/ui';
import { useResource } from '../../lib/use-resource';

type Settings = components['schemas']['SettingsDto'];
/** The settings counted in working days (one number input each). */
type NumberKey = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

/** Every rule of the organization (WORKFLOW.md), in working days; a change reaches every open task. */
const NUMBERS: Array<[NumberKey, string]> = [
  ['reviewWindowWorkingDays', 'Thời hạn đơn vị phối hợp cho ý kiến (ngày làm việc)'],
  ['reviewReminderWorkingDaysBefore', 'Nhắc đơn vị phối hợp trước khi hết hạn (ngày làm việc)'],
  ['reviewEscalateToDirectorAfterWorkingDays', 'Ý kiến còn thiếu sau khi báo lãnh đạo: báo Giám đốc sau (ngày làm việc)'],
  ['escalateToDeputyAfterWorkingDays', 'Quá hạn: báo Phó Giám đốc phụ trách sau (ngày làm việc)'],
  ['escalateToDirectorAfterWorkingDays', 'Quá hạn: báo Giám đốc sau (ngày làm việc)'],
  ['approvalReminderAfterWorkingDays', 'Hồ sơ chờ duyệt: nhắc lãnh đạo sau (ngày làm việc)'],
  ['approvalEscalateAfterWorkingDays', 'Hồ sơ chờ duyệt: báo Giám đốc và bộ phận theo dõi sau (ngày làm việc)'],
  ['eventWindowWorkingDays', 'Nhiệm vụ theo sự kiện: thời hạn sau sự kiện (ngày làm việc)'],
  ['maxExtensionsPerTask', 'Số lần gia hạn tối đa của một nhiệm vụ'],
];

export function AdminSettingsPage() {
  const stored = useResource(() => api.get('/admin/settings'), []);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(stored.data ?? null), [stored.data]);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      const res = await api.put('/admin/settings', { body: draft });
      notifySuccess(res.changed ? `Đã lưu; ${res.tasks.signalled} nhiệm vụ đang mở đã nhận thiết lập mới.` : 'Không có gì thay đổi.');
      void stored.reload();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title="Thiết lập của cơ quan" />
      {stored.error && <ErrorAlert error={stored.error} onRetry={() => void stored.reload()} />}
      {!draft && !stored.error && <Loading />}
      {draft && (
        <Paper withBorder p="md" maw={720}>
          <Stack>
            <Select
              label="Đơn vị phối hợp im lặng quá hạn"
              data={[
                { value: 'agree', label: 'Coi như đồng ý' },
                { value: 'escalate', label: 'Báo lãnh đạo' },
              ]}
              value={String(draft.silentReviewer)}
              onChange={(v) => setDraft({ ...draft, silentReviewer: v === 'escalate' ? 'escalate' : 'agree' })}
              allowDeselect={false}
            />
            <Switch
              label="Hạn rơi vào ngày nghỉ thì kết thúc vào cuối ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)"
              checked={draft.dayOffRule !== false}
              onChange={(e) => setDraft({ ...draft, dayOffRule: e.currentTarget.checked })}
            />
            <TagsInput
              label="Nhắc đơn vị chủ trì trước hạn (ngày làm việc)"
              value={draft.reminderWorkingDaysBefore.map(String)}
              onChange={(v) => setDraft({ ...draft, reminderWorkingDaysBefore: v.map(Number).filter((n) => Number.isFinite(n)) })}
            />
            {NUMBERS.map(([key, label]) => (
              <NumberInput key={key} label={label} value={Number(draft[key])} min={0} max={120} allowDecimal={false} onChange={(v) => setDraft({ ...draft, [key]: Number(v) })} />
            ))}
            <Text size="xs" c="dimmed">
              Thiết lập mới áp dụng ngay cho mọi nhiệm vụ đang mở: các mốc nhắc và báo lãnh đạo sắp tới được tính lại.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(stored.data ?? null)}>
                Hoàn tác
              </Button>
              <Button onClick={() => void save()} loading={busy}>
                Lưu thiết lập
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </>
  );
}
