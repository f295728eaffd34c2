import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/api.client';
import { notifyError, notifySuccess } from './ui';

/** "Đổi mật khẩu" of the account menu: the current password, then the new one twice. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setCurrent('');
    setNext('');
    setAgain('');
  };
  const save = async () => {
    if (next !== again) return notifyError(new Error('Hai lần nhập mật khẩu mới không giống nhau.'));
    setBusy(true);
    try {
      await api.post('/me/password', { body: { currentPassword: current, newPassword: next } });
      notifySuccess('Đã đổi mật khẩu; các phiên đăng nhập khác của tài khoản đã kết thúc.');
      reset();
      onClose();
    } catch (err) {
      notifyError(err, 'Chưa đổi được mật khẩu');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title="Đổi mật khẩu"
      closeButtonProps={{ 'aria-label': 'Đóng' }}
    >
      <Stack>
        <PasswordInput label="Mật khẩu hiện tại" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} required />
        <PasswordInput label="Mật khẩu mới" autoComplete="new-password" value={next} onChange={(e) => setNext(e.currentTarget.value)} required />
        <PasswordInput label="Nhập lại mật khẩu mới" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.currentTarget.value)} required />
        <Text size="xs" c="dimmed">
          Ít nhất 10 ký tự, không trùng tên đăng nhập, không phải mật khẩu phổ biến.
        </Text>
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy}>
            Đổi mật khẩu
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
