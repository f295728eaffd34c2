import { Alert, Badge, Button, FileButton, Group, Modal, MultiSelect, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { api } from '../../api/api.client';
import { ErrorAlert, Loading, notifyError, notifySuccess, PageTitle } from '../../components/ui';
import { ROLE_LABELS } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import type { Role } from '../../api/types';
import { AdminPerson, changedFields, DirectoryPreview } from './admin-api';

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
const roleText = (roles: string[]) => roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join(', ');
const SHEET_LABELS: Record<string, string> = { units: 'Đơn vị', people: 'Người dùng', portfolios: 'Phụ trách' };

/** People of the organization: roles, unit, portfolio, account state; invitations; the directory spreadsheet. */
export function AdminPeoplePage() {
  const people = useResource(() => api.get('/admin/users'), []);
  const units = useResource(() => api.get('/admin/units'), []);
  const [editing, setEditing] = useState<AdminPerson | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  const reload = () => {
    void people.reload();
    void units.reload();
  };

  const setActive = async (p: AdminPerson, active: boolean) => {
    try {
      await api.patch('/admin/users/{id}', { params: { path: { id: p.id } }, body: { active } });
      notifySuccess(active ? `Đã mở khóa tài khoản ${p.username}.` : `Đã khóa tài khoản ${p.username}: mọi phiên đăng nhập đã kết thúc.`);
      void people.reload();
    } catch (err) {
      notifyError(err);
    }
  };
  const invite = async (p: AdminPerson) => {
    try {
      await api.post('/admin/users/{id}/invitation', { params: { path: { id: p.id } } });
      notifySuccess(`Đã gửi lại thư mời tới ${p.email}.`);
    } catch (err) {
      notifyError(err);
    }
  };

  const unitOptions = (units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  return (
    <>
      <PageTitle title="Người dùng">
        <Button
          onClick={() => {
            setEditing(null);
            open();
          }}
        >
          Thêm người dùng
        </Button>
      </PageTitle>
      <DirectoryImport onImported={reload} />
      {people.error && <ErrorAlert error={people.error} onRetry={() => void people.reload()} />}
      {people.loading && !people.data && <Loading />}
      {people.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tên đăng nhập</Table.Th>
                <Table.Th>Họ và tên</Table.Th>
                <Table.Th>Đơn vị</Table.Th>
                <Table.Th>Vai trò</Table.Th>
                <Table.Th>Tài khoản</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.username}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.fullName}</Text>
                    <Text size="xs" c="dimmed">
                      {p.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.unitCode ?? (p.portfolioUnitCodes.length ? `Phụ trách: ${p.portfolioUnitCodes.join(', ')}` : '—')}</Table.Td>
                  <Table.Td>{roleText(p.roles)}</Table.Td>
                  <Table.Td>
                    {!p.active ? <Badge color="red">Đã khóa</Badge> : p.hasPassword ? <Badge color="green">Đang dùng</Badge> : <Badge color="yellow">Chờ đặt mật khẩu</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => {
                          setEditing(p);
                          open();
                        }}
                      >
                        Sửa
                      </Button>
                      {p.active && !p.hasPassword && (
                        <Button size="xs" variant="subtle" onClick={() => void invite(p)}>
                          Gửi lại thư mời
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" color={p.active ? 'red' : 'green'} onClick={() => void setActive(p, !p.active)}>
                        {p.active ? 'Khóa' : 'Mở khóa'}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={opened} onClose={close} title={editing ? `Sửa ${editing.username}` : 'Thêm người dùng'} size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
        {opened && (
          <PersonForm
            person={editing}
            unitOptions={unitOptions}
            onDone={() => {
              close();
              void people.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function PersonForm({ person, unitOptions, onDone }: { person: AdminPerson | null; unitOptions: Array<{ value: string; label: string }>; onDone(): void }) {
  const [username, setUsername] = useState(person?.username ?? '');
  const [fullName, setFullName] = useState(person?.fullName ?? '');
  const [title, setTitle] = useState(person?.title ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [unitCode, setUnitCode] = useState<string | null>(person?.unitCode ?? null);
  const [roles, setRoles] = useState<Role[]>(person?.roles ?? []);
  const [portfolio, setPortfolio] = useState<string[]>(person?.portfolioUnitCodes ?? []);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const body = { fullName, title, email, unitCode, roles, portfolioUnitCodes: roles.includes('deputyDirector') ? portfolio : [] };
    try {
      if (person) await api.patch('/admin/users/{id}', { params: { path: { id: person.id } }, body });
      else await api.post('/admin/users', { body: { username: username.trim().toLowerCase(), ...body } });
      notifySuccess(person ? 'Đã lưu người dùng.' : `Đã thêm ${username.trim().toLowerCase()}; thư mời đặt mật khẩu đã được gửi tới ${email}.`);
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <TextInput label="Tên đăng nhập" description="Chữ thường không dấu, ví dụ tp.khtc" value={username} onChange={(e) => setUsername(e.currentTarget.value)} disabled={!!person} required />
      <TextInput label="Họ và tên" value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} required />
      <TextInput label="Chức danh" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <TextInput label="E-mail" description="Nhận thư mời đặt mật khẩu" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required />
      <Select label="Đơn vị" data={unitOptions} value={unitCode} onChange={setUnitCode} clearable searchable placeholder="Không thuộc đơn vị (lãnh đạo, quản trị)" />
      <MultiSelect label="Vai trò" data={ROLE_OPTIONS} value={roles} onChange={(v) => setRoles(v as Role[])} required />
      {roles.includes('deputyDirector') && <MultiSelect label="Đơn vị phụ trách" data={unitOptions} value={portfolio} onChange={setPortfolio} searchable />}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy}>
          Lưu
        </Button>
      </Group>
    </Stack>
  );
}

/** The directory spreadsheet: download the template (the directory as it is), upload, preview, confirm. */
function DirectoryImport({ onImported }: { onImported(): void }) {
  const [preview, setPreview] = useState<DirectoryPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      setPreview(await api.upload('/admin/directory/imports', form));
    } catch (err) {
      notifyError(err, 'Không đọc được tệp');
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const res = await api.post('/admin/directory/imports/{id}/confirm', { params: { path: { id: preview.id } } });
      notifySuccess(`Đã nhập: ${res.result.unitsCreated} đơn vị mới, ${res.result.peopleCreated} người mới (${res.result.invitationsSent} thư mời), ${res.result.unitsUpdated + res.result.peopleUpdated} mục sửa.`);
      setPreview(null);
      onImported();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Nhập danh mục từ bảng tính
          </Title>
          <Group gap="xs">
            <Button variant="light" onClick={() => void api.download('/admin/directory/template.xlsx', 'danh-muc.xlsx').catch(notifyError)}>
              Tải tệp mẫu (.xlsx)
            </Button>
            <FileButton onChange={(f) => void upload(f)} accept=".xlsx,.csv">
              {(props) => (
                <Button {...props} loading={busy}>
                  Tải tệp lên (.xlsx, .csv)
                </Button>
              )}
            </FileButton>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          Tệp mẫu có sẵn danh mục hiện tại: sửa, thêm dòng rồi tải lên. Xem trước các thay đổi trước khi xác nhận; tệp còn lỗi thì chưa lưu gì.
        </Text>
        {preview && (
          <Stack gap="xs" data-testid="directory-preview">
            <Alert color={preview.errors.length ? 'red' : preview.noChanges ? 'gray' : 'blue'} title={preview.fileName}>
              {preview.summary}
            </Alert>
            {preview.errors.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Trang</Table.Th>
                    <Table.Th>Dòng</Table.Th>
                    <Table.Th>Cột</Table.Th>
                    <Table.Th>Lỗi</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{SHEET_LABELS[e.sheet]}</Table.Td>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{e.column}</Table.Td>
                      <Table.Td c="red.8">{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {preview.importable && !preview.noChanges && (
              <Stack gap={4}>
                {preview.units?.create.map((u) => <Text key={`uc-${u.code}`} size="sm">+ Đơn vị {u.code} — {u.name}</Text>)}
                {preview.units?.update.map((u) => <Text key={`uu-${u.code}`} size="sm">~ Đơn vị {u.code}: {changedFields(u.before, u.after).join('; ')}</Text>)}
                {preview.people?.create.map((p) => <Text key={`pc-${p.username}`} size="sm">+ {p.username} — {p.fullName} ({roleText(p.roles)})</Text>)}
                {preview.people?.update.map((p) => <Text key={`pu-${p.username}`} size="sm">~ {p.username}: {changedFields(p.before, p.after).join('; ')}</Text>)}
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                Bỏ qua
              </Button>
              <Button onClick={() => void confirm()} disabled={!preview.importable || !!preview.noChanges} loading={busy}>
                Xác nhận nhập
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
