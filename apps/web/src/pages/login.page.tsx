import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/api.client';
import { useSession } from '../auth/session.context';

export function LoginPage() {
  const { status, login, notice } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (status === 'ready') return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      void navigate(from, { replace: true });
    } catch (err) {
      const retry = err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS';
      setError(err instanceof Error ? err.message + (retry ? ' Vui lòng đợi một phút rồi thử lại.' : '') : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420} component="main">
        <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
          <Stack>
            <Stack gap={4}>
              <Title order={1} size="h3">
                Theo dõi thực hiện kế hoạch
              </Title>
              <Text size="sm" c="dimmed">
                Đăng nhập bằng tài khoản được cấp để xử lý nhiệm vụ của đơn vị.
              </Text>
            </Stack>
            {notice && !error && (
              <Alert color="yellow" role="status">
                {notice}
              </Alert>
            )}
            {error && (
              <Alert color="red" id="login-error" role="alert" title="Không đăng nhập được">
                {error}
              </Alert>
            )}
            <TextInput label="Tên đăng nhập" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoFocus />
            <PasswordInput
              label="Mật khẩu"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            <Button type="submit" loading={busy} fullWidth>
              Đăng nhập
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Quên mật khẩu?
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
