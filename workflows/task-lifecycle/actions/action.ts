import type { Actor, TaskAction } from '../task-lifecycle.contract';
import type { EventPayloads, EventRule, TaskEventType } from '../events';
import type { EventDraft, MachineContext, TaskModel } from '../task-machine';
import { fieldNames, type Fields } from './fields';

/** The states an event moves the task between (`transition()` / `stay()` of the machine). */
export type States = Pick<EventDraft, 'fromState' | 'toState'>;

/** Records an event of one of the action's own types, with that type's payload. */
export type Emit<E extends TaskEventType> = <K extends E>(type: K, states: States, payload: EventPayloads[K]) => void;

/**
 * One human step of a task: everything about it in one place. The workflow's Update validator runs
 * `check`, its handler `apply`; `GET /tasks/:id` lists the actions whose `allowed` passes for the
 * caller (`availableActions`); the notification fan-out reads `events` (recipients per event type).
 */
export interface ActionModule<N extends TaskAction, I, E extends TaskEventType> {
  name: N;
  /** Path of `POST /tasks/:id/<route>`. */
  route: string;
  /** The HTTP endpoint when it is not `POST /tasks/:id/<route>` with a JSON body (the file steps). */
  endpoint?: string;
  /** The button, in Vietnamese. */
  label: string;
  /** Who may do it: the single statement (Vietnamese), shown in the API docs and the README. */
  who: string;
  /**
   * What the person fills in, declared once (`fields.ts`): the API's request body (validation and
   * OpenAPI) is built from it; for a step with its own `endpoint`, what that endpoint takes.
   */
  fields: Fields;
  /** The names of `fields`, in order (`availableActions[].needs`: the web app's form for the action). */
  readonly needs: readonly string[];
  /**
   * May `actor` take this step now, whatever they would type? Throws a Refusal (who, state, and
   * everything else that does not depend on the input), like `check` would.
   */
  allowed(m: TaskModel, actor: Actor, ctx: MachineContext): void;
  /** The full check of one request (after the checks every action shares): throws a Refusal. */
  check(m: TaskModel, input: I, ctx: MachineContext): void;
  /** Applies what `check` accepted: changes the model and emits its events, in order. */
  apply(m: TaskModel, input: I, ctx: MachineContext, emit: Emit<E>, events: EventDraft[]): void;
  /** Every event type the step may record (timer follow-ups included), with its recipients. */
  events: { readonly [K in E]: EventRule };
  /** A valid input for this model, by `actor` (tests: the permission matrix checks `allowed` ⇔ `check`). */
  example(m: TaskModel, actor?: Actor): Omit<I, 'actor' | 'idempotencyKey' | 'expectedVersion'>;
}

/**
 * Keeps the literal types of a module (its name and its event types) for the registry, and derives
 * its `needs` from its `fields`.
 */
export function defineAction<N extends TaskAction, I, E extends TaskEventType>(m: Omit<ActionModule<N, I, E>, 'needs'>): ActionModule<N, I, E> {
  return Object.assign(m, { needs: fieldNames(m.fields) });
}
