import { Button, Collapse, Group, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type Query } from '../api/api.client';
import type { DirectoryUnit, StatusWord } from '../api/types';
import { STATUS_ORDER, STATUS_WORDS } from '../lib/format';
import { useResource } from '../lib/use-resource';

/**
 * Search, filters and sort of a task list, kept in the address (`?q=&unit=&status=&from=&to=&sort=`)
 * so that a filtered list can be reloaded, bookmarked and sent. The API does the work (`GET /tasks`
 * and `GET /me/inbox` take `q` without diacritics, `unitId`, `statusWord`, `dueAfter`/`dueBefore`
 * and `sort`); `urgent` (overdue first, then by deadline) is the lists' own order.
 */

export type TaskSort = 'urgent' | 'dueOn' | 'lastActivity';

export interface TaskFilterValues {
  q: string;
  unit: string | null;
  status: StatusWord | null;
  from: string | null;
  to: string | null;
  sort: TaskSort;
}

const SORTS: Array<{ value: TaskSort; label: string }> = [
  { value: 'urgent', label: 'Quá hạn trước, rồi theo hạn' },
  { value: 'dueOn', label: 'Hạn gần nhất trước' },
  { value: 'lastActivity', label: 'Mới cập nhật trước' },
];

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): TaskFilterValues {
  const status = params.get('status');
  const sort = params.get('sort');
  const date = (key: string) => {
    const v = params.get(key);
    return v && ISO.test(v) ? v : null;
  };
  return {
    q: params.get('q') ?? '',
    unit: params.get('unit') || null,
    status: status && status in STATUS_WORDS ? (status as StatusWord) : null,
    from: date('from'),
    to: date('to'),
    sort: SORTS.some((s) => s.value === sort) ? (sort as TaskSort) : 'urgent',
  };
}

export function isFiltered(f: TaskFilterValues): boolean {
  return !!(f.q.trim() || f.unit || f.status || f.from || f.to);
}

/** The API's query for these filters (the unit by its id from the directory). */
export function filterQuery(f: TaskFilterValues, units: DirectoryUnit[] | undefined): Query {
  const unitId = f.unit ? units?.find((u) => u.code === f.unit)?.id : undefined;
  return {
    q: f.q.trim() || undefined,
    unitId,
    statusWord: f.status ?? undefined,
    dueAfter: f.from ?? undefined,
    dueBefore: f.to ?? undefined,
    sort: f.sort === 'lastActivity' ? 'lastActivity' : 'dueOn',
  };
}

/** The unit directory (`GET /units`), once per page. */
export function useUnits() {
  return useResource(() => api.get('/units').then((r) => r.items), []);
}

/** The filters of the address and a setter that keeps the other parameters (the tab). */
export function useTaskFilters(): [TaskFilterValues, (next: Partial<TaskFilterValues>) => void] {
  const [params, setParams] = useSearchParams();
  const values = readFilters(params);
  const set = (next: Partial<TaskFilterValues>) => {
    const merged = { ...values, ...next };
    const out = new URLSearchParams(params);
    const put = (key: string, v: string | null) => (v ? out.set(key, v) : out.delete(key));
    put('q', merged.q.trim() ? merged.q : null);
    put('unit', merged.unit);
    put('status', merged.status);
    put('from', merged.from);
    put('to', merged.to);
    put('sort', merged.sort === 'urgent' ? null : merged.sort);
    setParams(out, { replace: true });
  };
  return [values, set];
}

export function TaskFilters({
  values,
  onChange,
  units,
  show = { unit: true, status: true },
}: {
  values: TaskFilterValues;
  onChange(next: Partial<TaskFilterValues>): void;
  units?: DirectoryUnit[];
  show?: { unit?: boolean; status?: boolean };
}) {
  // The text reaches the address (and the API) when the person pauses typing.
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  const pushText = useDebouncedCallback((q: string) => onChange({ q }), 350);
  // A phone: the search box, the other filters one tap away (the list stays on the first screen).
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const others = values.unit || values.status || values.from || values.to || values.sort !== 'urgent';
  const [open, setOpen] = useState(!!others);
  const search = (
    <TextInput
        label="Tìm nhiệm vụ"
        placeholder="Gõ có dấu hoặc không dấu"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          pushText(e.currentTarget.value);
        }}
        style={{ flex: '1 1 220px' }}
        type="search"
      />
  );
  const rest = (
    <>
      {show.unit && (
        <Select
          label="Đơn vị chủ trì"
          placeholder="Tất cả đơn vị"
          data={(units ?? []).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
          value={values.unit}
          onChange={(unit) => onChange({ unit })}
          searchable
          clearable
          nothingFoundMessage="Không có đơn vị này"
          comboboxProps={{ withinPortal: true }}
          style={{ flex: '1 1 200px' }}
        />
      )}
      {show.status && (
        <Select
          label="Tình trạng"
          placeholder="Mọi tình trạng"
          data={STATUS_ORDER.map((w) => ({ value: w, label: STATUS_WORDS[w] }))}
          value={values.status}
          onChange={(status) => onChange({ status: status as StatusWord | null })}
          clearable
          comboboxProps={{ withinPortal: true }}
          style={{ flex: '1 1 190px' }}
        />
      )}
      <DatePickerInput
        type="range"
        label="Hạn trong khoảng"
        placeholder="Từ ngày – đến ngày"
        valueFormat="DD/MM/YYYY"
        value={[values.from, values.to]}
        onChange={([from, to]) => {
          // Both ends, or none: a half-chosen range waits for its second day.
          if ((from && to) || (!from && !to)) onChange({ from: from ? String(from).slice(0, 10) : null, to: to ? String(to).slice(0, 10) : null });
        }}
        allowSingleDateInRange
        clearable
        clearButtonProps={{ 'aria-label': 'Bỏ lọc theo hạn' }}
        popoverProps={{ withinPortal: true }}
        nextLabel="Tháng sau"
        previousLabel="Tháng trước"
        style={{ flex: '1 1 220px' }}
      />
      <Select
        label="Sắp xếp"
        data={SORTS}
        value={values.sort}
        onChange={(v) => onChange({ sort: (v as TaskSort) ?? 'urgent' })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        style={{ flex: '1 1 200px' }}
      />
      {isFiltered(values) && (
        <Button variant="subtle" onClick={() => onChange({ q: '', unit: null, status: null, from: null, to: null })}>
          Bỏ lọc
        </Button>
      )}
    </>
  );
  if (phone) {
    return (
      <div role="search" aria-label="Tìm và lọc nhiệm vụ" data-testid="task-filters" style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          {search}
          <Button variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Ẩn bộ lọc' : 'Bộ lọc'}
          </Button>
        </Group>
        <Collapse expanded={open}>
          <Group gap="xs" align="flex-end" wrap="wrap" mt="xs">
            {rest}
          </Group>
        </Collapse>
      </div>
    );
  }
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" mb="md" role="search" aria-label="Tìm và lọc nhiệm vụ" data-testid="task-filters">
      {search}
      {rest}
    </Group>
  );
}
