// Entry point of the workflow bundle: every workflow type the worker registers (workflow code only: deterministic, no I/O).
export { taskLifecycle } from './task-lifecycle/task-lifecycle.workflow';
export { groupTask } from './group-task/group-task.workflow';
