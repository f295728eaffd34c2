import { Readable } from 'node:stream';
import { Workbook, type Worksheet } from 'exceljs';
import { DomainError, foldForSearch, ROLE_LABELS, ROLES } from '@app/domain';
import type { DirectoryFileRows, PersonRow, UnitRow } from '@app/persistence';

/**
 * The directory spreadsheet (units, people, deputies' portfolios): the template the administrator
 * downloads (filled with the directory as it is, so editing and importing it back is the usual
 * way), and the reader of an uploaded .xlsx, or of a .csv with the people sheet's columns.
 */

const SHEETS = {
  units: { name: 'Đơn vị', columns: ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Tên gọi khác'] },
  people: { name: 'Người dùng', columns: ['Tên đăng nhập', 'Họ và tên', 'Chức danh', 'E-mail', 'Mã đơn vị', 'Vai trò'] },
  portfolios: { name: 'Phụ trách', columns: ['Tên đăng nhập', 'Mã đơn vị phụ trách'] },
} as const;

const KIND_LABEL: Record<string, string> = { internal: 'thuộc Sở', affiliated: 'trực thuộc Sở' };

export async function directoryTemplate(units: UnitRow[], people: PersonRow[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'Planflow';
  const sheet = (key: keyof typeof SHEETS, widths: number[]) => {
    const ws = wb.addWorksheet(SHEETS[key].name);
    ws.columns = SHEETS[key].columns.map((header, i) => ({ header, width: widths[i] }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const u = sheet('units', [14, 50, 16, 60]);
  for (const x of units.filter((x) => x.active)) u.addRow([x.code, x.name, KIND_LABEL[x.kind] ?? x.kind, x.aliases.join('; ')]);
  const p = sheet('people', [26, 30, 24, 34, 12, 40]);
  for (const x of people.filter((x) => x.active)) p.addRow([x.username, x.fullName, x.title, x.email ?? '', x.unitCode ?? '', x.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join('; ')]);
  const f = sheet('portfolios', [26, 22]);
  for (const x of people.filter((x) => x.active)) for (const code of x.portfolioUnitCodes) f.addRow([x.username, code]);
  const help = wb.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 110;
  for (const line of [
    'Danh mục đơn vị và người dùng của cơ quan. Sửa, thêm dòng rồi tải tệp lên trang Quản trị > Người dùng.',
    'Đơn vị: Mã đơn vị (chữ in hoa không dấu), Tên đơn vị, Loại ("thuộc Sở" hoặc "trực thuộc Sở"), Tên gọi khác (cách nhau bởi dấu ;) mà kế hoạch dùng.',
    `Người dùng: Tên đăng nhập (chữ thường không dấu), Họ và tên, Chức danh, E-mail (nhận thư mời đặt mật khẩu), Mã đơn vị, Vai trò (cách nhau bởi dấu ;): ${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}.`,
    'Phụ trách: mỗi dòng một đơn vị mà một Phó Giám đốc phụ trách.',
    'Đơn vị và người không có trong tệp được giữ nguyên. Người mới nhận thư mời đặt mật khẩu; không ai đặt mật khẩu thay họ.',
    'Tệp .csv (UTF-8) chỉ chứa các cột của trang "Người dùng".',
  ]) {
    help.addRow([line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads an uploaded directory file; an unreadable one is 422 UNREADABLE_FILE, a sheet without its header 422 too. */
export async function readDirectoryFile(fileName: string, content: Buffer): Promise<DirectoryFileRows> {
  const wb = new Workbook();
  const isCsv = /\.csv$/i.test(fileName);
  try {
    if (isCsv) await wb.csv.read(Readable.from([content.toString('utf8').replace(/^\uFEFF/, '')]));
    else await wb.xlsx.load(content as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch {
    throw new DomainError('UNREADABLE_FILE', `Không đọc được tệp ${isCsv ? 'CSV' : 'Excel (.xlsx)'}: tệp hỏng hoặc không đúng định dạng.`);
  }
  const find = (key: keyof typeof SHEETS): Worksheet | undefined =>
    isCsv ? (key === 'people' ? wb.worksheets[0] : undefined) : wb.worksheets.find((ws) => foldForSearch(ws.name) === foldForSearch(SHEETS[key].name));
  const rows: DirectoryFileRows = { units: [], people: [], portfolios: [] };
  const units = find('units');
  const people = find('people');
  const portfolios = find('portfolios');
  if (!units && !people) {
    throw new DomainError('UNREADABLE_FILE', isCsv ? 'Tệp CSV trống.' : `Tệp không có trang "${SHEETS.units.name}" hay "${SHEETS.people.name}": hãy dùng tệp mẫu.`);
  }
  if (units) rows.units = readSheet(units, 'units').map(([row, c]) => ({ row, code: c[0], name: c[1], kind: c[2], aliases: c[3] }));
  if (people) rows.people = readSheet(people, 'people').map(([row, c]) => ({ row, username: c[0], fullName: c[1], title: c[2], email: c[3], unitCode: c[4], roles: c[5] }));
  if (portfolios) rows.portfolios = readSheet(portfolios, 'portfolios').map(([row, c]) => ({ row, username: c[0], unitCode: c[1] }));
  return rows;
}

/** The non-empty rows under the header, each cell's text in the template's column order. */
function readSheet(ws: Worksheet, key: keyof typeof SHEETS): Array<[number, string[]]> {
  const header = ws.getRow(1);
  const positions = SHEETS[key].columns.map((col) => {
    for (let c = 1; c <= Math.max(ws.columnCount, 1); c++) if (foldForSearch(header.getCell(c).text ?? '') === foldForSearch(col)) return c;
    return -1;
  });
  const missing = SHEETS[key].columns.filter((_, i) => positions[i] < 0 && (key !== 'people' || i !== 2));
  if (missing.length) {
    throw new DomainError('UNREADABLE_FILE', `Trang "${SHEETS[key].name}" thiếu cột ${missing.map((m) => `"${m}"`).join(', ')} ở dòng đầu: hãy dùng tệp mẫu.`, {
      sheet: SHEETS[key].name,
      missing,
    });
  }
  const out: Array<[number, string[]]> = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    // Control characters (NUL cannot even be stored) are dropped: a cell is a name, a code, an address.
    const cells = positions.map((c) => (c < 0 ? '' : String(row.getCell(c).text ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim()));
    if (cells.every((x) => !x)) continue;
    out.push([r, cells]);
  }
  if (out.length > 5000) throw new DomainError('UNREADABLE_FILE', `Trang "${SHEETS[key].name}" có quá 5.000 dòng.`);
  return out;
}
