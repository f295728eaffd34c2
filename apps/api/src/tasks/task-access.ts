/**
 * Who may read which task: the rule and its SQL live with the statements that apply it, in
 * libs/persistence (repositories/task-access.repository.ts). Re-exported here for the API's
 * modules that only ask an actor's roles or visibility.
 */
export {
  accessProbeSql,
  accessSql,
  effectiveRoles,
  organizationSql,
  SqlParams,
  STAFF_ROLES,
  visibilityOf,
  visibleTaskSql,
  type TaskVisibility,
} from '@app/persistence';
