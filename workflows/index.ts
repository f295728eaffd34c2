// Entry point of the workflow bundle: every workflow type the worker registers.
export { taskLifecycle } from './task-lifecycle/task-lifecycle.workflow';
