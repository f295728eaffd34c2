import { Button, Fieldset, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
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

type Period = keyof Settings['reportingDeadlines'];
/** The periodic reports (NĐ 09/2019/NĐ-CP, Điều 12): the deadline of each, day and month of the year. */
const PERIODS: Array<[Period, string]> = [
  ['q1', 'Báo cáo quý I'],
  ['h1', 'Báo cáo 6 tháng'],
  ['q3', 'Báo cáo quý III (9 tháng)'],
  ['year', 'Báo cáo năm'],
];

/** 'MM-DD' as people write it: 'dd/mm'. */
const dayMonthOf = (md: string): string => {
  const [m, d] = md.split('-');
  return `${d}/${m}`;
};

/** 'dd/mm' (or 'd/m') → 'MM-DD'; null when it is not a day and month. The API checks the day exists and the order. */
export function monthDayOf(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function AdminSettingsPage() {
  const stored = useResource(() => api.get('/admin/settings'), []);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  /** What the administrator types in the reporting dates ('dd/mm'), kept as typed until saved. */
  const [periods, setPeriods] = useState<Record<Period, string> | null>(null);
  const reset = (s: Settings | null) => {
    setDraft(s);
    setPeriods(s ? (Object.fromEntries(PERIODS.map(([k]) => [k, dayMonthOf(s.reportingDeadlines[k])])) as Record<Period, string>) : null);
  };
  useEffect(() => reset(stored.data ?? null), [stored.data]);
  const periodErrors = periods ? PERIODS.filter(([k]) => monthDayOf(periods[k]) === null).map(([k]) => k) : [];

  const save = async () => {
    if (!draft || !periods || periodErrors.length) return;
    setBusy(true);
    try {
      const reportingDeadlines = Object.fromEntries(PERIODS.map(([k]) => [k, monthDayOf(periods[k])!])) as Settings['reportingDeadlines'];
      const res = await api.put('/admin/settings', { body: { ...draft, reportingDeadlines } });
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
            {periods && (
              <Fieldset legend="Hạn báo cáo định kỳ (ngày/tháng)">
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  {PERIODS.map(([key, label]) => (
                    <TextInput
                      key={key}
                      label={label}
                      placeholder="14/03"
                      value={periods[key]}
                      error={periodErrors.includes(key) ? 'Nhập ngày/tháng, ví dụ 14/03' : undefined}
                      onChange={(e) => setPeriods({ ...periods, [key]: e.currentTarget.value })}
                    />
                  ))}
                </SimpleGrid>
                <Text size="xs" c="dimmed" mt="xs">
                  Mặc định ngày 14 của tháng cuối kỳ (Điều 12 Nghị định 09/2019/NĐ-CP). Áp dụng cho các nhiệm vụ nhập sau khi lưu; báo cáo hằng tháng hạn ngày 14.
                </Text>
              </Fieldset>
            )}
            <Text size="xs" c="dimmed">
              Thiết lập mới áp dụng ngay cho mọi nhiệm vụ đang mở: các mốc nhắc và báo lãnh đạo sắp tới được tính lại.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => reset(stored.data ?? null)}>
                Hoàn tác
              </Button>
              <Button onClick={() => void save()} loading={busy} disabled={periodErrors.length > 0}>
                Lưu thiết lập
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </>
  );
}
