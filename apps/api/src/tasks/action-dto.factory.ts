import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ISO_DATE,
  ISO_DATE_MESSAGE,
  UNIT_CODE,
  UNIT_CODE_MESSAGE,
  type FieldSpec,
  type Fields,
  type ObjectShape,
} from '@app/workflows/task-lifecycle/actions/fields';

/**
 * Request body classes built from the field specs of the action registry
 * (`workflows/task-lifecycle/actions/fields.ts`): for each field, the class-validator decorators
 * the global ValidationPipe (whitelist, forbidNonWhitelisted, transform) runs and the OpenAPI
 * property @nestjs/swagger documents, applied as TypeScript applies written decorators (the same
 * `design:type` metadata, the same order). A property not declared is refused like any unknown one.
 */

type PropertyDecorators = PropertyDecorator[];

/** The property's type, as TypeScript would emit it (`design:type`): swagger infers from it. */
function designTypeOf(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'int':
      return Number;
    case 'boolean':
      return Boolean;
    case 'unitCodes':
    case 'objects':
      return Array;
    default:
      return String;
  }
}

/** The OpenAPI property of a field (its limits too: they are the validator's). */
function openApiOf(spec: FieldSpec): ApiPropertyOptions {
  const doc: Record<string, unknown> = {};
  if (spec.description !== undefined) doc.description = spec.description;
  if (spec.example !== undefined) doc.example = spec.example;
  switch (spec.kind) {
    case 'text':
      return { ...doc, maxLength: spec.maxLength };
    case 'date':
      return { ...doc, pattern: ISO_DATE.source };
    case 'uuid':
    case 'officer':
      return { ...doc, format: 'uuid' };
    case 'int':
      return { ...doc, type: 'integer', ...(spec.min !== undefined ? { minimum: spec.min } : {}), ...(spec.max !== undefined ? { maximum: spec.max } : {}) };
    case 'boolean':
      return doc;
    case 'enum':
      return { ...doc, enum: [...spec.values] };
    case 'pattern':
      return { ...doc, pattern: spec.pattern.source };
    case 'unitCode':
      return { ...doc, pattern: UNIT_CODE.source };
    case 'unitCodes':
      return { ...doc, type: [String], maxItems: spec.maxItems, uniqueItems: true };
    case 'objects':
      return { ...doc, type: [dtoOfShape(spec.of)], maxItems: spec.maxItems };
    case 'file':
      throw new Error('A file field is not part of a JSON body (its step has its own endpoint).');
  }
}

/** The validators of a field, in the order they would be written above the property. */
function validatorsOf(key: string, spec: FieldSpec): PropertyDecorators {
  switch (spec.kind) {
    case 'text':
      return [IsString(), MaxLength(spec.maxLength)];
    case 'date':
      return [Matches(ISO_DATE, { message: `${key}: ${ISO_DATE_MESSAGE}` })];
    case 'uuid':
    case 'officer':
      return [IsUUID()];
    case 'int':
      return [IsInt(), ...(spec.min !== undefined ? [Min(spec.min)] : []), ...(spec.max !== undefined ? [Max(spec.max)] : [])];
    case 'boolean':
      return [IsBoolean()];
    case 'enum':
      return [IsIn([...spec.values])];
    case 'pattern':
      return [Matches(spec.pattern)];
    case 'unitCode':
      return [Matches(UNIT_CODE, { message: `${key}: ${UNIT_CODE_MESSAGE}` })];
    case 'unitCodes':
      return [IsArray(), ArrayMaxSize(spec.maxItems), ArrayUnique(), Matches(UNIT_CODE, { each: true, message: `${key}: ${UNIT_CODE_MESSAGE}` })];
    case 'objects': {
      const Nested = dtoOfShape(spec.of);
      return [IsArray(), ArrayMaxSize(spec.maxItems), ValidateNested({ each: true }), TransformTo(() => Nested)];
    }
    case 'file':
      throw new Error('A file field is not part of a JSON body (its step has its own endpoint).');
  }
}

/** Declares `key` on `target` as `@ApiProperty… @IsOptional? @<validators> key: <type>` would. */
function declareField(target: object, key: string, spec: FieldSpec): void {
  const decorators: PropertyDecorators = [
    spec.optional ? ApiPropertyOptional(openApiOf(spec)) : ApiProperty(openApiOf(spec)),
    ...(spec.optional ? [IsOptional()] : []),
    ...validatorsOf(key, spec),
  ];
  Reflect.defineMetadata('design:type', designTypeOf(spec), target, key);
  // Like TypeScript's __decorate: the decorator written last runs first.
  for (const d of [...decorators].reverse()) d(target, key);
}

/** A class named `name` (the OpenAPI component), extending `base`, with `fields` declared. */
export function dtoClass<B extends object>(name: string, fields: Fields, base?: Type<B>): Type<B> {
  const Base = (base ?? class {}) as Type<object>;
  const keys = Object.keys(fields);
  const Dto = {
    [name]: class extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        // As a declared class field does (useDefineForClassFields): an own property, undefined until given.
        for (const key of keys) Object.defineProperty(this, key, { value: undefined, writable: true, enumerable: true, configurable: true });
      }
    },
  }[name];
  for (const [key, spec] of Object.entries(fields)) declareField(Dto.prototype, key, spec);
  return Dto as Type<B>;
}

const shapes = new Map<ObjectShape, Type<object>>();

/** The class of a nested shape (`<name>Dto`), built once: one OpenAPI component however many use it. */
export function dtoOfShape(shape: ObjectShape): Type<object> {
  let Dto = shapes.get(shape);
  if (!Dto) {
    Dto = dtoClass(`${shape.name}Dto`, shape.fields);
    shapes.set(shape, Dto);
  }
  return Dto;
}

/** `saveDraft` → `SaveDraftDto`. */
export function dtoNameOf(action: string): string {
  return `${action[0].toUpperCase()}${action.slice(1)}Dto`;
}
