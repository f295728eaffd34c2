import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, newIdempotencyKey } from '../api/api.client';
import type { ActionResult } from '../api/types';
import { announceChange } from '../lib/events';
import { notifyError, notifySuccess } from './ui';

export interface TaskRef {
  id: string;
  title: string;
  version: number;
}

/**
 * Runs one task action the way every screen does: the version the person saw (If-Match), one
 * Idempotency-Key per decision (a double click or a retry applies once), the API's Vietnamese
 * refusal shown as it is, the header's counts refreshed, and `onDone` with the task as it is now.
 */
export function useTaskAction(onDone?: (result: ActionResult) => void) {
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  /** `opts.onBehalfOf`: sign this one action "KT." for that username (null: as oneself); absent: as the session signs. */
  /** `success`: the toast, or how to word it from the answer (what happened and what comes next). */
  const run = async (
    task: TaskRef,
    action: string,
    body: Record<string, unknown>,
    success: string | ((result: ActionResult) => string),
    opts: { onBehalfOf?: string | null } = {},
  ): Promise<ActionResult | null> => {
    key.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const result = await api.action(task.id, action, body, { version: task.version, key: key.current, ...opts });
      key.current = null;
      notifySuccess(typeof success === 'string' ? success : success(result));
      announceChange();
      onDone?.(result);
      return result;
    } catch (err) {
      // A refusal is final for this decision: the next attempt is a new one.
      key.current = null;
      notifyError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export interface ActionModalProps {
  opened: boolean;
  onClose(): void;
  title: string;
  task: TaskRef | null;
  /** Text field: its label, and whether it must be filled. */
  text?: { label: string; required: boolean; placeholder?: string; description?: string };
  confirmLabel: string;
  color?: string;
  children?: ReactNode;
  /** Sends the action with the text; true when done (the modal then closes), or what is missing. */
  onConfirm(text: string): Promise<boolean | string>;
  busy: boolean;
}

/** A confirmation with an optional comment: approve, return, refuse an extension, cancel. */
export function ActionModal({ opened, onClose, title, task, text, confirmLabel, color, children, onConfirm, busy }: ActionModalProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text?.required && !value.trim()) {
      setError('Vui lòng nhập nội dung.');
      return;
    }
    const outcome = await onConfirm(value.trim());
    if (typeof outcome === 'string') setMissing(outcome);
    else if (outcome) {
      setValue('');
      setError(null);
      setMissing(null);
      onClose();
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          {task && (
            <Text size="sm" fw={500}>
              {task.title}
            </Text>
          )}
          {children}
          {text && (
            <Textarea
              label={text.label}
              description={text.description}
              placeholder={text.placeholder}
              withAsterisk={text.required}
              autosize
              minRows={3}
              value={value}
              error={error}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setError(null);
              }}
              data-autofocus
            />
          )}
          {missing && (
            <Text size="sm" c="red.8" role="alert">
              {missing}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
