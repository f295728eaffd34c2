/**
 * What a person fills in for a step, declared once per action module (`fields`): plain data, no
 * decorators and no I/O, so the workflow bundle imports it like the rest of the registry. The API
 * builds its request bodies (class-validator and OpenAPI, `apps/api/src/tasks/action-dto.factory.ts`)
 * from these specs, and `needs` of `availableActions` are their names, in declaration order.
 *
 * The specs state the shape and size of the request (the API refuses anything else with 400
 * VALIDATION_FAILED); whether a text may be blank, or a date is acceptable now, stays the
 * workflow's decision (`check`), with its Vietnamese message.
 */

/** The workflow's own limit of a text (re-exported by task-machine as MAX_TEXT). */
export const MAX_TEXT = 20_000;

/** A calendar day, YYYY-MM-DD (the month and day in range; the calendar itself checks the rest). */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_DATE_MESSAGE = 'cần ngày dạng YYYY-MM-DD';

/** A unit's code, as the organization's units are named (`units.code`). */
export const UNIT_CODE = /^[A-Z0-9_-]{1,32}$/;
export const UNIT_CODE_MESSAGE = 'mã đơn vị không hợp lệ';

/** What every field may say: required unless `optional`, and its OpenAPI description and example. */
export interface FieldBase {
  optional?: boolean;
  /** Vietnamese: the field's label in a form (the web's form of a step without its own, `formOf`). */
  label?: string;
  /** Vietnamese: what the field is, shown in the API docs. */
  description?: string;
  example?: unknown;
}

export type FieldSpec =
  | (FieldBase & { kind: 'text'; maxLength: number })
  /** A calendar day, YYYY-MM-DD. */
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'uuid' })
  | (FieldBase & { kind: 'int'; min?: number; max?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; values: readonly string[] })
  /** A string matching `pattern` (e.g. a SHA-256 in hex). */
  | (FieldBase & { kind: 'pattern'; pattern: RegExp })
  /** One unit's code (UNIT_CODE); the API resolves it among the caller's organization's units, as the input's `as` (a UnitRef). */
  | (FieldBase & { kind: 'unitCode'; as: string })
  /** A list of unit codes, each at most once; resolved like `unitCode`, as the input's `as` (UnitRef[]). */
  | (FieldBase & { kind: 'unitCodes'; maxItems: number; as: string })
  /** A person's id (uuid): an active officer of the task's lead unit, resolved by the API as the input's `as` (an AssigneeRef). */
  | (FieldBase & { kind: 'officer'; as: string })
  /** A list of objects of one shape (the attachments of a draft or a report). */
  | (FieldBase & { kind: 'objects'; of: ObjectShape; maxItems: number })
  /** An uploaded file (multipart/form-data): only steps with their own `endpoint` take one. */
  | (FieldBase & { kind: 'file' });

export type FieldKind = FieldSpec['kind'];

/** The fields of a request body (or of a nested object), in the order a form shows them. */
export type Fields = Readonly<Record<string, FieldSpec>>;

/** A nested object's fields and its name (the API's class and OpenAPI component: `<name>Dto`). */
export interface ObjectShape {
  name: string;
  fields: Fields;
}

type Opt<K extends FieldKind> = Omit<Extract<FieldSpec, { kind: K }>, 'kind'>;
type Partly<K extends FieldKind, D extends keyof Opt<K>> = Omit<Opt<K>, D> & Partial<Pick<Opt<K>, D>>;

