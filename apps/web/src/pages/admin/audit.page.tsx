import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/api.client';
import { Empty, ErrorAlert, Loading, notifyError, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { AUDIT_LABELS, AuditEntry, changedFields } from './admin-api';

/** Every administration change, newest first: who, when, what, before and after. */
export function AdminAuditPage() {
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useResource(async () => {
    const page = await api.get('/admin/audit', { params: { query: { limit: 50 } } });
    setExtra([]);
    setCursor(page.nextCursor);
    return page;
  }, []);
  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api.get('/admin/audit', { params: { query: { limit: 50, cursor } } });
      setExtra((x) => [...x, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      notifyError(err);
    }
  };
  const items = [...(first.data?.items ?? []), ...extra];
  return (
    <>
      <PageTitle title="Nhật ký quản trị" />
      {first.error && <ErrorAlert error={first.error} onRetry={() => void first.reload()} />}
      {first.loading && !first.data && <Loading />}
      {first.data && !items.length && <Empty title="Chưa có thay đổi nào" />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thời điểm</Table.Th>
                <Table.Th>Người thực hiện</Table.Th>
                <Table.Th>Thao tác</Table.Th>
                <Table.Th>Nội dung</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
                  <Table.Td>{a.actor ? `${a.actor.fullName} (${a.actor.username})` : 'Dòng lệnh vận hành'}</Table.Td>
                  <Table.Td>{AUDIT_LABELS[a.action] ?? a.action}</Table.Td>
                  <Table.Td>
                    {changedFields(a.before, a.after).map((line) => (
                      <Text key={line} size="xs">
                        {line}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cursor && (
        <Group justify="center" mt="md">
          <Button variant="light" onClick={() => void more()}>
            Xem thêm
          </Button>
        </Group>
      )}
    </>
  );
}
