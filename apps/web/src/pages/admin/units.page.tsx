import { Badge, Button, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { api } from '../../api/api.client';
import { ErrorAlert, Loading, notifyError, notifySuccess, PageTitle } from '../../components/ui';
import { useResource } from '../../lib/use-resource';
import { AdminUnit, KIND_LABELS } from './admin-api';

/** The unit directory: code, name, kind and the other names plans use (the importer resolves them). */
export function AdminUnitsPage() {
  const units = useResource(() => api.get('/admin/units'), []);
  const [editing, setEditing] = useState<AdminUnit | null>(null);
  const [opened, { open, close }] = useDisclosure(false);

  const toggle = async (u: AdminUnit) => {
    try {
      await api.patch('/admin/units/{code}', { params: { path: { code: u.code } }, body: { active: !u.active } });
      notifySuccess(u.active ? `Đã ngừng sử dụng đơn vị ${u.code}.` : `Đã dùng lại đơn vị ${u.code}.`);
      void units.reload();
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <>
      <PageTitle title="Đơn vị">
        <Button
          onClick={() => {
            setEditing(null);
            open();
          }}
        >
          Thêm đơn vị
        </Button>
      </PageTitle>
      {units.error && <ErrorAlert error={units.error} onRetry={() => void units.reload()} />}
      {units.loading && !units.data && <Loading />}
      {units.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mã</Table.Th>
                <Table.Th>Tên đơn vị</Table.Th>
                <Table.Th>Loại</Table.Th>
                <Table.Th>Tên gọi khác (nhận diện khi nhập kế hoạch)</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.data.items.map((u) => (
                <Table.Tr key={u.id} opacity={u.active ? 1 : 0.6}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text fw={600}>{u.code}</Text>
                      {!u.active && <Badge color="gray">Ngừng sử dụng</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{KIND_LABELS[u.kind] ?? u.kind}</Table.Td>
                  <Table.Td>{u.aliases.join('; ') || '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => {
                          setEditing(u);
                          open();
                        }}
                      >
                        Sửa
                      </Button>
                      <Button size="xs" variant="subtle" color={u.active ? 'red' : 'green'} onClick={() => void toggle(u)}>
                        {u.active ? 'Ngừng sử dụng' : 'Dùng lại'}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={opened} onClose={close} title={editing ? `Sửa đơn vị ${editing.code}` : 'Thêm đơn vị'} closeButtonProps={{ 'aria-label': 'Đóng' }}>
        {opened && (
          <UnitForm
            unit={editing}
            onDone={() => {
              close();
              void units.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function UnitForm({ unit, onDone }: { unit: AdminUnit | null; onDone(): void }) {
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<AdminUnit['kind']>(unit?.kind ?? 'internal');
  const [aliases, setAliases] = useState<string[]>(unit?.aliases ?? []);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      if (unit) await api.patch('/admin/units/{code}', { params: { path: { code: unit.code } }, body: { name, kind, aliases } });
      else await api.post('/admin/units', { body: { code: code.trim().toUpperCase(), name, kind, aliases } });
      notifySuccess(unit ? 'Đã lưu đơn vị.' : `Đã thêm đơn vị ${code.trim().toUpperCase()}.`);
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <TextInput label="Mã đơn vị" description="Chữ in hoa không dấu, ví dụ KHTC" value={code} onChange={(e) => setCode(e.currentTarget.value)} disabled={!!unit} required />
      <TextInput label="Tên đơn vị" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
      <Select
        label="Loại"
        data={[
          { value: 'internal', label: 'Thuộc Sở' },
          { value: 'affiliated', label: 'Trực thuộc Sở' },
        ]}
        value={kind}
        onChange={(v) => setKind(v ?? 'internal')}
        allowDeselect={false}
      />
      <TagsInput label="Tên gọi khác" description="Cách kế hoạch viết tên đơn vị (Enter sau mỗi tên)" value={aliases} onChange={setAliases} />
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy}>
          Lưu
        </Button>
      </Group>
    </Stack>
  );
}
