import { Badge, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/api.client';
import type { DelegationAction, DelegationGrant } from '../api/types';
import { DateField, Empty, ErrorAlert, Loading, notifyError, notifySuccess, PageTitle } from '../components/ui';
import { formatDate, vietnamToday } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** The task actions a grant may be limited to, as people name them. */
const ACTIONS: Array<{ value: DelegationAction; label: string }> = [
  { value: 'approve', label: 'Phê duyệt' },
  { value: 'return', label: 'Trả lại để chỉnh sửa' },
  { value: 'reject', label: 'Từ chối' },
  { value: 'cancel', label: 'Hủy nhiệm vụ' },
  { value: 'decideExtension', label: 'Quyết định gia hạn' },
  { value: 'reassign', label: 'Giao lại đơn vị khác' },
  { value: 'resolveBlocker', label: 'Xử lý vướng mắc' },
  { value: 'acknowledgeReport', label: 'Xác nhận báo cáo kỳ' },
  { value: 'comment', label: 'Ý kiến trao đổi' },
];
const actionLabel = (a: string) => ACTIONS.find((x) => x.value === a)?.label ?? a;

function statusOf(g: DelegationGrant, today: string): { label: string; color: string } {
  if (g.revokedAt) return { label: `Đã thu hồi ${formatDate(g.revokedAt)}`, color: 'gray' };
  if (g.endsOn < today) return { label: 'Đã hết hạn', color: 'gray' };
  if (g.inForce) return { label: 'Đang hiệu lực', color: 'green' };
  return { label: 'Sắp hiệu lực', color: 'blue' };
}

/**
 * The director's grants of "KT. Giám đốc" (POST/GET/DELETE /delegations): to which deputy, from
 * when to when, optionally only some lead units and some actions; revoked and ended ones stay
 * listed. Without a grant in force no deputy signs for the director.
 */
export function DelegationsPage() {
  const grants = useResource(() => api.get('/delegations'), []);
  const deputies = useResource(() => api.get('/delegations/deputies'), []);
  const units = useResource(() => api.get('/units'), []);
  const [deputy, setDeputy] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState<string | null>(null);
  const [endsOn, setEndsOn] = useState<string | null>(null);
  const [unitCodes, setUnitCodes] = useState<string[]>([]);
  const [actions, setActions] = useState<DelegationAction[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const today = vietnamToday();

  const grant = async () => {
    if (!deputy || !startsOn || !endsOn) return;
    setBusy(true);
    try {
      await api.post('/delegations', {
        body: {
          deputyUsername: deputy,
          startsOn,
          endsOn,
          ...(unitCodes.length ? { unitCodes } : {}),
          ...(actions.length ? { actions } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      notifySuccess('Đã giao quyền ký thay.');
      setDeputy(null);
      setStartsOn(null);
      setEndsOn(null);
      setUnitCodes([]);
      setActions([]);
      setNote('');
      setFormKey((k) => k + 1);
      void grants.reload();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (g: DelegationGrant) => {
    try {
      await api.delete('/delegations/{id}', { params: { path: { id: g.id } } });
      notifySuccess(`Đã thu hồi quyền ký thay của ${g.deputy.fullName}.`);
      void grants.reload();
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <>
      <PageTitle title="Ủy quyền ký thay (KT. Giám đốc)" />
      <Paper withBorder p="md" radius="md" mb="md" data-testid="grant-form">
        <Stack gap="sm" key={formKey}>
          <Text size="sm" c="dimmed">
            Phó Giám đốc chỉ ký thay (KT.) Giám đốc trong thời hạn được giao; không chọn đơn vị hoặc thao tác nghĩa là mọi đơn vị, mọi thao tác.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Phó Giám đốc"
              placeholder={deputies.data ? 'Chọn người được ủy quyền' : 'Đang tải…'}
              data={(deputies.data ?? []).map((d) => ({ value: d.username, label: `${d.title} ${d.fullName}` }))}
              value={deputy}
              onChange={setDeputy}
              required
            />
            <DateField label="Từ ngày" onChange={setStartsOn} required />
            <DateField label="Đến ngày" onChange={setEndsOn} required />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label="Chỉ nhiệm vụ của các đơn vị (tùy chọn)"
              data={(units.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
              value={unitCodes}
              onChange={setUnitCodes}
              searchable
              clearable
            />
            <MultiSelect label="Chỉ các thao tác (tùy chọn)" data={ACTIONS} value={actions} onChange={(v) => setActions(v as DelegationAction[])} clearable />
          </SimpleGrid>
          <TextInput label="Ghi chú" placeholder="Ví dụ: Giám đốc đi công tác" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
          <Group justify="flex-end">
            <Button onClick={() => void grant()} loading={busy} disabled={!deputy || !startsOn || !endsOn}>
              Giao quyền ký thay
            </Button>
          </Group>
        </Stack>
      </Paper>

      {grants.error && <ErrorAlert error={grants.error} onRetry={() => void grants.reload()} />}
      {!grants.data && !grants.error && <Loading />}
      {grants.data && grants.data.length === 0 && <Empty title="Chưa giao quyền ký thay nào">Khi Giám đốc vắng, giao quyền cho Phó Giám đốc ở biểu mẫu trên.</Empty>}
      {grants.data && grants.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="grant-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Người ký thay</Table.Th>
                <Table.Th>Thời hạn</Table.Th>
                <Table.Th>Phạm vi</Table.Th>
                <Table.Th>Trạng thái</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grants.data.map((g) => {
                const status = statusOf(g, today);
                return (
                  <Table.Tr key={g.id} data-grant-id={g.id}>
                    <Table.Td>
                      {g.deputy.title} {g.deputy.fullName}
                      {g.note && (
                        <Text size="xs" c="dimmed">
                          {g.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {formatDate(g.startsOn)} – {formatDate(g.endsOn)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.units ? `Đơn vị: ${g.units.map((u) => u.code).join(', ')}` : 'Mọi đơn vị'}</Text>
                      <Text size="sm">{g.actions ? `Thao tác: ${g.actions.map(actionLabel).join(', ')}` : 'Mọi thao tác'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={status.color} variant="light">
                        {status.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {!g.revokedAt && g.endsOn >= today && (
                        <Button size="xs" variant="light" color="red" onClick={() => void revoke(g)}>
                          Thu hồi
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
