import { BadRequestException, HttpStatus, RequestMethod, ValidationPipe } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { APP_PIPE } from '@nestjs/core';
/** Where @ApiOperation keeps its options (@nestjs/swagger API_OPERATION). */
const API_OPERATION = 'swagger/apiOperation';
import { ACTIONS, type AnyAction } from '@app/workflows/task-lifecycle/actions';
import { inputKeyOf, type FieldSpec } from '@app/workflows/task-lifecycle/actions/fields';
import type { UnitRef } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { initModel, type MachineContext } from '@app/workflows/task-lifecycle/task-machine';
import { defaultVietnamCalendar } from '@app/domain/calendar/working-calendar';
import { AppModule } from '../app.module';
import { dtoClass, dtoNameOf } from './action-dto.factory';
import { ACTION_BODY_DTOS, ActionBodyDto } from './task-action.dto';
import { TaskActionController } from './task-action.controller';

/**
 * The routes and bodies of the task actions are the registry's: every action without an endpoint
 * of its own has its `POST /tasks/:id/<route>` on TaskActionController with a body class built from
 * its fields, which the API's own global ValidationPipe runs: it takes the module's example input
 * (as the client sends it) and refuses a missing required field and any undeclared property.
 */

const ctx: MachineContext = { nowMs: Date.parse('2025-03-03T03:00:00Z'), calendar: defaultVietnamCalendar() };
const model = initModel(
  {
    taskId: 't-1',
    organizationId: 'org-a',
    organizationCode: 'A',
    planId: null,
    ownerUnitCode: 'CCHC',
    ownerUnitId: 'unit-cchc',
    title: 'Nhiệm vụ',
    dueOn: '2025-06-30',
    initialState: 'DRAFTING',
    coordinatingUnits: [{ unitId: 'unit-ttra', unitCode: 'TTRA' }],
  },
  ctx,
);

const ALL = Object.values(ACTIONS) as AnyAction[];
const BODY = ALL.filter((a) => !a.endpoint);
const proto = TaskActionController.prototype as unknown as Record<string, unknown>;

/** The global pipe of the API, as AppModule provides it (APP_PIPE). */
function globalPipe(): ValidationPipe {
  const providers: Array<{ provide?: unknown; useValue?: unknown }> = Reflect.getMetadata('providers', AppModule) ?? [];
  const pipe = providers.find((p) => p.provide === APP_PIPE && p.useValue instanceof ValidationPipe)?.useValue;
  if (!(pipe instanceof ValidationPipe)) throw new Error('AppModule provides no global ValidationPipe');
  return pipe;
}

/** What the client sends for a workflow input: references the API resolves go back to what the person picks. */
function clientValue(spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'unitCodes':
      return (value as UnitRef[]).map((u) => u.unitCode);
    case 'unitCode':
      return (value as UnitRef).unitCode;
    case 'officer':
      return (value as { userId: string }).userId;
    default:
      return value;
  }
}

/** The request body of the module's own example input. */
function bodyOfExample(a: AnyAction): Record<string, unknown> {
  const example = a.example(model) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(a.fields)) {
    const value = example[inputKeyOf(key, spec)];
    if (value !== undefined) body[key] = clientValue(spec, value);
  }
  return body;
}

async function refusal(action: string, body: unknown): Promise<string[]> {
  try {
    await globalPipe().transform(body, { type: 'body', metatype: ACTION_BODY_DTOS[action as AnyAction['name']] });
  } catch (err) {
    if (!(err instanceof BadRequestException)) throw err;
    return (err.getResponse() as { message: string[] }).message;
  }
  throw new Error(`${action}: ${JSON.stringify(body)} was accepted`);
}

