import { HttpStatus } from '@nestjs/common';

/**
 * Every error code the API can answer with, and its HTTP status. Clients and tests rely on the
 * codes; the messages are Vietnamese and for people.
 */
export const ERROR_STATUS: Record<string, HttpStatus> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_CLOSED: HttpStatus.CONFLICT,
  STALE_VERSION: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

export const DEFAULT_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
  ROUTE_NOT_FOUND: 'Đường dẫn không tồn tại.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  DEPENDENCY_UNAVAILABLE: 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.',
  INTERNAL_ERROR: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị viên kèm mã yêu cầu.',
};
