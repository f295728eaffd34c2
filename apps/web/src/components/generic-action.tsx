import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ActionResult, AvailableAction, TaskDetail } from '../api/types';
import { useTaskAction } from './action-form';
import { DateField } from './ui';

type FormField = NonNullable<AvailableAction['form']>[number];
type Value = string | number | boolean | null;

/**
 * A step without a form of its own on the task page: its button and its form come from what the
 * API says of it (`availableActions[].form`, from the action registry's `fields`), so a new step
 * whose fields are texts, dates, numbers, choices or ticks needs no change here.
 */
export function GenericAction({ task, action, onDone }: { task: TaskDetail; action: AvailableAction; onDone(r: ActionResult): void }) {
  const form = action.form ?? [];
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, Value>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useTaskAction(onDone);
  // Offered only signing for somebody ("KT."): signed for the first of them, as the API lists them.
  const onBehalfOf = action.onBehalfOf?.[0];

  const close = () => {
    setOpen(false);
    setErrors({});
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    for (const f of form) {
      const v = values[f.name];
      const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim());
      if (empty) {
        if (f.required && f.kind !== 'boolean') problems[f.name] = `Vui lòng nhập: ${f.label.toLowerCase()}.`;
        continue;
      }
      if (typeof v === 'string' && f.maxLength !== null && v.length > f.maxLength) problems[f.name] = `Tối đa ${f.maxLength.toLocaleString('vi-VN')} ký tự.`;
      body[f.name] = typeof v === 'string' ? v.trim() : v;
    }
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const done = await run(task, action.action, body, `Đã thực hiện: ${action.label}.`, onBehalfOf ? { onBehalfOf } : {});
    if (done) {
      setValues({});
      close();
    }
  };

  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)}>
        {action.label}…
      </Button>
      <Modal opened={open} onClose={close} title={action.label} size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Text size="sm" fw={500}>
              {task.title}
            </Text>
            {onBehalfOf && <Text size="sm">Ký thay (KT.) cho {onBehalfOf}.</Text>}
            {form.map((f, i) => (
              <FieldControl key={f.name} field={f} value={values[f.name] ?? null} error={errors[f.name]} autoFocus={i === 0} onChange={(v) => {
                  setValues((all) => ({ ...all, [f.name]: v }));
                  setErrors(({ [f.name]: _cleared, ...rest }) => rest);
                }}
              />
            ))}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Đóng
              </Button>
              <Button type="submit" loading={busy}>
                {action.label}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function FieldControl({ field: f, value, error, autoFocus, onChange }: { field: FormField; value: Value; error?: string; autoFocus: boolean; onChange(v: Value): void }) {
  const common = { label: f.label, description: f.description ?? undefined, withAsterisk: f.required && f.kind !== 'boolean', error, 'data-autofocus': autoFocus || undefined };
  switch (f.kind) {
    case 'text':
      return <Textarea {...common} autosize minRows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'date':
      return <DateField {...common} onChange={(iso) => onChange(iso)} />;
    case 'int':
      return (
        <NumberInput
          {...common}
          allowDecimal={false}
          min={f.min ?? undefined}
          max={f.max ?? undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
    case 'boolean':
      return <Checkbox label={f.label} description={f.description ?? undefined} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'enum':
      return <Select {...common} data={f.values ?? []} value={typeof value === 'string' ? value : null} onChange={(v) => onChange(v)} comboboxProps={{ withinPortal: true }} />;
  }
}
