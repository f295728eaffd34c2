import type { TaskEventType } from './events';

/**
 * The Vietnamese line of the audit trail for each event type of the task workflows (task machine,
 * group parent, deadline and wait ladders): the workflow's history summary and the API's history
 * both read it. Exhaustive over the event union (a new type without a label fails the typecheck). Pure data: safe in the workflow sandbox, and a change of wording changes no command.
 */
export const EVENT_LABELS: Record<TaskEventType, string> = {
  CREATED: 'Tạo nhiệm vụ',
  DRAFT_SAVED: 'Cập nhật dự thảo',
  DRAFT_READY: 'Dự thảo sẵn sàng để trình',
  COORDINATING_UNITS_NAMED: 'Chọn đơn vị phối hợp',
  SUBMITTED_FOR_REVIEW: 'Trình lấy ý kiến phối hợp',
  SUBMITTED_FOR_APPROVAL: 'Trình lãnh đạo phê duyệt',
  SUBMITTED_OVERRIDING_REVIEW: 'Trình phê duyệt (vượt ý kiến phối hợp)',
  REVIEW_GIVEN: 'Đơn vị phối hợp cho ý kiến',
  REVIEW_SILENT_AGREED: 'Quá hạn không có ý kiến, coi như đồng ý',
  REVIEW_REMINDER: 'Nhắc đơn vị phối hợp cho ý kiến',
  REVIEW_ESCALATED: 'Quá hạn lấy ý kiến, báo cáo lãnh đạo',
  REVIEW_ESCALATED_TO_DIRECTOR: 'Quá hạn lấy ý kiến, báo cáo Giám đốc',
  REVIEW_COMPLETED: 'Hoàn tất lấy ý kiến, chuyển phê duyệt',
  REVIEW_RETURNED: 'Có ý kiến không đồng ý, trả về dự thảo',
  APPROVAL_REMINDER: 'Nhắc lãnh đạo phê duyệt',
  APPROVAL_ESCALATED: 'Chờ phê duyệt quá lâu, báo cáo Giám đốc',
  APPROVED: 'Lãnh đạo phê duyệt, hoàn thành',
  MILESTONE_APPROVED: 'Phê duyệt mốc, chuyển mốc tiếp theo',
  RETURNED: 'Lãnh đạo trả lại',
  REJECTED: 'Lãnh đạo từ chối',
  CANCELLED: 'Hủy nhiệm vụ',
  GROUP_CANCEL_REQUESTED: 'Hủy nhiệm vụ của mọi đơn vị',
  EXTENSION_REQUESTED: 'Đề nghị gia hạn',
  EXTENSION_GRANTED: 'Đồng ý gia hạn',
  EXTENSION_REFUSED: 'Không đồng ý gia hạn',
  REASSIGNED: 'Giao lại cho đơn vị khác',
  BLOCKER_RAISED: 'Báo cáo vướng mắc',
  BLOCKER_RESOLVED: 'Xử lý vướng mắc',
  TRIGGER_RECORDED: 'Ghi nhận sự kiện, bắt đầu thực hiện',
  COMMENTED: 'Ý kiến',
  ROUND_OPENED: 'Mở kỳ báo cáo',
  REPORT_SUBMITTED: 'Nộp báo cáo kỳ',
  REPORT_ACKNOWLEDGED: 'Xác nhận báo cáo kỳ',
  UNIT_TASK_FINISHED: 'Đơn vị kết thúc phần việc',
  COMPLETED: 'Hoàn thành',
  NOT_ARISEN: 'Không phát sinh (hết kỳ kế hoạch, sự kiện không xảy ra)',
  DEADLINE_REMINDER: 'Nhắc hạn đơn vị chủ trì',
  DEADLINE_PASSED: 'Quá hạn: báo trưởng đơn vị chủ trì và bộ phận theo dõi',
  ESCALATED_TO_DEPUTY: 'Quá hạn: báo cáo Phó Giám đốc phụ trách',
  ESCALATED_TO_DIRECTOR: 'Quá hạn: báo cáo Giám đốc',
  REMINDED: 'Đôn đốc thực hiện',
  ASSIGNED: 'Giao cho cán bộ',
  ATTACHMENT_UPLOADED: 'Đã tải lên tệp',
  ATTACHMENT_REMOVED: 'Đã gỡ tệp',
};

/** The label of a stored event type (older rows may hold a type no longer emitted: shown as is). */
export function eventLabelOf(type: string): string {
  return (EVENT_LABELS as Record<string, string>)[type] ?? type;
}
