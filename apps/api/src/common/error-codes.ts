import { HttpStatus } from '@nestjs/common';
import type { RefusalCode } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/**
 * The task workflows' refusals (update validators), by REFUSAL code: 403 not allowed, 404 the thing
 * named does not exist, 409 the task is not in a state for it (retry after a refresh may work),
 * 422 the request itself cannot be accepted. Typed on RefusalCode: a new code must be mapped here.
 */
const REFUSAL_STATUS: Record<RefusalCode, HttpStatus> = {
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_A_REVIEWER: HttpStatus.FORBIDDEN,
  BLOCKER_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUND_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_STATE: HttpStatus.CONFLICT,
  STALE_VERSION: HttpStatus.CONFLICT,
  TASK_CLOSED: HttpStatus.CONFLICT,
  REVIEW_ALREADY_GIVEN: HttpStatus.CONFLICT,
  EXTENSION_PENDING: HttpStatus.CONFLICT,
  NO_PENDING_EXTENSION: HttpStatus.CONFLICT,
  INVALID_INPUT: HttpStatus.UNPROCESSABLE_ENTITY,
  DRAFT_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  COORDINATING_UNITS_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  OVERRIDE_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_LIMIT_REACHED: HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * Every error code the API can answer with, and its HTTP status. Clients and tests rely on the
 * codes; the messages are Vietnamese and for people.
 */
export const ERROR_STATUS: Record<string, HttpStatus> = {
  ...REFUSAL_STATUS,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

export const DEFAULT_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
  TASK_NOT_FOUND: 'Không tìm thấy nhiệm vụ.',
  ROUTE_NOT_FOUND: 'Đường dẫn không tồn tại.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  DEPENDENCY_UNAVAILABLE: 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.',
  INTERNAL_ERROR: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị viên kèm mã yêu cầu.',
};
