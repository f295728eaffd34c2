import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/api.client';

/** Where a person chooses their password: the link of an invitation or a reset mail (`/set-password?token=…`). */
export function SetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError('Hai lần nhập mật khẩu không giống nhau.');
    setBusy(true);
    setError(null);
    try {
      const res = await api.post('/auth/set-password', { body: { token, password } });
      setDone(res.username);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440} component="main">
        <Stack>
          <Title order={1} size="h3">
            Đặt mật khẩu
          </Title>
          {!token && <Alert color="red">Đường dẫn thiếu mã đặt mật khẩu. Hãy mở đúng đường dẫn trong thư mời hoặc thư đặt lại mật khẩu.</Alert>}
          {done ? (
            <>
              <Alert color="green" role="status" title="Đã đặt mật khẩu">
                Tài khoản {done} đã có mật khẩu mới. Đường dẫn này không dùng lại được.
              </Alert>
              <Button component={Link} to="/login">
                Đăng nhập
              </Button>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)}>
              <Stack>
                <Text size="sm" c="dimmed">
                  Mật khẩu có ít nhất 10 ký tự, không trùng tên đăng nhập và không phải mật khẩu phổ biến. Một câu dễ nhớ là lựa chọn tốt.
                </Text>
                {error && (
                  <Alert color="red" role="alert" title="Chưa đặt được mật khẩu">
                    {error}
                  </Alert>
                )}
                <PasswordInput label="Mật khẩu mới" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required minLength={10} />
                <PasswordInput label="Nhập lại mật khẩu mới" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.currentTarget.value)} required />
                <Button type="submit" loading={busy} disabled={!token} fullWidth>
                  Đặt mật khẩu
                </Button>
                <Anchor component={Link} to="/forgot-password" size="sm">
                  Đường dẫn đã hết hạn? Yêu cầu đường dẫn mới
                </Anchor>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

/** "Quên mật khẩu": a reset link goes to the account's mailbox; the answer is the same for any name. */
export function ForgotPasswordPage() {
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post('/auth/forgot-password', { body: { username: username.trim() } });
      setAnswer(res.message);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440} component="main">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={1} size="h3">
              Quên mật khẩu
            </Title>
            {answer ? (
              <Alert color="green" role="status">
                {answer}
              </Alert>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  Nhập tên đăng nhập: đường dẫn đặt lại mật khẩu (dùng được một lần, trong 72 giờ) sẽ gửi tới địa chỉ e-mail của tài khoản.
                </Text>
                {error && (
                  <Alert color="red" role="alert">
                    {error}
                  </Alert>
                )}
                <TextInput label="Tên đăng nhập" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoFocus />
                <Button type="submit" loading={busy} fullWidth>
                  Gửi đường dẫn
                </Button>
              </>
            )}
            <Anchor component={Link} to="/login" size="sm">
              Quay lại đăng nhập
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
