import { HttpStatus } from '@nestjs/common';
import { REFUSAL_KINDS, type RefusalCode, type RefusalKind } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/** The HTTP status of each kind of refusal (the kinds are declared with the codes, REFUSAL_KINDS). */
const KIND_STATUS: Record<RefusalKind, HttpStatus> = {
  forbidden: HttpStatus.FORBIDDEN,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unacceptable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The task workflows' refusals (update validators), by REFUSAL code: each code's status by its kind. */
const REFUSAL_STATUS = Object.fromEntries(Object.entries(REFUSAL_KINDS).map(([code, kind]) => [code, KIND_STATUS[kind]])) as Record<RefusalCode, HttpStatus>;

/**
 * Every error code the API can answer with, and its HTTP status. Clients and tests rely on the
 * codes; the messages are Vietnamese and for people.
 */
export const ERROR_STATUS: Record<string, HttpStatus> = {
  ...REFUSAL_STATUS,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  // The API boundary (apps/api/src/common/valid-text.pipe.ts, body-limits.ts).
  INVALID_TEXT: HttpStatus.UNPROCESSABLE_ENTITY,
  JSON_TOO_DEEP: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  DELEGATION_NOT_GRANTED: HttpStatus.FORBIDDEN,
  DELEGATION_GRANT_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  DELEGATION_GRANT_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  TOKEN_EXPIRED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  REFRESH_TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  ACCOUNT_DISABLED: HttpStatus.FORBIDDEN,
  TOO_MANY_ATTEMPTS: HttpStatus.TOO_MANY_REQUESTS,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  ORGANIZATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  // Organization calendar edits (OrganizationCalendarService, libs/persistence).
  CALENDAR_DAY_NOT_FOUND: HttpStatus.NOT_FOUND,
  CALENDAR_DAY_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  CALENDAR_YEAR_UNSUPPORTED: HttpStatus.UNPROCESSABLE_ENTITY,
  CALENDAR_DAY_POINTLESS: HttpStatus.UNPROCESSABLE_ENTITY,
  CALENDAR_YEAR_ABSURD: HttpStatus.UNPROCESSABLE_ENTITY,
  // Task reads, actions and inboxes (apps/api/src/tasks, apps/api/src/inbox).
  TASK_ACCESS_DENIED: HttpStatus.FORBIDDEN,
  IDEMPOTENCY_KEY_INVALID: HttpStatus.BAD_REQUEST,
  IF_MATCH_INVALID: HttpStatus.BAD_REQUEST,
  UNIT_NOT_FOUND: HttpStatus.UNPROCESSABLE_ENTITY,
  ACTION_NOT_SUPPORTED: HttpStatus.UNPROCESSABLE_ENTITY,
  NOTIFICATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  // Uploads, plan import and attachments (apps/api/src/uploads, plans, attachments).
  FILE_REQUIRED: HttpStatus.BAD_REQUEST,
  UPLOAD_INVALID: HttpStatus.BAD_REQUEST,
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FILE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_FILE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  FILE_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  UNREADABLE_FILE: HttpStatus.UNPROCESSABLE_ENTITY,
  PLAN_HAS_ERRORS: HttpStatus.UNPROCESSABLE_ENTITY,
  PLAN_HAS_NO_TASKS: HttpStatus.UNPROCESSABLE_ENTITY,
  WARNINGS_NOT_ACCEPTED: HttpStatus.UNPROCESSABLE_ENTITY,
  PLAN_IMPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  PLAN_IMPORT_DISCARDED: HttpStatus.CONFLICT,
  PLAN_IMPORT_CONFIRMED: HttpStatus.CONFLICT,
  UNIT_MAPPING_NAME_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  UNIT_MAPPING_DUPLICATE: HttpStatus.UNPROCESSABLE_ENTITY,
  CANDIDATES_REFUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  PLAN_HAS_NO_CANDIDATES: HttpStatus.UNPROCESSABLE_ENTITY,
  PLAN_NOT_FOUND: HttpStatus.NOT_FOUND,
  ATTACHMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  ATTACHMENT_NOT_OF_TASK: HttpStatus.UNPROCESSABLE_ENTITY,
  ATTACHMENT_CONTENT_MISSING: HttpStatus.INTERNAL_SERVER_ERROR,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // Self-service administration and accounts (apps/api/src/admin, apps/api/src/accounts, libs/persistence admin).
  ADMIN_UNIT_NOT_FOUND: HttpStatus.NOT_FOUND,
  ADMIN_USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNIT_CODE_TAKEN: HttpStatus.CONFLICT,
  UNIT_ALIAS_TAKEN: HttpStatus.CONFLICT,
  UNIT_HAS_OPEN_TASKS: HttpStatus.CONFLICT,
  USERNAME_TAKEN: HttpStatus.CONFLICT,
  USER_SOLE_DECIDER: HttpStatus.CONFLICT,
  ADMIN_SELF_LOCKOUT: HttpStatus.CONFLICT,
  SETTINGS_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  ACCOUNT_TOKEN_INVALID: HttpStatus.BAD_REQUEST,
  ACCOUNT_TOKEN_USED: HttpStatus.GONE,
  ACCOUNT_TOKEN_EXPIRED: HttpStatus.GONE,
  PASSWORD_REJECTED: HttpStatus.UNPROCESSABLE_ENTITY,
  CURRENT_PASSWORD_WRONG: HttpStatus.FORBIDDEN,
  DIRECTORY_IMPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  DIRECTORY_IMPORT_HAS_ERRORS: HttpStatus.UNPROCESSABLE_ENTITY,
  DIRECTORY_IMPORT_STALE: HttpStatus.CONFLICT,
  DIRECTORY_IMPORT_DISCARDED: HttpStatus.CONFLICT,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

export const DEFAULT_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập để tiếp tục.',
  TOKEN_EXPIRED: 'Phiên làm việc đã hết hạn. Vui lòng làm mới phiên hoặc đăng nhập lại.',
  INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  REFRESH_TOKEN_INVALID: 'Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.',
  ACCOUNT_DISABLED: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.',
  DELEGATION_NOT_GRANTED: 'Bạn chưa được Giám đốc ủy quyền ký thay (KT.) vào thời gian này.',
  TOO_MANY_ATTEMPTS: 'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng thử lại sau ít phút.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
  TASK_NOT_FOUND: 'Không tìm thấy nhiệm vụ.',
  ROUTE_NOT_FOUND: 'Đường dẫn không tồn tại.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  DEPENDENCY_UNAVAILABLE: 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.',
  INTERNAL_ERROR: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị viên kèm mã yêu cầu.',
};