describe('task action routes and bodies, from the registry', () => {
  it('has a POST route, 200, for every action without an endpoint of its own, with the body class built from its fields', () => {
    expect(BODY.map((a) => a.name)).toEqual(expect.arrayContaining(['saveDraft', 'review', 'assign']));
    for (const a of BODY) {
      const handler = proto[a.name] as object;
      expect({ action: a.name, handler: typeof handler }).toEqual({ action: a.name, handler: 'function' });
      expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe(a.route);
      expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.POST);
      expect(Reflect.getMetadata(HTTP_CODE_METADATA, handler)).toBe(HttpStatus.OK);
      expect(Reflect.getMetadata(API_OPERATION, handler)).toMatchObject({ summary: a.label, description: `Ai được thực hiện: ${a.who}` });
      const Dto = ACTION_BODY_DTOS[a.name]!;
      expect(Dto.name).toBe(dtoNameOf(a.name));
      expect(Object.getPrototypeOf(Dto)).toBe(ActionBodyDto);
      // The ValidationPipe and the OpenAPI document read the body's class here.
      expect(Reflect.getMetadata('design:paramtypes', proto, a.name)[2]).toBe(Dto);
      const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, TaskActionController, a.name) as Record<string, { index: number }>;
      expect(args[`${RouteParamtypes.BODY}:2`]).toMatchObject({ index: 2 });
      expect(args[`${RouteParamtypes.PARAM}:1`]).toMatchObject({ index: 1, data: 'id' });
      expect(Object.keys(args)).toHaveLength(4);
    }
  });

  it('has no other route: the file steps are the attachment endpoints', () => {
    const routes = Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor' && Reflect.hasMetadata(PATH_METADATA, proto[k] as object));
    expect(routes).toEqual(BODY.map((a) => a.name));
    for (const a of ALL.filter((x) => x.endpoint)) expect(proto[a.name]).toBeUndefined();
  });

  it('needs are the names of the fields; a step without an endpoint takes no file', () => {
    for (const a of ALL) expect([...a.needs]).toEqual(Object.keys(a.fields));
    for (const a of BODY) expect(Object.values(a.fields).map((f) => f.kind)).not.toContain('file');
  });

  it.each(BODY.map((a) => [a.name, a] as const))('%s: the fields name every input of its example', (_name, a) => {
    const inputs = Object.entries(a.fields).map(([key, spec]) => inputKeyOf(key, spec));
    for (const key of Object.keys(a.example(model))) expect(inputs).toContain(key);
  });

  it.each(BODY.map((a) => [a.name, a] as const))('%s: the global pipe takes its example (with expectedVersion or without)', async (_name, a) => {
    const pipe = globalPipe();
    const body = bodyOfExample(a);
    const Dto = ACTION_BODY_DTOS[a.name]!;
    const taken = await pipe.transform(body, { type: 'body', metatype: Dto });
    expect(taken).toBeInstanceOf(Dto);
    expect(taken).toMatchObject(body);
    await expect(pipe.transform({ ...body, expectedVersion: 3 }, { type: 'body', metatype: Dto })).resolves.toMatchObject({ expectedVersion: 3 });
  });

  it.each(BODY.map((a) => [a.name, a] as const))('%s: refuses actor, idempotencyKey, an unknown property and a missing required field', async (_name, a) => {
    const body = bodyOfExample(a);
    expect(await refusal(a.name, { ...body, actor: { userId: 'someone-else' } })).toContain('property actor should not exist');
    expect(await refusal(a.name, { ...body, idempotencyKey: 'k-1' })).toContain('property idempotencyKey should not exist');
    expect(await refusal(a.name, { ...body, somethingElse: 1 })).toContain('property somethingElse should not exist');
    expect(await refusal(a.name, { ...body, expectedVersion: -1 })).toEqual([expect.stringMatching(/^expectedVersion/)]);
    for (const [key, spec] of Object.entries(a.fields)) {
      if (spec.optional) continue;
      const { [key]: _missing, ...without } = body;
      expect(await refusal(a.name, without)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${key}`))]));
    }
  });

  it('checks a field by its kind, with the messages the API gave before', async () => {
    expect(await refusal('requestExtension', { reason: 'Lý do', newDueOn: '2026-13-01' })).toEqual(['newDueOn: cần ngày dạng YYYY-MM-DD']);
    expect(await refusal('nameCoordinatingUnits', { unitCodes: ['CCHC', 'cchc'] })).toEqual(['unitCodes: mã đơn vị không hợp lệ']);
    expect(await refusal('nameCoordinatingUnits', { unitCodes: ['CCHC', 'CCHC'] })).toEqual(["All unitCodes's elements must be unique"]);
    expect(await refusal('saveDraft', { progressPercent: 101 })).toEqual(['progressPercent must not be greater than 100']);
    expect(await refusal('saveDraft', { attachments: [{ fileId: 'f', name: 'a.pdf', sha256: 'x' }] })).toEqual(['attachments.0.sha256 must match /^[0-9a-f]{64}$/ regular expression']);
    expect(await refusal('saveDraft', { attachments: [{ fileId: 'f', name: 'a.pdf', extra: 1 }] })).toEqual(['attachments.0.property extra should not exist']);
    expect(await refusal('comment', { text: 'x'.repeat(5001) })).toEqual(['text must be shorter than or equal to 5000 characters']);
    expect(await refusal('review', { opinion: 'maybe' })).toEqual([expect.stringMatching(/^opinion must be one of the following values: agree, agree_with_comments, disagree/)]);
    expect(await refusal('assign', { assigneeUserId: 'not-a-uuid' })).toEqual(['assigneeUserId must be a UUID']);
    expect(await refusal('submit', { overrideReview: 'yes' })).toEqual(['overrideReview must be a boolean value']);
  });

  it('builds no body for a file field', () => {
    expect(() => dtoClass('UploadDto', { file: { kind: 'file' } })).toThrow(/file/);
  });
});
