import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, so operators can find tasks in the Temporal UI. They are registered
 * by provisioning (`temporal server start-dev --search-attribute`, or the operator API against an
 * existing server). Inboxes never read them: visibility lags; inboxes read Postgres.
 */
export const SA_ORG = defineSearchAttributeKey('PlanflowOrg', SearchAttributeType.KEYWORD);
export const SA_PLAN = defineSearchAttributeKey('PlanflowPlan', SearchAttributeType.KEYWORD);
export const SA_UNIT = defineSearchAttributeKey('PlanflowUnit', SearchAttributeType.KEYWORD);
export const SA_STATE = defineSearchAttributeKey('PlanflowState', SearchAttributeType.KEYWORD);
export const SA_DUE = defineSearchAttributeKey('PlanflowDue', SearchAttributeType.DATETIME);
export const SA_OVERDUE = defineSearchAttributeKey('PlanflowOverdue', SearchAttributeType.BOOL);

export const SEARCH_ATTRIBUTES = [SA_ORG, SA_PLAN, SA_UNIT, SA_STATE, SA_DUE, SA_OVERDUE] as const;

/** `temporal` CLI spelling of each type, for `--search-attribute NAME=Type`. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};
