import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Button,
  Divider,
  Group,
  Indicator,
  Menu,
  Modal,
  NavLink,
  Popover,
  ScrollArea,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ChangePasswordModal } from './change-password';
import { Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/api.client';
import type { InboxCounts, Me, NotificationPage } from '../api/types';
import { useSession } from '../auth/session.context';
import { announceChange, CHANGED_EVENT } from '../lib/events';
import { formatDate, formatDateTime, isLeadership, isUnitStaff, ROLE_LABELS } from '../lib/format';
import { Loading, notifyError, notifySuccess } from './ui';

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

interface NavItem {
  to: string;
  label: string;
  count?: number;
}

export function navItemsFor(roles: readonly string[], counts: InboxCounts | null): NavItem[] {
  const items: NavItem[] = [];
  if (isLeadership(roles)) items.push({ to: '/inbox', label: 'Hộp phê duyệt', count: counts ? counts.approve + counts.extensions : undefined });
  // The board's "Việc của tôi" count: the API's one definition (`box=mine`).
  if (isUnitStaff(roles)) items.push({ to: '/board', label: 'Việc của đơn vị', count: counts ? counts.mine : undefined });
  if (isLeadership(roles) || roles.includes('monitor')) items.push({ to: '/dashboard', label: 'Theo dõi kế hoạch', count: undefined });
  if (roles.includes('monitor')) items.push({ to: '/import', label: 'Nhập kế hoạch' });
  if (roles.includes('director')) items.push({ to: '/delegations', label: 'Ủy quyền ký thay' });
  if (roles.includes('admin')) {
    items.push({ to: '/admin/people', label: 'Người dùng' }, { to: '/admin/units', label: 'Đơn vị' }, { to: '/admin/settings', label: 'Thiết lập' }, { to: '/admin/audit', label: 'Nhật ký quản trị' });
  }
  items.push({ to: '/notifications', label: 'Thông báo', count: counts?.notifications });
  return items;
}

/** "Chánh Văn phòng · Văn phòng Sở · Theo dõi, đôn đốc": title, unit (or portfolio), and a role the title does not say. */
export function userLine(me: Me): string {
  const where = me.unit ? me.unit.name : me.portfolioUnits.length ? `Phụ trách ${me.portfolioUnits.map((u) => u.code).join(', ')}` : null;
  const extra = me.roles.filter((r) => r === 'monitor' || r === 'admin').map((r) => ROLE_LABELS[r]);
  return [me.title, where, ...extra].filter(Boolean).join(' · ');
}

function NotificationBell({ unread, onChanged }: { unread: number; onChanged(): void }) {
  const [opened, setOpened] = useState(false);
  const [page, setPage] = useState<NotificationPage | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    if (!opened) return;
    api.get('/me/notifications', { params: { query: { limit: 6 } } }).then(setPage, notifyError);
  }, [opened]);
  const open = async (id: string, taskId: string, read: boolean) => {
    setOpened(false);
    if (!read) await api.post('/me/notifications/{id}/read', { params: { path: { id } } }).catch(() => undefined);
    onChanged();
    void navigate(`/tasks/${taskId}`);
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md" withArrow trapFocus>
      {/* The target is the button itself (it takes aria-expanded), the count's indicator around it. */}
      <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={!unread} offset={4}>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? `Thông báo: ${unread} chưa đọc` : 'Thông báo: không có thông báo mới'}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" pb="xs">
          <Text fw={600}>Thông báo</Text>
          <Text size="sm" c="dimmed">
            {unread} chưa đọc
          </Text>
        </Group>
        <ScrollArea.Autosize mah={360}>
          {!page && <Text size="sm" c="dimmed" p="xs">Đang tải…</Text>}
          {page && page.items.length === 0 && (
            <Text size="sm" c="dimmed" p="xs">
              Chưa có thông báo nào. Hệ thống báo ở đây khi nhiệm vụ sắp đến hạn, quá hạn hoặc cần bạn xử lý.
            </Text>
          )}
          {page?.items.map((n) => (
            <UnstyledButton key={n.id} onClick={() => void open(n.id, n.taskId, !!n.readAt)} w="100%" p="xs" style={{ borderRadius: 6 }} className="pf-hover">
              <Text size="sm" fw={n.readAt ? 400 : 700} lineClamp={2}>
                {n.title}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
            </UnstyledButton>
          ))}
        </ScrollArea.Autosize>
        <Divider my="xs" />
        <Button component={Link} to="/notifications" variant="subtle" fullWidth size="xs" onClick={() => setOpened(false)}>
          Xem tất cả thông báo
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * "KT. Giám đốc": a deputy signs for the director (X-On-Behalf-Of on every request while it is on).
 * Whom they may sign for comes from the API (`GET /me/delegations`): chosen, not remembered.
 */
function DelegationModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { actOnBehalfOf, delegations } = useSession();
  const [picked, setPicked] = useState<string | null>(null);
  const username = picked ?? delegations[0]?.username ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username) return;
    setBusy(true);
    setError(null);
    try {
      await actOnBehalfOf(username);
      notifySuccess('Các thao tác từ bây giờ được ghi "KT. Giám đốc" kèm tên của bạn.', 'Đang ký thay Giám đốc');
      announceChange();
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const chosen = delegations.find((d) => d.username === username) ?? null;
  return (
    <Modal opened={opened} onClose={onClose} title="Ký thay Giám đốc (KT. Giám đốc)" closeButtonProps={{ 'aria-label': 'Đóng' }}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text size="sm">
            Khi được Giám đốc ủy quyền, bạn phê duyệt với thẩm quyền của Giám đốc; lịch sử ghi cả hai tên. Chọn Giám đốc bạn được ký thay. Cũng có thể chọn “Ký với tư cách” ngay khi
            phê duyệt hoặc trả lại từng nhiệm vụ.
          </Text>
          {delegations.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="no-delegation">
              Hiện bạn không có ủy quyền ký thay nào đang có hiệu lực.
            </Text>
          ) : (
            <Select
              label="Ký thay theo ủy quyền"
              data={delegations.map((d) => ({ value: d.username, label: `${d.title} ${d.fullName}` }))}
              value={username}
              onChange={setPicked}
              allowDeselect={false}
              error={error}
              description={chosen ? `Ủy quyền từ ${formatDate(chosen.startsOn)} đến ${formatDate(chosen.endsOn)}` : undefined}
              comboboxProps={{ withinPortal: true }}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={busy} disabled={!username}>
              Bắt đầu ký thay
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function AppLayout() {
  const { me, logout, actOnBehalfOf, delegations } = useSession();
  const [navOpened, nav] = useDisclosure(false);
  const [delegation, delegationModal] = useDisclosure(false);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const location = useLocation();
  const navigate = useNavigate();

  const loadCounts = useCallback(() => {
    api.get('/me/inbox/counts').then(setCounts, () => undefined);
  }, []);
  useEffect(() => {
    loadCounts();
    const timer = window.setInterval(loadCounts, 30_000);
    window.addEventListener(CHANGED_EVENT, loadCounts);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(CHANGED_EVENT, loadCounts);
    };
  }, [loadCounts, me?.actingOnBehalfOf?.userId]);
  // The menu of small screens closes when a page is chosen.
  const { close: closeNav } = nav;
  useEffect(() => closeNav(), [location.pathname, closeNav]);

  if (!me) return null;
  const roles = me.roles;
  const items = navItemsFor(roles, counts);
  const roleText = roles.map((r) => ROLE_LABELS[r]).join(', ');
  const signing = me.actingOnBehalfOf;

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={navOpened ? 'Đóng danh mục' : 'Mở danh mục'} />
            <Stack gap={0}>
              <Text component={Link} to="/" fw={700} c="blue.8" style={{ textDecoration: 'none' }}>
                Theo dõi kế hoạch
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="xs">
                {me.organization.name}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {signing && (
              <Badge color="grape" variant="filled" size="lg" style={{ textTransform: 'none' }} data-testid="signing-badge">
                KT. Giám đốc {signing.fullName}
              </Badge>
            )}
            <NotificationBell unread={counts?.notifications ?? 0} onChanged={loadCounts} />
            <Menu position="bottom-end" width={280} shadow="md">
              <Menu.Target>
                {/* Named by what it shows (the person, their title and unit): a spoken name matches the visible one. */}
                <UnstyledButton data-testid="user-menu" p={4} title="Tài khoản">
                  <Stack gap={0} align="flex-end">
                    <Text size="sm" fw={600} lh={1.2}>
                      {me.fullName}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2} visibleFrom="sm" data-testid="user-line">
                      {userLine(me)}
                    </Text>
                  </Stack>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.fullName}</Menu.Label>
                <Text size="sm" px="sm">
                  {me.title}
                </Text>
                <Text size="sm" px="sm" c="dimmed">
                  {me.unit ? me.unit.name : me.portfolioUnits.length ? `Phụ trách: ${me.portfolioUnits.map((u) => u.code).join(', ')}` : me.organization.name}
                </Text>
                <Text size="xs" px="sm" pb="xs" c="dimmed">
                  Vai trò: {roleText}
                </Text>
                <Menu.Divider />
                {(signing || delegations.length > 0) &&
                  (signing ? (
                    <Menu.Item onClick={() => void actOnBehalfOf(null).then(announceChange, notifyError)}>Thôi ký thay Giám đốc</Menu.Item>
                  ) : (
                    <Menu.Item onClick={delegationModal.open}>Ký thay Giám đốc (KT.)…</Menu.Item>
                  ))}
                <Menu.Item onClick={passwordModal.open}>Đổi mật khẩu</Menu.Item>
                <Menu.Item
                  color="red"
                  onClick={() =>
                    void logout().then(() => {
                      void navigate('/login');
                    })
                  }
                >
                  Đăng xuất
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Danh mục chính">
        <Stack gap={2}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              rightSection={
                item.count ? (
                  <Badge size="sm" variant="filled" color={item.to === '/notifications' ? 'red' : 'blue'} circle={item.count < 10}>
                    {item.count}
                  </Badge>
                ) : undefined
              }
            />
          ))}
        </Stack>
        <Text size="xs" c="dimmed" mt="auto" pt="md">
          {me.fullName}
          <br />
          {roleText}
          {me.unit ? ` · ${me.unit.code}` : ''}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <DelegationModal opened={delegation} onClose={delegationModal.close} />
      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </AppShell>
  );
}