/** The vocabulary: `field.text({ optional: true, description: '...' })`. */
export const field = {
  /** A text, at most `maxLength` characters (the workflow's MAX_TEXT unless said). */
  text: (o: Partly<'text', 'maxLength'> = {}): FieldSpec => ({ kind: 'text', ...o, maxLength: o.maxLength ?? MAX_TEXT }),
  date: (o: Opt<'date'> = {}): FieldSpec => ({ kind: 'date', ...o }),
  uuid: (o: Opt<'uuid'> = {}): FieldSpec => ({ kind: 'uuid', ...o }),
  int: (o: Opt<'int'> = {}): FieldSpec => ({ kind: 'int', ...o }),
  boolean: (o: Opt<'boolean'> = {}): FieldSpec => ({ kind: 'boolean', ...o }),
  enum: (values: readonly string[], o: Omit<Opt<'enum'>, 'values'> = {}): FieldSpec => ({ kind: 'enum', values, ...o }),
  pattern: (pattern: RegExp, o: Omit<Opt<'pattern'>, 'pattern'> = {}): FieldSpec => ({ kind: 'pattern', pattern, ...o }),
  unitCode: (o: Opt<'unitCode'>): FieldSpec => ({ kind: 'unitCode', ...o }),
  unitCodes: (o: Partly<'unitCodes', 'maxItems'>): FieldSpec => ({ kind: 'unitCodes', ...o, maxItems: o.maxItems ?? 50 }),
  officer: (o: Opt<'officer'>): FieldSpec => ({ kind: 'officer', ...o }),
  objects: (of: ObjectShape, o: Partly<'objects', 'of' | 'maxItems'> = {}): FieldSpec => ({ kind: 'objects', ...o, of, maxItems: o.maxItems ?? 50 }),
  /** The files a draft or a report references (uploaded to the task before: POST /tasks/:id/attachments). */
  attachments: (o: Partly<'objects', 'of' | 'maxItems'> = {}): FieldSpec => field.objects(ATTACHMENT, o),
  file: (o: Opt<'file'> = {}): FieldSpec => ({ kind: 'file', ...o }),
} as const;

/**
 * A file a draft or a report references: the API keeps only the id and reads name, size and
 * SHA-256 of its own attachments row (a body's are not trusted).
 */
export const ATTACHMENT: ObjectShape = {
  name: 'Attachment',
  fields: {
    fileId: field.text({ maxLength: 200, description: 'Định danh tệp đã tải lên' }),
    name: field.text({ maxLength: 255, example: 'du-thao.docx' }),
    sha256: field.pattern(/^[0-9a-f]{64}$/, { optional: true, description: 'SHA-256 (hex)' }),
    size: field.int({ optional: true, min: 0 }),
  },
};

/**
 * The name of a field in the workflow's input: its own, or `as` for a reference the API resolves
 * before the Update (unit codes to the organization's units, a person's id to the officer).
 */
export function inputKeyOf(key: string, spec: FieldSpec): string {
  return 'as' in spec ? spec.as : key;
}

/** The names of the fields, in order: what `availableActions[].needs` lists. */
export function fieldNames(fields: Fields): readonly string[] {
  return Object.keys(fields);
}

/** One field of a step's form as the web renders it without a form of its own (`formOf`). */
export interface FormField {
  name: string;
  kind: 'text' | 'date' | 'int' | 'boolean' | 'enum';
  required: boolean;
  /** Its label: the spec's `label`, else its description, else its name. */
  label: string;
  description: string | null;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  /** The choices of an enum. */
  values: string[] | null;
}

const FORM_KINDS: ReadonlySet<FieldKind> = new Set(['text', 'date', 'int', 'boolean', 'enum']);

/**
 * A step's form, from its fields: what a person types, picks or ticks. Null when a field needs more
 * than a form control (units, an officer, files, attachments, ids): such a step has its own form.
 */
export function formOf(fields: Fields): FormField[] | null {
  const specs = Object.entries(fields);
  if (specs.some(([, f]) => !FORM_KINDS.has(f.kind))) return null;
  return specs.map(([name, f]) => ({
    name,
    kind: f.kind as FormField['kind'],
    required: !f.optional,
    label: f.label ?? f.description ?? name,
    description: f.label && f.description ? f.description : null,
    maxLength: f.kind === 'text' ? f.maxLength : null,
    min: f.kind === 'int' ? (f.min ?? null) : null,
    max: f.kind === 'int' ? (f.max ?? null) : null,
    values: f.kind === 'enum' ? [...f.values] : null,
  }));
}
