import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigValidationError, loadEnv } from '@app/config';
import { DomainError } from '@app/domain';
import { createOrganization, dataSourceOptions } from '@app/persistence';
import { cliError, CliOutcome, EXIT_USAGE } from './plan-parse.command';
import { EXIT_UNAVAILABLE } from './plan-import.command';

export const ORG_CREATE_USAGE = [
  '  npm run -s cli -- org create --code CODE --name "Tên cơ quan" --admin-email ĐỊA_CHỈ',
  '',
  'Tạo một cơ quan (Sở) và quản trị viên đầu tiên của nó (admin.<code>), người nhận thư mời đặt mật khẩu.',
  'Creates an organization and its first administrator, who receives an invitation to choose a password.',
  'Cần DATABASE_URL (như khi chạy npm start); thư đi qua hàng gửi e-mail của worker, đường dẫn theo PUBLIC_URL.',
  'Chạy lại với cùng mã không thay đổi gì / running it again with the same code changes nothing.',
  'Mã thoát / Exit codes: 0 đã tạo hoặc đã có / created or existing; 2 sai cú pháp / usage; 4 không kết nối được / unavailable.',
].join('\n');

export async function runOrgCreate(args: readonly string[]): Promise<CliOutcome> {
  let values: { code?: string; name?: string; 'admin-email'?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: { code: { type: 'string' }, name: { type: 'string' }, 'admin-email': { type: 'string' } },
    }));
  } catch (cause) {
    return cliError(EXIT_USAGE, 'USAGE', `Sai cú pháp lệnh: ${(cause as Error).message}`);
  }
  if (!values.code || !values.name || !values['admin-email']) {
    return cliError(EXIT_USAGE, 'USAGE', 'Sai cú pháp lệnh: cần --code, --name và --admin-email. Xem --help.');
  }
  let env;
  try {
    env = loadEnv();
  } catch (cause) {
    if (cause instanceof ConfigValidationError) return cliError(EXIT_UNAVAILABLE, 'CONFIG_INVALID', cause.message);
    throw cause;
  }
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, { logging: false }));
  try {
    await ds.initialize();
    const org = await createOrganization(ds, { code: values.code, name: values.name, adminEmail: values['admin-email'], publicUrl: env.PUBLIC_URL });
    return {
      exitCode: 0,
      output: {
        ...org,
        summary: org.created
          ? `Đã tạo cơ quan ${org.code}; thư mời đặt mật khẩu đã vào hàng gửi tới ${org.admin.email} (tên đăng nhập ${org.admin.username}).`
          : `Cơ quan ${org.code} đã có: không thay đổi gì, không gửi thư.`,
      },
    };
  } catch (cause) {
    if (cause instanceof DomainError) return cliError(EXIT_USAGE, cause.code, cause.message);
    return cliError(EXIT_UNAVAILABLE, 'DEPENDENCY_UNAVAILABLE', `Không kết nối được Postgres: ${(cause as Error).message}`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}
